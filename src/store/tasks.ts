/** Task reads and writes for chat intents. Visibility (which unit) is passed in, never guessed. */
import type { DbClient } from './client.ts';
import { Prisma } from './generated/client.ts';
import { dueBetweenWhere, overdueWhere, statusSql } from './task-filters.ts';

export const TASK_LIST_SELECT = {
  id: true, path: true, pathKey: true, seq: true, title: true, state: true, percent: true, dueDate: true, dueKind: true,
  lastReportAt: true, planId: true, plan: { select: { title: true, status: true, origin: true, originLeader: true, meetingName: true, meetingDate: true } },
  assignments: { select: { role: true, reachedAt: true, signedAt: true, unit: { select: { id: true, name: true } } } },
  // 最新进展: the latest progress report, or the latest 办结 claim while it awaits review (a
  // returned claim is not progress); the same rule as the ledger's `latestWords`
  reports: {
    where: { withdrawnAt: null, OR: [{ kind: 'progress' }, { kind: 'done_claim', task: { state: 'claimed_done' } }] },
    orderBy: { createdAt: 'desc' }, take: 1, select: { note: true, percent: true, createdAt: true },
  },
  extensions: { where: { state: 'pending' }, select: { id: true, requestedDate: true } },
} satisfies Prisma.TaskSelect;

export type TaskListRow = Prisma.TaskGetPayload<{ select: typeof TASK_LIST_SELECT }>;

/** Characters dropped from a title before looking for it in a message (see `titledIn`). */
const TITLE_PUNCTUATION = ' \u3000“”‘’"\'，。、；：！？（）()《》〈〉【】·—-,.;:!?';

export interface Scope {
  /** restrict to tasks assigned to this unit; undefined = everything (leaders, admins) */
  unitId?: string;
  /** only tasks of active plans (default true) */
  activeOnly?: boolean;
}

function scoped(scope: Scope, where: Prisma.TaskWhereInput = {}): Prisma.TaskWhereInput {
  return {
    ...where,
    ...(scope.unitId ? { assignments: { some: { unitId: scope.unitId } } } : {}),
    ...(scope.activeOnly === false ? {} : { plan: { status: 'active' } }),
  };
}

