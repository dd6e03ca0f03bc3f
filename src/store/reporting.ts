/**
 * Who reports: per unit with open tasks, when it last reported and when it was last reminded.
 * The facts behind "哪些单位还没报送" (src/tasks/report-gaps.ts decides who is missing); the
 * 交办/签收/定期报送 work extends this with report cycles.
 */
import type { DbClient } from './client.ts';
import type { PairFacts, ReportingFacts } from '../tasks/report-gaps.ts';
import { Prisma } from './generated/client.ts';

/** Report kinds that count as reporting; an acknowledgement (收到) is not a report. */
const REPORT_KINDS = ['progress', 'done_claim'];

export function reportingStore(db: DbClient) {
  return {
    /** every unit with open tasks (or the one unit of `scope`), with its last report and reminder */
    async unitReporting(scope: { unitId?: string } = {}): Promise<ReportingFacts[]> {
      const unit = scope.unitId ? Prisma.sql`and u.id = ${scope.unitId}` : Prisma.empty;
      const rows = await db.$queryRaw<{ unitId: string; unitName: string; openTasks: bigint; lastReportAt: Date | null; lastReminderAt: Date | null }[]>`
        select u.id as "unitId", u.name as "unitName", count(distinct t.id) as "openTasks",
          (select max(r."createdAt") from "ProgressReport" r where r."unitId" = u.id and r.kind in (${Prisma.join(REPORT_KINDS)})) as "lastReportAt",
          (select max(m."sentAt") from "Reminder" m where m."unitId" = u.id and m."sentAt" is not null and m.kind not in ('digest', 'notice')) as "lastReminderAt"
        from "Unit" u
        join "Assignment" a on a."unitId" = u.id
        join "Task" t on t.id = a."taskId" and t.state = 'open'
        join "Plan" p on p.id = t."planId" and p.status = 'active'
        where true ${unit}
        group by u.id, u.name
        order by u.name`;
      return rows.map((r) => ({ ...r, openTasks: Number(r.openTasks) }));
    },

    /** every (unit, open task) pair of active plans with the unit's latest report on that task: report cycles are judged per task */
    pairReporting: (scope: { unitId?: string } = {}) => db.$queryRaw<PairFacts[]>`
      select a."unitId", t.id as "taskId", t.path, t.title, t.recurring, p."reminderPolicy" as "planPolicy", t."reminderPolicy" as "taskPolicy",
        (select max(r."createdAt") from "ProgressReport" r where r."taskId" = t.id and r."unitId" = a."unitId" and r.kind in (${Prisma.join(REPORT_KINDS)}) and r."withdrawnAt" is null) as "lastReportAt"
      from "Assignment" a join "Task" t on t.id = a."taskId" and t.state = 'open'
      join "Plan" p on p.id = t."planId" and p.status = 'active'
      where true ${scope.unitId ? Prisma.sql`and a."unitId" = ${scope.unitId}` : Prisma.empty}
      order by a."unitId", t."planId", t.seq`,
  };
}
