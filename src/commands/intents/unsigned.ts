/**
 * 未签收 — "哪些还没签收", "未签收的", "还有谁没签收": the units with tasks that reached them and
 * nobody signed for, each with its tasks and how many working days past the 签收 period
 * (领办逾期, apart from 办理逾期). Leaders and admins see every unit, a unit sees itself.
 */
import type { IntentHandler } from './types.ts';
import { queryScope, refused } from './queries.ts';

export const unsigned: IntentHandler = async (ctx) => {
  const scope = await queryScope(ctx);
  if (typeof scope === 'string') return refused(scope, ctx);
  const units = (await ctx.hooks.unsigned?.({ unitId: scope.unitId, now: ctx.now })) ?? [];
  const late = units.filter((u) => u.late > 0);
  const waiting = units.reduce((n, u) => n + u.tasks.filter((t) => t.lateWorkdays === 0).length, 0);
  const items = late.slice(0, 20).map((u, i) => ({
    n: i + 1, unit: u.unit, count: u.late,
    tasks: u.tasks.filter((t) => t.lateWorkdays > 0).slice(0, 5).map((t) => ({ path: t.path, title: t.title, late: t.lateWorkdays, signBy: t.signBy })),
    more: Math.max(0, u.late - 5),
  }));
  return {
    reply: {
      key: 'unsigned-list',
      data: { unit: scope.unitName, none: late.length === 0, total: late.length, tasks: late.reduce((n, u) => n + u.late, 0), items, rest: late.length - items.length, waiting: waiting || null },
      listKey: 'items',
    },
  };
};
