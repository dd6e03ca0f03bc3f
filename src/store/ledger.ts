/**
 * The queries behind the ledger, bulletin and dashboard: whole plans with what the ledger
 * shows per task, each task's full record (一事一记), and the writes an imported ledger
 * applies. Reads take a plan id or "every active plan"; nothing here decides a status.
 */
import { replaceAssignments } from './signing.ts';
import type { DbClient } from './client.ts';
import { Prisma } from './generated/client.ts';

type TaskStateName = 'open' | 'claimed_done' | 'done' | 'cancelled';
export type AssignmentRoleName = 'lead' | 'assist' | 'owner';
export type DueKindName = 'date' | 'inferred' | 'recurring' | 'ongoing' | 'unknown';

/** A task with what the ledger shows; reports and extensions oldest first. */
export interface LedgerTaskRow {
  id: string; planId: string; path: string; pathKey: string; seq: number; title: string; targets: string[];
  state: TaskStateName; percent: number; lastReportAt: Date | null; doneAt: Date | null; dueDate: Date | null; dueKind: DueKindName; createdAt: Date;
  /** 签收: when the task reached the unit and when the unit signed (null reachedAt: before 签收 existed) */
  assignments: { role: AssignmentRoleName; unit: { id: string; name: string }; reachedAt: Date | null; signedAt: Date | null }[];
  /** the plan's and the task's reminder settings (签收 period, 定期报送 cycle) */
  planPolicy: unknown;
  taskPolicy: unknown;
  /** 定期报送 plans and tasks only: every report a unit made on the task (progress or 办结 claim), for each cycle's 报送率 */
  reportTimes: { unitId: string; at: Date }[];
  deadlines: { date: Date | null; raw: string; kind: DueKindName; original: Date | null }[];
  /**
   * each unit's latest progress report on the task (the latest overall is the task's 最新进展,
   * each unit's own is its 最近报送时间 in 汇总), and every done_claim, done_confirmed and
   * returned (the assessment); oldest first
   */
  reports: { kind: string; unitId: string | null; note: string | null; originalText: string; percent: number | null; createdAt: Date }[];
  extensions: { state: 'pending' | 'approved' | 'rejected'; requestedDate: Date; approvedDate: Date | null; createdAt: Date }[];
  /** the names of its 佐证材料, oldest first */
  evidence: string[];
}

export interface LedgerPlanRow {
  id: string;
  title: string;
  issuer: string | null;
  docNumber: string | null;
  status: string;
  /** 交办 / 会议纪要: where the plan's tasks come from (null for a plan document) */
  origin: 'instruction' | 'meeting' | 'other' | null;
  originLeader: string | null;
  meetingName: string | null;
  meetingDate: Date | null;
  tasks: LedgerTaskRow[];
}

type ByTask<T> = T & { taskId: string };

function groupByTask<T>(rows: ByTask<T>[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const { taskId, ...rest } of rows) {
    const list = out.get(taskId);
    if (list) list.push(rest as T);
    else out.set(taskId, [rest as T]);
  }
  return out;
}

/**
 * One plan (any status), or every active plan, with its tasks in document order (or just
 * `taskId`).
 * Flat SQL, one statement per table, joined in memory: a 1,000-task plan loads in tens of
 * milliseconds, where one nested ORM query took seconds on first use.
 */
