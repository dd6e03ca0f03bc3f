/**
 * 待审核 — "待销号的有哪些" (completions claimed, awaiting 销号 or 退回) and "有哪些延期申请",
 * "待审批的延期" (extension requests awaiting a decision). Leaders and admins see all, or the
 * unit they name; members see their unit's.
 */
import { unitList } from '../../render/labels.ts';
import type { IntentContext, IntentHandler, IntentResult } from './types.ts';
import { seesEverything } from '../speaker.ts';
import { queryScope, refused } from './queries.ts';
import { chineseDate, shanghaiDay } from '../../lib/shanghai.ts';
import { dayOf } from '../../tasks/status.ts';

const LISTED = 30;

type Scope = { unitId?: string; unitName: string | null };

export const pendingReviews: IntentHandler = async (ctx) => {
  const scope = await queryScope(ctx);
  if (typeof scope === 'string') return refused(scope, ctx);
  if (ctx.command.what === 'extension') return pendingExtensions(ctx, scope);
  if (ctx.command.what !== 'all') return pendingDone(ctx, scope);
  // 等我批的: both lists, each as it is answered alone
  const [done, extension] = await Promise.all([pendingDone(ctx, scope), pendingExtensions(ctx, scope)]);
  return { reply: { key: 'pending-all-list', data: { done: done.reply.data, extension: extension.reply.data } } };
};

async function pendingDone(ctx: IntentContext, scope: Scope): Promise<IntentResult> {
  const [tasks, total] = await Promise.all([ctx.store.tasks.claimed(scope, LISTED), ctx.store.tasks.claimedCount(scope)]);
  const items = tasks.map((t, i) => {
    const claim = t.reports[0];
    return {
      n: i + 1, path: t.path, title: t.title,
      unit: claim?.unit?.name ?? unitList(t.assignments.map((a) => a.unit.name)),
      // set when the claim was recorded (no progress is taken while a claim waits)
      at: t.lastReportAt ? chineseDate(shanghaiDay(t.lastReportAt)) : claim ? chineseDate(shanghaiDay(claim.createdAt)) : null,
    };
  });
  const example = items[0]?.path ?? '2.3';
  return {
    reply: { key: 'pending-done-list', data: { unit: scope.unitName, total, none: total === 0, items, rest: total - items.length, reviewer: seesEverything(ctx.speaker), example }, listKey: 'items' },
  };
}

async function pendingExtensions(ctx: IntentContext, scope: Scope): Promise<IntentResult> {
  const [rows, total] = await ctx.store.records.pendingExtensionList(scope, LISTED);
  const items = rows.map((e, i) => {
    const due = dayOf(e.task.dueDate);
    return {
      n: i + 1, path: e.task.path, title: e.task.title,
      unit: e.task.assignments.find((a) => a.unit.id === e.unitId)?.unit.name ?? unitList(e.task.assignments.map((a) => a.unit.name)),
      date: chineseDate(dayOf(e.requestedDate)!),
      due: due ? chineseDate(due) : null,
      reason: e.reason,
      at: chineseDate(shanghaiDay(e.createdAt)),
    };
  });
  const example = items[0]?.path ?? '2.3';
  return {
    reply: { key: 'pending-extension-list', data: { unit: scope.unitName, total, none: total === 0, items, rest: total - items.length, reviewer: seesEverything(ctx.speaker), example }, listKey: 'items' },
  };
}
