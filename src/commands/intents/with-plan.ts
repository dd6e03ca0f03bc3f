/**
 * The first step of an intent about a whole plan: the active plan whose title contains the
 * words given (书名号 in the message), or the only active plan; otherwise the plans to choose
 * from are listed (templates/errors/plan-not-found.md).
 */
import type { IntentContext, IntentResult } from './types.ts';

export async function withActivePlan(ctx: IntentContext, titleText: string | null, act: (plan: { id: string; title: string }) => Promise<IntentResult>): Promise<IntentResult> {
  const plans = await ctx.store.tasks.activePlans(titleText);
  if (plans.length === 1) return act(plans[0]!);
  return { reply: { key: 'errors/plan-not-found', data: { plan: titleText, plans: plans.map((p) => p.title), many: plans.length > 1 } } };
}