async function loadLedgerPlans(db: DbClient, opts: { planId?: string; taskId?: string } = {}): Promise<LedgerPlanRow[]> {
  const planWhere = opts.planId ? Prisma.sql`p.id = ${opts.planId}` : Prisma.sql`p.status = 'active'`;
  const taskWhere = opts.taskId ? Prisma.sql`t.state <> 'cancelled' and t.id = ${opts.taskId}` : Prisma.sql`t.state <> 'cancelled'`;
  const inScope = Prisma.sql`join "Task" t on t.id = x."taskId" join "Plan" p on p.id = t."planId" where ${planWhere} and ${taskWhere}`;
  const [plans, tasks, assignments, deadlines, reports, extensions, reportTimes, evidence] = await Promise.all([
    db.$queryRaw<Omit<LedgerPlanRow, 'tasks'>[]>`select p.id, p.title, p.issuer, p."docNumber", p.status::text as status, p.origin::text as origin, p."originLeader", p."meetingName", p."meetingDate" from "Plan" p where ${planWhere} order by p."createdAt"`,
    db.$queryRaw<Omit<LedgerTaskRow, 'assignments' | 'deadlines' | 'reports' | 'extensions' | 'reportTimes' | 'evidence'>[]>`
      select t.id, t."planId", t.path, t."pathKey", t.seq, t.title, t.targets, t.state::text as state, t.percent, t."lastReportAt", t."doneAt",
        t."dueDate", t."dueKind"::text as "dueKind", t."createdAt", p."reminderPolicy" as "planPolicy", t."reminderPolicy" as "taskPolicy"
      from "Task" t join "Plan" p on p.id = t."planId" where ${planWhere} and ${taskWhere} order by t.seq`,
    db.$queryRaw<ByTask<{ role: AssignmentRoleName; unitId: string; unitName: string; reachedAt: Date | null; signedAt: Date | null }>[]>`
      select x."taskId", x.role::text as role, u.id as "unitId", u.name as "unitName", x."reachedAt", x."signedAt" from "Assignment" x join "Unit" u on u.id = x."unitId" ${inScope}`,
    db.$queryRaw<ByTask<LedgerTaskRow['deadlines'][number]>[]>`
      select x."taskId", x.date, x.raw, x.kind::text as kind, x.original from "Deadline" x ${inScope} order by x.date nulls last`,
    db.$queryRaw<ByTask<LedgerTaskRow['reports'][number]>[]>`
      select * from (
        select x."taskId", x.kind, x."unitId", x.note, x."originalText", x.percent, x."createdAt" from "ProgressReport" x ${inScope}
          and x.kind in ('done_claim', 'done_confirmed', 'returned') and x."withdrawnAt" is null
        union all
        select * from (select distinct on (x."taskId", x."unitId") x."taskId", x.kind, x."unitId", x.note, x."originalText", x.percent, x."createdAt"
          from "ProgressReport" x ${inScope} and x.kind = 'progress' and x."withdrawnAt" is null order by x."taskId", x."unitId", x."createdAt" desc) latest
      ) r order by r."createdAt"`,
    db.$queryRaw<ByTask<LedgerTaskRow['extensions'][number]>[]>`
      select x."taskId", x.state::text as state, x."requestedDate", x."approvedDate", x."createdAt" from "ExtensionRequest" x ${inScope} order by x."createdAt"`,
    db.$queryRaw<ByTask<LedgerTaskRow['reportTimes'][number]>[]>`
      select x."taskId", x."unitId", x."createdAt" as at from "ProgressReport" x ${inScope}
        and x.kind in ('progress', 'done_claim') and x."withdrawnAt" is null and x."unitId" is not null
        and (coalesce(p."reminderPolicy", '{}'::jsonb) ? 'reportCycle' or coalesce(t."reminderPolicy", '{}'::jsonb) ? 'reportCycle')`,
    db.$queryRaw<ByTask<{ name: string }>[]>`
      select x."taskId", x.name from "Evidence" x ${inScope} order by x."createdAt", x.seq`,
  ]);
  const ev = groupByTask(evidence);
  const units = groupByTask(assignments.map((a) => ({ taskId: a.taskId, role: a.role, unit: { id: a.unitId, name: a.unitName }, reachedAt: a.reachedAt, signedAt: a.signedAt })));
  const times = groupByTask(reportTimes);
  const dl = groupByTask(deadlines);
  const rp = groupByTask(reports);
  const ex = groupByTask(extensions);
  const byPlan = new Map(plans.map((p) => [p.id, { ...p, tasks: [] as LedgerTaskRow[] }]));
  for (const t of tasks) {
    // the pg adapter gives an empty text[] back as null
    byPlan.get(t.planId)?.tasks.push({ ...t, targets: t.targets ?? [], assignments: units.get(t.id) ?? [], deadlines: dl.get(t.id) ?? [], reports: rp.get(t.id) ?? [], extensions: ex.get(t.id) ?? [], reportTimes: times.get(t.id) ?? [], evidence: (ev.get(t.id) ?? []).map((e) => e.name) });
  }
  return [...byPlan.values()];
}

/** Everything that happened to the given tasks, for the trail (全程留痕). */
async function loadTrailRecords(db: DbClient, taskIds: string[]) {
  const where = { taskId: { in: taskIds } };
  const [reports, extensions, reminderItems, audits] = await Promise.all([
    db.progressReport.findMany({
      where, orderBy: { createdAt: 'asc' },
      select: { taskId: true, kind: true, percent: true, note: true, originalText: true, reminderId: true, createdAt: true, withdrawnAt: true, unit: { select: { name: true } }, personId: true },
    }),
    db.extensionRequest.findMany({ where, orderBy: { createdAt: 'asc' } }),
    db.reminderItem.findMany({
      where,
      select: { taskId: true, step: true, daysOverdue: true, reminder: { select: { id: true, kind: true, unitId: true, state: true, sentAt: true, ackAt: true } } },
    }),
    db.auditLog.findMany({ where, orderBy: { at: 'asc' } }),
  ]);
  const personIds = [...new Set([...reports.map((r) => r.personId), ...extensions.map((e) => e.personId)].filter((x): x is string => !!x))];
  const unitIds = [...new Set(reminderItems.map((i) => i.reminder.unitId).concat(extensions.map((e) => e.unitId)).filter((x): x is string => !!x))];
  const [people, units] = await Promise.all([
    db.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } }),
    db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } }),
  ]);
  return { reports, extensions, reminderItems, audits, people, units };
}

export type TrailRecords = Awaited<ReturnType<typeof loadTrailRecords>>;

