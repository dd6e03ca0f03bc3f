/**
 * 查询 — "哪些逾期了", "逾期超过30天的", "本周到期的", "下个月要到期的", "卫健局还有几项没完成？",
 * "医保分局的进度怎么样", "我的任务", "2.3 现在什么情况". Members see their unit; leaders see all.
 */
import type { IntentHandler, IntentContext } from './types.ts';
import { numbered, taskView } from './views.ts';
import { withTask } from './with-task.ts';
import { seesEverything } from '../speaker.ts';
import { overdueThreshold, periodStart, windowLabel, windowRange } from '../../tasks/windows.ts';
import { addDays } from '../../lib/shanghai.ts';
import { wholePercentages } from '../../lib/percent.ts';
import { chineseDate, shanghaiDay } from '../../lib/shanghai.ts';
import { STATUS_LABEL, STATUS_ORDER, type TaskStatus } from '../../tasks/status.ts';

/** The unit a query is about: the named one (leaders), else the speaker's own. */
async function queryScope(ctx: IntentContext): Promise<{ unitId?: string; unitName: string | null } | 'forbidden' | 'unit-not-found'> {
  if (ctx.command.unit) {
    const unit = await ctx.store.directory.unitByName(ctx.command.unit);
    if (!unit) return 'unit-not-found';
    if (!seesEverything(ctx.speaker) && unit.id !== ctx.speaker.unitId) return 'forbidden';
    return { unitId: unit.id, unitName: unit.name };
  }
  if (seesEverything(ctx.speaker)) return { unitName: null };
  if (!ctx.speaker.unitId) return 'forbidden';
  return { unitId: ctx.speaker.unitId, unitName: ctx.speaker.unitName };
}

function refused(r: 'forbidden' | 'unit-not-found', ctx: IntentContext) {
  if (r === 'unit-not-found') return { reply: { key: 'errors/unit-not-found' as const, data: { unit: ctx.command.unit } } };
  return { reply: { key: ctx.speaker.role === 'guest' ? ('errors/not-bound' as const) : ('errors/forbidden' as const), data: { unit: ctx.speaker.unitName, query: true } } };
}

export const queryOverdue: IntentHandler = async (ctx) => {
  const scope = await queryScope(ctx);
  if (typeof scope === 'string') return refused(scope, ctx);
  const minDays = overdueThreshold(ctx.command.window);
  const [tasks, total] = await Promise.all([ctx.store.tasks.overdue(ctx.today, scope, minDays, 30), ctx.store.tasks.overdueCount(ctx.today, scope, minDays)]);
  return { reply: { key: 'overdue-list', data: { unit: scope.unitName, minDays: minDays || null, total, none: total === 0, items: numbered(tasks, ctx.now), listed: tasks.length, rest: total - tasks.length }, listKey: 'items' } };
};

export const queryDueSoon: IntentHandler = async (ctx) => {
  const scope = await queryScope(ctx);
  if (typeof scope === 'string') return refused(scope, ctx);
  const range = ctx.command.date ? { from: ctx.today, to: ctx.command.date } : windowRange(ctx.command.window, ctx.today);
  // 本周 on a Wednesday: what fell due on Monday or Tuesday and is still open is overdue now
  const start = ctx.command.date ? null : periodStart(ctx.command.window, ctx.today);
  const [tasks, total, earlier] = await Promise.all([
    ctx.store.tasks.dueBetween(range.from, range.to, scope, 30),
    ctx.store.tasks.dueBetweenCount(range.from, range.to, scope),
    start ? ctx.store.tasks.dueBetweenCount(start, addDays(ctx.today, -1), scope) : 0,
  ]);
  const label = ctx.command.date ? `${chineseDate(ctx.command.date)}前` : windowLabel(ctx.command.window);
  return { reply: { key: 'due-list', data: { unit: scope.unitName, label, from: chineseDate(range.from), to: chineseDate(range.to), total, none: total === 0, items: numbered(tasks, ctx.now), rest: total - tasks.length, earlier }, listKey: 'items' } };
};

export const queryUnit: IntentHandler = async (ctx) => {
  const scope = await queryScope(ctx);
  if (typeof scope === 'string') return refused(scope, ctx);
  if (!scope.unitId) return summary(ctx);
  const counts = await ctx.store.tasks.statusCounts(ctx.today, { unitId: scope.unitId });
  const mine = counts.filter((c) => c.unitId === scope.unitId);
  const byStatus = STATUS_ORDER.map((s) => ({ label: STATUS_LABEL[s], n: mine.find((c) => c.status === s)?.n ?? 0 })).filter((c) => c.n > 0);
  const total = mine.reduce((a, c) => a + c.n, 0);
  const done = mine.find((c) => c.status === 'done')?.n ?? 0;
  const open = await ctx.store.tasks.list(scope, { openOnly: true, take: 30 });
  return { reply: { key: 'unit-status', data: { unit: scope.unitName, total, done, notDone: total - done, byStatus, items: numbered(open, ctx.now), none: total === 0 }, listKey: 'items' } };
};

export const queryTask: IntentHandler = async (ctx) =>
  withTask(ctx, async (task) => {
    const full = await ctx.store.tasks.byId(task.id);
    const reports = await ctx.store.records.lastReports(task.id, 3);
    const view = taskView(task, ctx.now);
    return {
      reply: {
        key: 'task-status',
        data: {
          ...view, plan: full?.plan.title, targets: (full?.targets ?? []).join('；'), hasTargets: (full?.targets.length ?? 0) > 0,
          reports: reports.map((r) => ({ at: chineseDate(shanghaiDay(r.createdAt)), text: r.note ?? r.originalText, percent: r.percent })),
        },
      },
    };
  }, { askWhenMissing: false });

/** 汇总 — "汇总一下", "各单位进度排名": counts by status and by unit, worst first. */
export const summary: IntentHandler = async (ctx) => {
  if (!seesEverything(ctx.speaker)) return queryUnit({ ...ctx, command: { ...ctx.command, unit: null } });
  const counts = await ctx.store.tasks.statusCounts(ctx.today);
  const overall = counts.filter((c) => c.unitId === null);
  const total = overall.reduce((a, c) => a + c.n, 0);
  const n = (rows: typeof counts, s: TaskStatus) => rows.find((c) => c.status === s)?.n ?? 0;
  const pcts = wholePercentages(STATUS_ORDER.map((s) => n(overall, s)));
  const byStatus = STATUS_ORDER.map((s, i) => ({ label: STATUS_LABEL[s], n: n(overall, s), pct: pcts[i] })).filter((c) => c.n > 0);
  const unitIds = [...new Set(counts.filter((c) => c.unitId).map((c) => c.unitId!))];
  const units = unitIds.map((id) => {
    const rows = counts.filter((c) => c.unitId === id);
    const all = rows.reduce((a, c) => a + c.n, 0);
    return { unit: rows[0]!.unitName, total: all, overdue: n(rows, 'overdue'), dueSoon: n(rows, 'due_soon'), done: n(rows, 'done') };
  }).sort((a, b) => b.overdue - a.overdue || b.dueSoon - a.dueSoon || a.done / a.total - b.done / b.total);
  const link = ctx.hooks.dashboardLink({});
  return { reply: { key: 'summary', data: { total, byStatus, units: units.map((u, i) => ({ ...u, n: i + 1 })), none: total === 0, link }, listKey: 'units' } };
};