export function tasksStore(db: DbClient) {
  return {
    byId: (id: string) => db.task.findUnique({ where: { id }, select: { ...TASK_LIST_SELECT, text: true, targets: true, deadlines: true } }),
    /** active plans, newest first, optionally those whose title contains `titleText` */
    activePlans: (titleText?: string | null) =>
      db.plan.findMany({ where: { status: 'active', ...(titleText ? { title: { contains: titleText } } : {}) }, select: { id: true, title: true }, orderBy: { createdAt: 'desc' }, take: 20 }),
    /** tasks whose digits-only path equals `pathKey` */
    byPathKey: (pathKey: string, scope: Scope) => db.task.findMany({ where: scoped(scope, { pathKey }), select: TASK_LIST_SELECT, orderBy: { seq: 'asc' }, take: 20 }),
    /** open tasks whose title or text contains every keyword */
    byKeywords: (words: string[], scope: Scope) =>
      db.task.findMany({
        where: scoped(scope, { AND: words.map((w) => ({ OR: [{ title: { contains: w } }, { text: { contains: w } }] })) }),
        select: TASK_LIST_SELECT, orderBy: { seq: 'asc' }, take: 20,
      }),
    /**
     * Tasks whose title (at least `minLength` characters, punctuation aside) `squashed` contains:
     * `squashed` is the message without spaces and punctuation. Finished tasks included.
     */
    async titledIn(squashed: string, scope: Scope, minLength: number) {
      const unit = scope.unitId ? Prisma.sql`and exists (select 1 from "Assignment" a where a."taskId" = t.id and a."unitId" = ${scope.unitId})` : Prisma.empty;
      const rows = await db.$queryRaw<{ id: string }[]>`
        select t.id from "Task" t join "Plan" p on p.id = t."planId" and p.status = 'active'
        where char_length(t.title) >= ${minLength} and strpos(${squashed}, translate(t.title, ${TITLE_PUNCTUATION}, '')) > 0 ${unit}
        limit 20`;
      if (!rows.length) return [];
      return db.task.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: TASK_LIST_SELECT, orderBy: { seq: 'asc' } });
    },
    /** id, title and text of every visible task, to rank by how a message names them (commands/title-match.ts) */
    titles: (scope: Scope) => db.task.findMany({ where: scoped(scope), select: { id: true, title: true, text: true }, orderBy: [{ planId: 'asc' }, { seq: 'asc' }], take: 2000 }),
    /** the texts of these tasks, in one query (the choices of a numbered list, conversation/handle-message.ts) */
    texts: (ids: string[]) => db.task.findMany({ where: { id: { in: ids } }, select: { id: true, text: true } }),
    /** a unit's tasks in document order (第3项 = the third) */
    list: (scope: Scope, opts: { openOnly?: boolean; take?: number } = {}) =>
      db.task.findMany({ where: scoped(scope, opts.openOnly ? { state: { in: ['open', 'claimed_done'] } } : {}), select: TASK_LIST_SELECT, orderBy: [{ planId: 'asc' }, { seq: 'asc' }], take: opts.take ?? 500 }),
    /**
     * Open tasks by how far they got: `untouched` — nothing reported and 0 %; `slowest` — those at the
     * lowest figure any open task stands at. Document order; `total` counts them all.
     */
    async byProgress(scope: Scope, which: 'untouched' | 'slowest', take = 30) {
      const open = { state: 'open' as const };
      const low = which === 'untouched' ? null : (await db.task.aggregate({ where: scoped(scope, open), _min: { percent: true } }))._min.percent;
      const where = scoped(scope, which === 'untouched' ? { ...open, percent: 0, lastReportAt: null } : { ...open, percent: low ?? 0 });
      const [tasks, total] = await Promise.all([
        db.task.findMany({ where, select: TASK_LIST_SELECT, orderBy: [{ planId: 'asc' }, { seq: 'asc' }], take }),
        db.task.count({ where }),
      ]);
      return { tasks, total, percent: which === 'untouched' ? 0 : low ?? 0 };
    },
    overdue: (today: string, scope: Scope, minDays = 0, take = 50) =>
      db.task.findMany({ where: scoped(scope, overdueWhere(today, minDays)), select: TASK_LIST_SELECT, orderBy: [{ dueDate: 'asc' }, { seq: 'asc' }], take }),
    overdueCount: (today: string, scope: Scope, minDays = 0) => db.task.count({ where: scoped(scope, overdueWhere(today, minDays)) }),
    dueBetween: (from: string, to: string, scope: Scope, take = 50) =>
      db.task.findMany({ where: scoped(scope, dueBetweenWhere(from, to)), select: TASK_LIST_SELECT, orderBy: [{ dueDate: 'asc' }, { seq: 'asc' }], take }),
    dueBetweenCount: (from: string, to: string, scope: Scope) => db.task.count({ where: scoped(scope, dueBetweenWhere(from, to)) }),
    /** counts by status: overall (unitId null) and per unit; a task with two units counts once overall */
    async statusCounts(today: string, scope: Scope = {}): Promise<{ unitId: string | null; unitName: string | null; status: string; n: number }[]> {
      const unitFilter = scope.unitId ? Prisma.sql`and exists (select 1 from "Assignment" x where x."taskId" = t.id and x."unitId" = ${scope.unitId})` : Prisma.empty;
      const overall = await db.$queryRaw<{ status: string; n: bigint }[]>`
        select ${statusSql(today)} as status, count(*) as n
        from "Task" t join "Plan" p on p.id = t."planId" and p.status = 'active'
        where true ${unitFilter} group by 1`;
      const perUnitFilter = scope.unitId ? Prisma.sql`and u.id = ${scope.unitId}` : Prisma.empty;
      const perUnit = await db.$queryRaw<{ unitId: string; unitName: string; status: string; n: bigint }[]>`
        select u.id as "unitId", u.name as "unitName", ${statusSql(today)} as status, count(*) as n
        from "Task" t join "Plan" p on p.id = t."planId" and p.status = 'active'
        join "Assignment" a on a."taskId" = t.id join "Unit" u on u.id = a."unitId"
        where true ${perUnitFilter} group by 1, 2, 3`;
      return [
        ...overall.map((r) => ({ unitId: null, unitName: null, status: r.status, n: Number(r.n) })),
        ...perUnit.map((r) => ({ ...r, n: Number(r.n) })),
      ];
    },
    /** tasks whose completion is claimed and awaits review (销号), with the latest claim: who and when */
    claimed: (scope: Scope, take = 50) =>
      db.task.findMany({
        where: scoped(scope, { state: 'claimed_done' }),
        // reports: the latest claim (the task's list row shape, plus the claiming unit)
        select: { ...TASK_LIST_SELECT, reports: { where: { kind: 'done_claim', withdrawnAt: null }, orderBy: { createdAt: 'desc' }, take: 1, select: { note: true, percent: true, createdAt: true, unit: { select: { name: true } } } } },
        orderBy: [{ lastReportAt: 'asc' }, { seq: 'asc' }], take,
      }),
    claimedCount: (scope: Scope) => db.task.count({ where: scoped(scope, { state: 'claimed_done' }) }),
    /** for each path key, the active plans that have a task with it (a path printed alone must name one task) */
    async plansByPathKey(keys: string[]): Promise<Map<string, Set<string>>> {
      const rows = await db.task.findMany({ where: { pathKey: { in: [...new Set(keys)] }, plan: { status: 'active' } }, select: { pathKey: true, planId: true } });
      const out = new Map<string, Set<string>>();
      for (const r of rows) out.set(r.pathKey, (out.get(r.pathKey) ?? new Set()).add(r.planId));
      return out;
    },
    async setProgress(id: string, percent: number, at: Date) {
      await db.task.update({ where: { id }, data: { percent, lastReportAt: at } });
    },
    /** 删除 of a task of an active plan: cancelled (kept, out of reminders, lists and the ledger); 恢复 makes it open again */
    setCancelled: (id: string, cancelled: boolean) => db.task.update({ where: { id }, data: { state: cancelled ? 'cancelled' : 'open' } }),
    async setState(id: string, state: 'open' | 'claimed_done' | 'done', at: Date, percent?: number) {
      await db.task.update({ where: { id }, data: { state, doneAt: state === 'done' ? at : state === 'open' ? null : undefined, percent, lastReportAt: state === 'claimed_done' ? at : undefined } });
    },
  };
}
