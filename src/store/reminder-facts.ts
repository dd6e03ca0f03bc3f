/**
 * Bulk reads the reminder schedule is computed from: every (open task, responsible unit)
 * pair of active plans with its pauses and policy overrides, each unit's latest report
 * per task, and the latest reminder actually sent per task and unit. Plain SQL because
 * reconcile reads 100,000 tasks at once; dates come back as 'YYYY-MM-DD' strings so no
 * process time zone can shift a deadline.
 */
import type { DbClient } from './client.ts';
import { Prisma } from './generated/client.ts';

export interface PairRow {
  taskId: string;
  unitId: string;
  planId: string;
  path: string;
  pathKey: string;
  /** order in the document */
  seq: number;
  title: string;
  state: 'open' | 'claimed_done' | 'done' | 'cancelled';
  dueDate: string | null;
  dueKind: 'date' | 'inferred' | 'recurring' | 'ongoing' | 'unknown';
  recurring: string | null;
  taskPausedUntil: Date | null;
  unitPausedUntil: Date | null;
  planPausedUntil: Date | null;
  planPolicy: unknown;
  taskPolicy: unknown;
  /** 签收: when the task reached the unit, when the unit signed (null: not asked / not yet) */
  reachedAt: Date | null;
  /** the 交办/改派 notice told the unit of the task: no 任务通知 (policy-sign.ts) */
  toldAt: Date | null;
  signedAt: Date | null;
}

export interface PairFilter {
  unitIds?: string[];
  taskIds?: string[];
  /** include done/cancelled/claimed tasks (delivery re-checks need to see them drop out) */
  anyState?: boolean;
}

function where(f: PairFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`p.status = 'active'`];
  // tasks without a deadline still count: a report cycle or an unsigned notice reminds them
  if (!f.anyState) parts.push(Prisma.sql`t.state = 'open'`);
  if (f.unitIds) parts.push(Prisma.sql`a."unitId" = any(${f.unitIds}::text[])`);
  if (f.taskIds) parts.push(Prisma.sql`t.id = any(${f.taskIds}::text[])`);
  return Prisma.join(parts, ' and ');
}

function unitFilter(column: string, unitIds?: string[]): Prisma.Sql {
  return unitIds ? Prisma.sql`and ${Prisma.raw(column)} = any(${unitIds}::text[])` : Prisma.empty;
}

export function reminderFacts(db: DbClient) {
  return {
    pairs: (f: PairFilter = {}) => db.$queryRaw<PairRow[]>`
      select t.id as "taskId", a."unitId", t."planId", t.path, t."pathKey", t.seq, t.title, t.state::text as state,
        to_char(t."dueDate", 'YYYY-MM-DD') as "dueDate", t."dueKind"::text as "dueKind", t.recurring,
        t."pausedUntil" as "taskPausedUntil", u."pausedUntil" as "unitPausedUntil", p."pausedUntil" as "planPausedUntil",
        p."reminderPolicy" as "planPolicy", t."reminderPolicy" as "taskPolicy", a."reachedAt", a."toldAt", a."signedAt"
      from "Task" t join "Plan" p on p.id = t."planId"
      join "Assignment" a on a."taskId" = t.id join "Unit" u on u.id = a."unitId"
      where ${where(f)}
      order by a."unitId", t."planId", t.seq`,

    /** each unit's latest report per task; "收到" is an acknowledgement, not a report */
    lastReports: (unitIds?: string[]) => db.$queryRaw<{ taskId: string; unitId: string; at: Date }[]>`
      select "taskId", "unitId", max("createdAt") as at from "ProgressReport"
      where kind <> 'ack' and "withdrawnAt" is null and "unitId" is not null ${unitFilter('"unitId"', unitIds)}
      group by 1, 2`,

    /** the latest sent reminder item per task and unit */
    lastReminders: (unitIds?: string[], excludeId?: string) => db.$queryRaw<{ taskId: string; unitId: string; step: string; at: Date }[]>`
      select distinct on (i."taskId", r."unitId") i."taskId", r."unitId", i.step, r."sentAt" as at
      from "ReminderItem" i join "Reminder" r on r.id = i."reminderId"
      where r.state in ('sent', 'acknowledged') and r."sentAt" is not null and r."unitId" is not null
        and r.id <> ${excludeId ?? ''} ${unitFilter('r."unitId"', unitIds)}
      order by i."taskId", r."unitId", r."sentAt" desc`,

    unitsOfTask: async (taskId: string) => (await db.assignment.findMany({ where: { taskId }, select: { unitId: true } })).map((a) => a.unitId),
    unitsOfPlan: async (planId: string) =>
      [...new Set((await db.assignment.findMany({ where: { task: { planId } }, select: { unitId: true } })).map((a) => a.unitId))],
    unitByName: (name: string) => db.unit.findFirst({ where: { OR: [{ id: name }, { name }, { aliases: { has: name } }] }, select: { id: true, name: true } }),
    unitNames: async (unitIds?: string[]) =>
      new Map((await db.unit.findMany({ where: unitIds ? { id: { in: unitIds } } : {}, select: { id: true, name: true } })).map((u) => [u.id, u.name])),

    /** units whose latest report (any task) is older than `before`, or that never reported */
    silentUnits: (before: Date) => db.$queryRaw<{ unitId: string; name: string; last: Date | null }[]>`
      select u.id as "unitId", u.name, max(r."createdAt") as last
      from "Unit" u join "Assignment" a on a."unitId" = u.id
      join "Task" t on t.id = a."taskId" and t.state = 'open'
      join "Plan" p on p.id = t."planId" and p.status = 'active'
      left join "ProgressReport" r on r."unitId" = u.id and r.kind <> 'ack'
      group by u.id, u.name
      having max(r."createdAt") is null or max(r."createdAt") < ${before}
      order by max(r."createdAt") asc nulls first, u.name`,
    /** Units with open tasks in active plans but no bound group: their reminders cannot be delivered. */
    unitsWithoutGroup: (unitIds?: string[]) => db.$queryRaw<{ unitId: string; name: string }[]>`
      select distinct u.id as "unitId", u.name
      from "Unit" u join "Assignment" a on a."unitId" = u.id
      join "Task" t on t.id = a."taskId" and t.state in ('open', 'claimed_done')
      join "Plan" p on p.id = t."planId" and p.status = 'active'
      where not exists (select 1 from "ChatGroup" g where g.kind = 'unit' and g."unitId" = u.id) ${unitFilter('u.id', unitIds)}
      order by u.name`,
  };
}

export type ReminderFacts = ReturnType<typeof reminderFacts>;
