/**
 * Saving an imported plan as a draft, in one transaction, in batches: one statement per
 * thousand new tasks, one for all changed tasks, one per few thousand assignments and
 * deadlines (a 3,000-task plan saves in a couple of seconds; task by task it took a minute
 * and ran into the transaction timeout). Plans over MAX_PLAN_TASKS are refused, with their
 * size, before anything is written. The plan is keyed by the hash of
 * its cleaned text, so importing the same document again updates the draft instead of
 * duplicating it. Units are upserted by name and alias (区卫健局 = 区卫生健康局), so the same
 * unit is one row across plans. Tasks are updated in place by path: a plan that is already
 * active keeps its progress history, and tasks with reports are never deleted.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';
import type { DbClient } from './client.ts';
import { AppError } from '../lib/errors.ts';
import { unitAliases } from '../tasks/unit-aliases.ts';

/** Most tasks one plan may have: the largest 督办 plans list a few hundred; a longer list is a mistake or several plans in one. */
export const MAX_PLAN_TASKS = 5000;
/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters. */
const BATCH = 1000;

type Kind = 'date' | 'inferred' | 'recurring' | 'ongoing' | 'unknown';

/** What the store needs of an imported plan (structurally the importer's ImportedPlan). */
export interface PlanDraftInput {
  doc: { title: string | null; issuer: string | null; docNumber: string | null; issuedAt: string | null; planPeriod: { raw: string; end: string } | null; reportCycle?: { every: string; day: number } };
  sourceHash: string;
  /** a 交办 or a meeting's minutes: where the tasks come from (absent for a plan document) */
  origin?: PlanOriginInput | null;
  tasks: {
    path: string; pathKey: string; seq: number; title: string; text: string;
    targets: string[]; warnings: string[]; recurring: string | null;
    leadUnits: string[]; assistUnits: string[]; units: string[];
    deadlines: { raw: string; date: string | null; kind: Kind }[];
  }[];
}

export interface PlanOriginInput {
  kind: 'instruction' | 'meeting' | 'other';
  leader: string | null;
  text: string | null;
  meeting: string | null;
  /** 'YYYY-MM-DD' */
  meetingDate: string | null;
}

export interface SavedPlan {
  planId: string;
  created: boolean;
  status: 'draft' | 'active' | 'archived';
  tasks: number;
  units: number;
  removedTasks: number;
}

const day = (s: string | null) => (s ? new Date(`${s}T00:00:00Z`) : null);

/** The unit row for a name as written: exact name, a known alias, or a unit whose name is one of this name's aliases. */
async function resolveUnit(tx: DbClient, name: string): Promise<string> {
  const aliases = unitAliases(name);
  const hit = (await tx.unit.findUnique({ where: { name } }))
    ?? (await tx.unit.findFirst({ where: { aliases: { has: name } }, orderBy: { createdAt: 'asc' } }))
    ?? (await tx.unit.findFirst({ where: { name: { in: aliases } }, orderBy: { createdAt: 'asc' } }));
  if (hit) {
    const merged = [...new Set([...hit.aliases, ...aliases.filter((a) => a !== hit.name)])];
    if (merged.length !== hit.aliases.length) await tx.unit.update({ where: { id: hit.id }, data: { aliases: merged } });
    return hit.id;
  }
  const collective = /^(?:各|有关|相关|其他|其它)|(?:有关部门|相关部门|有关单位|成员单位)$/.test(name);
  const row = await tx.unit.create({ data: { name, aliases: aliases.filter((a) => a !== name), collective } });
  return row.id;
}

/** The denormalised due day and kind of a task: its last stated day, else the fallback, else the kind it has. */
function dueOf(deadlines: PlanDraftInput['tasks'][number]['deadlines']): { dueDate: Date | null; dueKind: Kind } {
  const stated = deadlines.filter((d) => d.kind === 'date' && d.date).map((d) => d.date!).sort();
  if (stated.length) return { dueDate: day(stated[stated.length - 1]!), dueKind: 'date' };
  const inferred = deadlines.find((d) => d.kind === 'inferred');
  if (inferred) return { dueDate: day(inferred.date), dueKind: 'inferred' };
  return { dueDate: null, dueKind: deadlines[0]?.kind ?? 'unknown' };
}

function roleOf(t: PlanDraftInput['tasks'][number], unit: string): 'lead' | 'assist' | 'owner' {
  return t.leadUnits.includes(unit) ? 'lead' : t.assistUnits.includes(unit) ? 'assist' : 'owner';
}

