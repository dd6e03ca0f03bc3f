/**
 * Saving an imported plan as a draft, in one transaction. The plan is keyed by the hash of
 * its cleaned text, so importing the same document again updates the draft instead of
 * duplicating it. Units are upserted by name and alias (区卫健局 = 区卫生健康局), so the same
 * unit is one row across plans. Tasks are updated in place by path: a plan that is already
 * active keeps its progress history, and tasks with reports are never deleted.
 */
import type { Db } from './db.ts';
import type { DbClient } from './client.ts';
import { unitAliases } from '../tasks/unit-aliases.ts';

type Kind = 'date' | 'inferred' | 'recurring' | 'ongoing' | 'unknown';

/** What the store needs of an imported plan (structurally the importer's ImportedPlan). */
export interface PlanDraftInput {
  doc: { title: string | null; issuer: string | null; docNumber: string | null; issuedAt: string | null; planPeriod: { raw: string; end: string } | null };
  sourceHash: string;
  tasks: {
    path: string; pathKey: string; seq: number; title: string; text: string;
    targets: string[]; warnings: string[]; recurring: string | null;
    leadUnits: string[]; assistUnits: string[]; units: string[];
    deadlines: { raw: string; date: string | null; kind: Kind }[];
  }[];
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
  };
  const existing = await tx.plan.findUnique({ where: { sourceHash: plan.sourceHash } });
  if (existing) return { row: await tx.plan.update({ where: { id: existing.id }, data }), created: false };
  return { row: await tx.plan.create({ data: { ...data, sourceHash: plan.sourceHash } }), created: true };
}

/** Saves (or updates) the draft of an imported plan in one transaction. */
async function savePlanDraft(db: Db, plan: PlanDraftInput, opts: { sourceName?: string } = {}): Promise<SavedPlan> {
  return db.$transaction(async (tx) => {
    const { row, created } = await upsertPlan(tx, plan, opts.sourceName ?? null);
    const unitIds = new Map<string, string>();
    for (const name of new Set(plan.tasks.flatMap((t) => t.units))) unitIds.set(name, await resolveUnit(tx, name));
    const keep = new Set<string>();
    for (const t of plan.tasks) {
      const fields = { pathKey: t.pathKey, seq: t.seq, title: t.title, text: t.text, targets: t.targets, warnings: t.warnings, recurring: t.recurring, ...dueOf(t.deadlines) };
      const task = await tx.task.upsert({
        where: { planId_path: { planId: row.id, path: t.path } },
        create: { planId: row.id, path: t.path, ...fields },
        update: fields,
        select: { id: true, deadlines: { select: { original: true } } },
      });
      keep.add(task.id);
      await tx.assignment.deleteMany({ where: { taskId: task.id } });
      const assignments = [...new Map(t.units.map((u) => [unitIds.get(u)!, u])).entries()];
      await tx.assignment.createMany({ data: assignments.map(([unitId, u]) => ({ taskId: task.id, unitId, role: roleOf(t, u), nameAsWritten: u })) });
      // an extension already approved on an active plan is history: keep those deadlines
      if (row.status === 'active' && task.deadlines.some((d) => d.original)) continue;
      await tx.deadline.deleteMany({ where: { taskId: task.id } });
      await tx.deadline.createMany({ data: t.deadlines.map((d) => ({ taskId: task.id, raw: d.raw, date: day(d.date), kind: d.kind })) });
    }
    const gone = await tx.task.deleteMany({
      where: { planId: row.id, id: { notIn: [...keep] }, reports: { none: {} }, extensions: { none: {} }, reminderItems: { none: {} } },
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
    byId: (planId: string) => db.plan.findUnique({ where: { id: planId }, select: { id: true, title: true, status: true, createdAt: true } }),
    /** a plan by id, or by a part of its title (newest first) */
    find: (idOrTitle: string) => db.plan.findFirst({
      where: { OR: [{ id: idOrTitle }, { title: { contains: idOrTitle } }] }, orderBy: { createdAt: 'desc' },
      select: { id: true, title: true, status: true, createdAt: true },
    }),
  };
}
export type PlansStore = ReturnType<typeof plansStore>;
