/**
 * Every reference the bot prints must resolve to one task when written back: a path alone
 * where no other active plan has it, else the path with its plan's short name
 * (〔深化医药卫生体制改革〕二.(四)), which commands/understand.ts reads back as the plan.
 */
import type { Store } from '../../store/index.ts';
import { shortPlanTitle } from '../../tasks/plan-title.ts';

/** The printed reference of each task, in order. */
export async function referencesFor(store: Pick<Store, 'tasks'>, tasks: { path: string; pathKey: string; planId: string; plan: { title: string } }[]): Promise<string[]> {
  if (!tasks.length) return [];
  const plans = await store.tasks.plansByPathKey(tasks.map((t) => t.pathKey));
  return tasks.map((t) => {
    const others = [...(plans.get(t.pathKey) ?? [])].filter((p) => p !== t.planId);
    return others.length ? qualified(t) : t.path;
  });
}

export function qualified(t: { path: string; plan: { title: string } }): string {
  return `〔${shortPlanTitle(t.plan.title)}〕${t.path}`;
}