async function upsertPlan(tx: DbClient, plan: PlanDraftInput, sourceName: string | null) {
  const data = {
    title: plan.doc.title ?? sourceName ?? '未命名计划', issuer: plan.doc.issuer, docNumber: plan.doc.docNumber,
    issuedAt: day(plan.doc.issuedAt), planPeriod: plan.doc.planPeriod?.raw ?? null, sourceName,
    ...(plan.origin ? {
      origin: plan.origin.kind, originLeader: plan.origin.leader, originText: plan.origin.text,
      meetingName: plan.origin.meeting, meetingDate: day(plan.origin.meetingDate),
    } : {}),
  };
  const existing = await tx.plan.findUnique({ where: { sourceHash: plan.sourceHash } });
  // 定期报送 written in the document ("请于每月25日前报送进展") becomes the plan's report cycle, unless already set
  const cycle = plan.doc.reportCycle;
  const own = existing?.reminderPolicy && typeof existing.reminderPolicy === 'object' ? (existing.reminderPolicy as Record<string, unknown>) : null;
  const policy = cycle && !own?.reportCycle ? { reminderPolicy: { ...(own ?? {}), reportCycle: cycle } } : {};
  if (existing) return { row: await tx.plan.update({ where: { id: existing.id }, data: { ...data, ...policy } }), created: false };
  return { row: await tx.plan.create({ data: { ...data, ...policy, sourceHash: plan.sourceHash } }), created: true };
}

function chunks<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type TaskInput = PlanDraftInput['tasks'][number];

const taskFields = (t: TaskInput) => ({ pathKey: t.pathKey, seq: t.seq, title: t.title, text: t.text, targets: t.targets, warnings: t.warnings, recurring: t.recurring, ...dueOf(t.deadlines) });

/** A task's fields as unnest() arrays (array columns travel as JSON text). */
function columns(rows: { id: string; t: TaskInput }[]) {
  const f = rows.map(({ id, t }) => ({ id, path: t.path, ...taskFields(t) }));
  return {
    id: f.map((r) => r.id), path: f.map((r) => r.path), pathKey: f.map((r) => r.pathKey), seq: f.map((r) => r.seq), title: f.map((r) => r.title), text: f.map((r) => r.text),
    targets: f.map((r) => JSON.stringify(r.targets)), warnings: f.map((r) => JSON.stringify(r.warnings)), recurring: f.map((r) => r.recurring),
    dueDate: f.map((r) => r.dueDate?.toISOString().slice(0, 10) ?? null), dueKind: f.map((r) => r.dueKind),
  };
}

/** Inserts new tasks, a thousand per statement; a path already taken is skipped. Returns the rows made. */
async function insertTasks(tx: DbClient, planId: string, tasks: TaskInput[]): Promise<{ id: string; path: string }[]> {
  const made: { id: string; path: string }[] = [];
  for (const part of chunks(tasks)) {
    const c = columns(part.map((t) => ({ id: randomUUID(), t })));
    made.push(...await tx.$queryRaw<{ id: string; path: string }[]>`
      insert into "Task" (id, "planId", path, "pathKey", seq, title, text, targets, warnings, recurring, "dueDate", "dueKind", "updatedAt")
      select u.id, ${planId}, u.path, u."pathKey", u.seq, u.title, u.text, array(select jsonb_array_elements_text(u.targets::jsonb)),
        array(select jsonb_array_elements_text(u.warnings::jsonb)), u.recurring, u."dueDate"::date, u."dueKind"::"DeadlineKind", now()
      from unnest(${c.id}::text[], ${c.path}::text[], ${c.pathKey}::text[], ${c.seq}::int[], ${c.title}::text[], ${c.text}::text[], ${c.targets}::text[],
        ${c.warnings}::text[], ${c.recurring}::text[], ${c.dueDate}::text[], ${c.dueKind}::text[])
        as u(id, path, "pathKey", seq, title, text, targets, warnings, recurring, "dueDate", "dueKind")
      on conflict ("planId", path) do nothing
      returning id, path`);
  }
  return made;
}