/** The unit directory, for reading unit names typed into a ledger. */
function loadUnitDirectory(db: DbClient) {
  return db.unit.findMany({ select: { id: true, name: true, aliases: true }, orderBy: { name: 'asc' } });
}

/** Current editable facts of tasks, to check a change set against before applying it. */
function loadEditableFacts(db: DbClient, taskIds: string[]) {
  return db.task.findMany({
    where: { id: { in: taskIds } },
    select: { id: true, planId: true, title: true, targets: true, dueDate: true, dueKind: true, assignments: { select: { role: true, unitId: true } } },
  });
}

/** Ledger writes; each runs inside the caller's transaction. */
function ledgerWrites(db: DbClient, now: () => Date) {
  return {
    setTitle: (taskId: string, title: string) => db.task.update({ where: { id: taskId }, data: { title } }),
    setTargets: (taskId: string, targets: string[]) => db.task.update({ where: { id: taskId }, data: { targets } }),
    /** the units that stay keep their 签收; new units start theirs through reminders' startSigning */
    setUnits: (taskId: string, units: { unitId: string; role: AssignmentRoleName; nameAsWritten: string }[]) => replaceAssignments(db, taskId, units),
    /** A corrected final deadline: the row holding the old final day is rewritten (not an extension). */
    async setDue(taskId: string, due: { date: string | null; kind: DueKindName }, raw: string) {
      const task = await db.task.findUniqueOrThrow({ where: { id: taskId }, select: { dueDate: true } });
      const date = due.date ? new Date(`${due.date}T00:00:00Z`) : null;
      const last = await db.deadline.findFirst({ where: { taskId, date: task.dueDate }, orderBy: { id: 'asc' } });
      if (last) await db.deadline.update({ where: { id: last.id }, data: { date, kind: due.kind, raw } });
      else await db.deadline.create({ data: { taskId, date, kind: due.kind, raw } });
      await db.task.update({ where: { id: taskId }, data: { dueDate: date, dueKind: due.kind } });
    },
    async nextSeq(planId: string): Promise<number> {
      const r = await db.task.aggregate({ where: { planId }, _max: { seq: true } });
      return (r._max.seq ?? 0) + 1;
    },
    pathTaken: async (planId: string, path: string) => (await db.task.count({ where: { planId, path } })) > 0,
    createTask: (t: {
      planId: string; path: string; pathKey: string; seq: number; title: string; targets: string[];
      due: { date: string | null; kind: DueKindName }; raw: string; units: { unitId: string; role: AssignmentRoleName; nameAsWritten: string }[];
    }) => {
      const date = t.due.date ? new Date(`${t.due.date}T00:00:00Z`) : null;
      return db.task.create({
        data: {
          planId: t.planId, path: t.path, pathKey: t.pathKey, seq: t.seq, title: t.title, text: t.title, targets: t.targets,
          dueDate: date, dueKind: t.due.kind,
          deadlines: { create: [{ date, kind: t.due.kind, raw: t.raw }] },
          assignments: { create: t.units },
        },
        select: { id: true },
      });
    },
    audit: (a: { actorId: string | null; actorName: string | null; action: string; taskId?: string; planId?: string; messageId?: string | null; detail: Prisma.InputJsonValue }) =>
      db.auditLog.create({ data: { at: now(), ...a } }),
  };
}

/** One task with what the ledger shows, its text and its plan's title, or null. */
async function loadLedgerTask(db: DbClient, taskId: string): Promise<(LedgerTaskRow & { text: string; plan: { title: string } & Pick<LedgerPlanRow, 'origin' | 'originLeader' | 'meetingName' | 'meetingDate'> }) | null> {
  const head = await db.task.findUnique({ where: { id: taskId }, select: { planId: true, text: true, plan: { select: { title: true, origin: true, originLeader: true, meetingName: true, meetingDate: true } } } });
  if (!head) return null;
  const [plan] = await loadLedgerPlans(db, { planId: head.planId, taskId });
  const row = plan?.tasks.find((t) => t.id === taskId);
  return row ? { ...row, text: head.text, plan: head.plan } : null;
}

/** The ledger's reads and writes over one client (the pool, or a transaction's client). */
export function ledgerStore(db: DbClient, now: () => Date = () => new Date()) {
  return {
    plans: (opts: { planId?: string; taskId?: string } = {}) => loadLedgerPlans(db, opts),
    trail: (taskIds: string[]) => loadTrailRecords(db, taskIds),
    task: (taskId: string) => loadLedgerTask(db, taskId),
    unitDirectory: () => loadUnitDirectory(db),
    editableFacts: (taskIds: string[]) => loadEditableFacts(db, taskIds),
    taskPaths: (taskIds: string[]) => db.task.findMany({ where: { id: { in: taskIds } }, select: { id: true, path: true } }),
    unitNames: async () => new Map((await db.unit.findMany({ select: { id: true, name: true } })).map((u) => [u.id, u.name])),
    writes: ledgerWrites(db, now),
  };
}
export type LedgerStore = ReturnType<typeof ledgerStore>;
