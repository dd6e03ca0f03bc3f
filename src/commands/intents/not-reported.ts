/**
 * 未报送 — "哪些单位还没报送", "这周谁还没反馈", "本月哪些单位一次都没报过": units with open tasks
 * and no report since their last reminder (or in the period asked), with the days since their
 * last report; tasks on a 定期报送 cycle count one by one in the current cycle, and each unit's
 * missing tasks are listed. Leaders and admins see every unit, a unit sees itself (queries.ts `queryScope`).
 */
import type { IntentHandler } from './types.ts';
import { queryScope, refused } from './queries.ts';
import { periodStart } from '../../tasks/windows.ts';
import { reportGaps } from '../../tasks/report-gaps.ts';
import { cycleLabel } from '../../tasks/cycles.ts';
import { shanghaiInstant } from '../../lib/shanghai.ts';
import { windowLabel } from '../../render/labels.ts';

export const notReported: IntentHandler = async (ctx) => {
  const scope = await queryScope(ctx);
  if (typeof scope === 'string') return refused(scope, ctx);
  const window = ctx.command.window;
  const startDay = window === 'today' ? ctx.today : periodStart(window, ctx.today) ?? (window ? ctx.today : null);
  const since = startDay ? shanghaiInstant(startDay) : null;
  const filter = scope.unitId ? { unitId: scope.unitId } : {};
  const [units, pairs] = await Promise.all([ctx.store.reporting.unitReporting(filter), ctx.store.reporting.pairReporting(filter)]);
  const gaps = reportGaps(units, ctx.now, since, pairs, ctx.today);
  const items = gaps.slice(0, 30).map((g, i) => ({
    n: i + 1, unit: g.unitName, openTasks: g.openTasks, days: g.daysSinceReport, never: g.daysSinceReport === null,
    tasks: g.tasks.slice(0, 5).map((t) => ({ path: t.path, title: t.title, cycle: t.cycle ? cycleLabel(t.cycle) : null, days: t.daysSinceReport, never: t.daysSinceReport === null })),
    more: Math.max(0, g.tasks.length - 5),
  }));
  return {
    reply: {
      key: 'not-reported',
      data: { period: window ? windowLabel(window) : null, sinceReminder: !window, unit: scope.unitName, total: gaps.length, none: gaps.length === 0, items, rest: gaps.length - items.length },
      listKey: 'items',
    },
  };
};