/** Rewrites the fields of tasks already saved, a thousand per UPDATE. */
async function updateTasks(tx: DbClient, rows: { id: string; t: TaskInput }[]): Promise<void> {
  for (const part of chunks(rows)) {
    const c = columns(part);
    await tx.$executeRaw`
      update "Task" as t set "pathKey" = u."pathKey", seq = u.seq, title = u.title, text = u.text,
        targets = array(select jsonb_array_elements_text(u.targets::jsonb)), warnings = array(select jsonb_array_elements_text(u.warnings::jsonb)),
        recurring = u.recurring, "dueDate" = u."dueDate"::date, "dueKind" = u."dueKind"::"DeadlineKind", "updatedAt" = now()
      from unnest(${c.id}::text[], ${c.pathKey}::text[], ${c.seq}::int[], ${c.title}::text[], ${c.text}::text[], ${c.targets}::text[],
        ${c.warnings}::text[], ${c.recurring}::text[], ${c.dueDate}::text[], ${c.dueKind}::text[])
        as u(id, "pathKey", seq, title, text, targets, warnings, recurring, "dueDate", "dueKind")
      where t.id = u.id`;
  }
}

/** Replaces the assignments of `taskIds` (one DELETE, one INSERT per few thousand rows). */
async function writeAssignments(tx: DbClient, taskIds: string[], rows: { taskId: string; unitId: string; role: string; nameAsWritten: string }[]): Promise<void> {
  await tx.$executeRaw`delete from "Assignment" where "taskId" = any(${taskIds}::text[])`;
  for (const part of chunks(rows, 5 * BATCH)) {
    await tx.$executeRaw`
      insert into "Assignment" ("taskId", "unitId", role, "nameAsWritten")
      select u."taskId", u."unitId", u.role::"AssignmentRole", u.name
      from unnest(${part.map((r) => r.taskId)}::text[], ${part.map((r) => r.unitId)}::text[], ${part.map((r) => r.role)}::text[], ${part.map((r) => r.nameAsWritten)}::text[]) as u("taskId", "unitId", role, name)
      on conflict do nothing`;
  }
}

/** Replaces the deadlines of `taskIds`. */
async function writeDeadlines(tx: DbClient, taskIds: string[], rows: { taskId: string; raw: string; date: string | null; kind: Kind }[]): Promise<void> {
  await tx.$executeRaw`delete from "Deadline" where "taskId" = any(${taskIds}::text[])`;
  for (const part of chunks(rows, 5 * BATCH)) {
    await tx.$executeRaw`
      insert into "Deadline" (id, "taskId", raw, date, kind)
      select u.id, u."taskId", u.raw, u.date::date, u.kind::"DeadlineKind"
      from unnest(${part.map(() => randomUUID())}::text[], ${part.map((r) => r.taskId)}::text[], ${part.map((r) => r.raw)}::text[], ${part.map((r) => r.date)}::text[], ${part.map((r) => r.kind)}::text[]) as u(id, "taskId", raw, date, kind)`;
  }
}

/** Saves (or updates) the draft of an imported plan in one transaction. */
async function savePlanDraft(db: Db, plan: PlanDraftInput, opts: { sourceName?: string } = {}): Promise<SavedPlan> {
  if (plan.tasks.length > MAX_PLAN_TASKS) throw new AppError('BAD_DOCUMENT', { reason: 'too_many_tasks', tasks: plan.tasks.length, max: MAX_PLAN_TASKS });
  return db.$transaction(async (tx) => {
    const { row, created } = await upsertPlan(tx, plan, opts.sourceName ?? null);
    const unitIds = new Map<string, string>();
    for (const name of new Set(plan.tasks.flatMap((t) => t.units))) unitIds.set(name, await resolveUnit(tx, name));
    const saved = await tx.task.findMany({ where: { planId: row.id }, select: { id: true, path: true, deadlines: { where: { original: { not: null } }, select: { id: true }, take: 1 } } });
    const byPath = new Map(saved.map((t) => [t.path, t]));
    const fresh = plan.tasks.filter((t) => !byPath.has(t.path));
    for (const m of await insertTasks(tx, row.id, fresh)) byPath.set(m.path, { ...m, deadlines: [] });
    const made = new Set(fresh);
    await updateTasks(tx, plan.tasks.filter((t) => !made.has(t)).map((t) => ({ id: byPath.get(t.path)!.id, t })));
    const ids = plan.tasks.map((t) => byPath.get(t.path)!.id);
    await writeAssignments(tx, ids, plan.tasks.flatMap((t, i) => [...new Map(t.units.map((u) => [unitIds.get(u)!, u])).entries()]
      .map(([unitId, u]) => ({ taskId: ids[i]!, unitId, role: roleOf(t, u), nameAsWritten: u }))));
    // an extension already approved on an active plan is history: keep those deadlines
    const rewrite = plan.tasks.map((t, i) => ({ t, id: ids[i]! })).filter(({ t }) => !(row.status === 'active' && byPath.get(t.path)!.deadlines.length));
    await writeDeadlines(tx, rewrite.map((r) => r.id), rewrite.flatMap(({ t, id }) => t.deadlines.map((d) => ({ taskId: id, raw: d.raw, date: d.date, kind: d.kind }))));
    const gone = await tx.task.deleteMany({
      where: { planId: row.id, id: { notIn: ids }, reports: { none: {} }, extensions: { none: {} }, reminderItems: { none: {} } },
    });
    return { planId: row.id, created, status: row.status, tasks: plan.tasks.length, units: unitIds.size, removedTasks: gone.count };
  }, { timeout: 60_000, maxWait: 10_000 });
}

