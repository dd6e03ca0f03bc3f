/**
 * 签收 on the Assignment rows: when a task reached a unit (`reachedAt`, the period starts)
 * and who of the unit signed for it and when. A unit signs once per task; a later 签收
 * changes nothing. Rows with no `reachedAt` were assigned before 签收 existed.
 */
import type { DbClient } from './client.ts';
import { Prisma } from './generated/client.ts';

export interface UnsignedRow {
  taskId: string;
  unitId: string;
  unitName: string;
  path: string;
  pathKey: string;
  seq: number;
  title: string;
  planTitle: string;
  reachedAt: Date;
  planPolicy: unknown;
  taskPolicy: unknown;
}

/**
 * Replace a task's units (a correction, 改派, its 撤销) keeping the 签收 of the units that stay:
 * a unit that already signed for the task need not sign again because another unit came.
 */
export async function replaceAssignments(db: DbClient, taskId: string, rows: { unitId: string; role: 'lead' | 'assist' | 'owner'; nameAsWritten: string }[]): Promise<void> {
  const kept = new Map((await db.assignment.findMany({ where: { taskId }, select: { unitId: true, reachedAt: true, signedAt: true, signedById: true, signMessageId: true } })).map((a) => [a.unitId, a]));
  await db.assignment.deleteMany({ where: { taskId } });
  if (!rows.length) return;
  await db.assignment.createMany({
    data: rows.map((r) => {
      const k = kept.get(r.unitId);
      return { taskId, ...r, ...(k ? { reachedAt: k.reachedAt, signedAt: k.signedAt, signedById: k.signedById, signMessageId: k.signMessageId } : {}) };
    }),
  });
}

export function signingStore(db: DbClient) {
  return {
    /**
     * The open tasks (of active plans) reach their units now: their 签收 period starts. Only
     * rows not reached before, unless `restart` (改派: the unit's 签收 starts again). Returns
     * the units concerned. `told`: the message that gave the task told the units (no 任务通知).
     */
    async reach(f: { taskIds?: string[]; planId?: string; unitIds?: string[]; restart?: boolean; told?: boolean }, at: Date): Promise<string[]> {
      const parts: Prisma.Sql[] = [Prisma.sql`t.state = 'open'`, Prisma.sql`p.status = 'active'`];
      if (f.taskIds) parts.push(Prisma.sql`a."taskId" = any(${f.taskIds}::text[])`);
      if (f.planId) parts.push(Prisma.sql`t."planId" = ${f.planId}`);
      if (f.unitIds) parts.push(Prisma.sql`a."unitId" = any(${f.unitIds}::text[])`);
      if (!f.restart) parts.push(Prisma.sql`a."reachedAt" is null`);
      const rows = await db.$queryRaw<{ unitId: string }[]>`
        update "Assignment" a set "reachedAt" = ${at}, "toldAt" = ${f.told ? at : null}, "signedAt" = null, "signedById" = null, "signMessageId" = null
        from "Task" t join "Plan" p on p.id = t."planId"
        where t.id = a."taskId" and ${Prisma.join(parts, ' and ')}
        returning a."unitId"`;
      return [...new Set(rows.map((r) => r.unitId))];
    },

    /** Who of the unit signed for the task and when, or null while it is not signed (a card's result line). */
    async signature(taskId: string, unitId: string): Promise<{ at: Date; by: string } | null> {
      const rows = await db.$queryRaw<{ at: Date; by: string | null }[]>`
        select a."signedAt" as at, p.name as by from "Assignment" a left join "Person" p on p.id = a."signedById"
        where a."taskId" = ${taskId} and a."unitId" = ${unitId} and a."signedAt" is not null limit 1`;
      const r = rows[0];
      return r ? { at: r.at, by: r.by ?? '' } : null;
    },

    /** Sign for these tasks (null: every task the unit has not signed for yet). Returns the tasks signed now. */
    async sign(a: { unitId: string; taskIds: string[] | null; personId: string | null; messageId: string | null; at: Date }) {
      const only = a.taskIds ? Prisma.sql`and a."taskId" = any(${a.taskIds}::text[])` : Prisma.empty;
      return db.$queryRaw<{ taskId: string; path: string; pathKey: string; title: string }[]>`
        update "Assignment" a set "signedAt" = ${a.at}, "signedById" = ${a.personId}, "signMessageId" = ${a.messageId}
        from "Task" t
        where t.id = a."taskId" and a."unitId" = ${a.unitId} and a."reachedAt" is not null and a."signedAt" is null ${only}
        returning a."taskId", t.path, t."pathKey", t.title`;
    },

    /** The unit's tasks whose path keys are among these (a quoted notice lists them), reached ones first. */
    async unitTasksByPathKeys(unitId: string, keys: string[]) {
      const rows = await db.assignment.findMany({
        where: { unitId, task: { pathKey: { in: keys }, state: 'open', plan: { status: 'active' } } },
        select: { taskId: true, reachedAt: true },
      });
      return rows.map((r) => r.taskId);
    },

    /** Reached and not signed for (leaders' 未签收 list), in active plans' open tasks; one unit or all. */
    unsigned: (unitId?: string) => db.$queryRaw<UnsignedRow[]>`
      select a."taskId", a."unitId", u.name as "unitName", t.path, t."pathKey", t.seq, t.title, p.title as "planTitle", a."reachedAt",
        p."reminderPolicy" as "planPolicy", t."reminderPolicy" as "taskPolicy"
      from "Assignment" a join "Task" t on t.id = a."taskId" join "Plan" p on p.id = t."planId" join "Unit" u on u.id = a."unitId"
      where a."reachedAt" is not null and a."signedAt" is null and t.state = 'open' and p.status = 'active'
        ${unitId ? Prisma.sql`and a."unitId" = ${unitId}` : Prisma.empty}
      order by u.name, p.title, t.seq`,
  };
}

export type SigningStore = ReturnType<typeof signingStore>;
