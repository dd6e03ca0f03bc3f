/**
 * 未报送 — "哪些单位还没报送", "这周谁还没反馈", "本月哪些单位一次都没报过": units with open tasks
 * and no report since their last reminder (or in the period asked), with the days since their
 * last report. Leaders and admins see every unit, a unit sees itself (queries.ts `queryScope`).
 */
import type { IntentHandler } from './types.ts';
import { queryScope, refused } from './queries.ts';
import { periodStart } from '../../tasks/windows.ts';
import { reportGaps } from '../../tasks/report-gaps.ts';
import { shanghaiInstant } from '../../lib/shanghai.ts';
import { windowLabel } from '../../render/labels.ts';

export const notReported: IntentHandler = async (ctx) => {
  const scope = await queryScope(ctx);
  if (typeof scope === 'string') return refused(scope, ctx);
  const window = ctx.command.window;
  const startDay = window === 'today' ? ctx.today : periodStart(window, ctx.today) ?? (window ? ctx.today : null);
  const since = startDay ? shanghaiInstant(startDay) : null;
  const units = await ctx.store.reporting.unitReporting(scope.unitId ? { unitId: scope.unitId } : {});
  const gaps = reportGaps(units, ctx.now, since);
  const items = gaps.slice(0, 30).map((g, i) => ({ n: i + 1, unit: g.unitName, openTasks: g.openTasks, days: g.daysSinceReport, never: g.daysSinceReport === null }));
  return {
    reply: {
      key: 'not-reported',
      data: { period: window ? windowLabel(window) : null, sinceReminder: !window, unit: scope.unitName, total: gaps.length, none: gaps.length === 0, items, rest: gaps.length - items.length },
      listKey: 'items',
    },
  };
};