export type PlanStatusName = 'draft' | 'active' | 'archived';

/** Plans as wholes: saving an import's draft, finding a plan, switching it on and off. */
export function plansStore(db: DbClient, root: Db) {
  return {
    saveDraft: (plan: PlanDraftInput, opts: { sourceName?: string } = {}) => savePlanDraft(root, plan, opts),
    setStatus: (planId: string, status: PlanStatusName) => db.plan.update({ where: { id: planId }, data: { status }, select: { id: true, title: true, status: true } }),
    /** plans in these states, newest first, optionally those whose title contains `titleContains` */
    list: (f: { statuses: PlanStatusName[]; titleContains?: string | null }) => db.plan.findMany({
      where: { status: { in: f.statuses }, ...(f.titleContains ? { title: { contains: f.titleContains } } : {}) },
      orderBy: { createdAt: 'desc' }, take: 50,
      select: { id: true, title: true, status: true, createdAt: true, _count: { select: { tasks: true } } },
    }),
    /** tasks whose final deadline is before `today` ('YYYY-MM-DD'), not finished */
    pastDueCount: (planId: string, today: string) => db.task.count({ where: { planId, state: { in: ['open', 'claimed_done'] }, dueDate: { lt: new Date(`${today}T00:00:00Z`) } } }),
    pendingClaims: (planId: string) => db.task.count({ where: { planId, state: 'claimed_done' } }),
    pendingExtensions: (planId: string) => db.extensionRequest.count({ where: { state: 'pending', task: { planId } } }),
    byId: (planId: string) => db.plan.findUnique({ where: { id: planId }, select: { id: true, title: true, status: true, createdAt: true, issuedAt: true } }),
    /** a plan's tasks in document order, as its review lists them: units with roles, due day, warnings */
    reviewTasks: (planId: string) => db.task.findMany({
      where: { planId }, orderBy: { seq: 'asc' },
      select: { id: true, path: true, pathKey: true, title: true, warnings: true, dueDate: true, dueKind: true, assignments: { select: { role: true, unit: { select: { id: true, name: true } } } } },
    }),
    /** drops tasks of a draft (the admin deleted them in review); an active plan's tasks are never dropped here */
    dropDraftTasks: (planId: string, taskIds: string[]) => db.task.deleteMany({ where: { planId, id: { in: taskIds }, plan: { status: 'draft' } } }),
    /** where a plan's tasks come from (交办, 会议纪要), null for a plan document */
    originOf: (planId: string) => db.plan.findUnique({ where: { id: planId }, select: { origin: true, originLeader: true, originText: true, meetingName: true, meetingDate: true } }),
    /** the ids of a plan's tasks, in document order */
    taskIds: async (planId: string) => (await db.task.findMany({ where: { planId }, select: { id: true }, orderBy: { seq: 'asc' } })).map((t) => t.id),
    /** 交办 registered so far (their tasks are numbered on from it) */
    assignmentCount: () => db.plan.count({ where: { origin: { not: null } } }),
    /** a plan by id, or by a part of its title (newest first) */
    find: (idOrTitle: string) => db.plan.findFirst({
      where: { OR: [{ id: idOrTitle }, { title: { contains: idOrTitle } }] }, orderBy: { createdAt: 'desc' },
      select: { id: true, title: true, status: true, createdAt: true },
    }),
  };
}
export type PlansStore = ReturnType<typeof plansStore>;
