/**
 * 停用 / 恢复 a plan — "停用方案《2024年医改重点任务》", "这个方案归档", "恢复方案《…》".
 * A plan switched off (archived) sends nothing and is left out of lists, the dashboard and the
 * 通报 unless asked for; its pending requests can still be decided, and reports on its tasks
 * are refused with the reason. Switching it back on resumes its reminders. Admins only; both
 * are changes that 撤销 takes back.
 */
import type { IntentHandler, IntentResult } from './types.ts';

export const planStatus: IntentHandler = async (ctx) => {
  if (ctx.speaker.role !== 'admin') return { reply: { key: 'errors/not-admin', data: {} } };
  const off = ctx.command.status === 'archived';
  const from: ('active' | 'archived' | 'draft')[] = off ? ['active'] : ['archived'];
  const plans = await ctx.store.plans.list({ statuses: from, titleContains: ctx.command.plan ?? null });
  if (plans.length !== 1) {
    const drafts = !off && plans.length === 0 ? await ctx.store.plans.list({ statuses: ['draft'], titleContains: ctx.command.plan ?? null }) : [];
    const data = { plan: ctx.command.plan, plans: plans.map((p) => p.title), many: plans.length > 1, off, draft: drafts.length > 0 };
    return { reply: { key: 'plan-status', data: { ...data, notFound: true } } };
  }
  const plan = plans[0]!;
  await ctx.store.transaction(async (tx) => {
    const before = { plan: await tx.changes.planBefore(plan.id) };
    await tx.plans.setStatus(plan.id, off ? 'archived' : 'active');
    await tx.changes.record({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: off ? 'deactivate_plan' : 'activate_plan', planId: plan.id, messageId: ctx.message.id, before });
  });
  await ctx.hooks.planChanged?.(plan.id);
  const [claims, extensions] = await Promise.all([ctx.store.plans.pendingClaims(plan.id), ctx.store.plans.pendingExtensions(plan.id)]);
  const reply: IntentResult['reply'] = { key: 'plan-status', data: { title: plan.title, off, on: !off, claims: claims || null, extensions: extensions || null } };
  return { reply };
};
