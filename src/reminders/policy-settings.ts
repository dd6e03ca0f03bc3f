/**
 * Reading and changing the reminder policy of one task or one plan (an admin in chat:
 * "2.3 提醒改为提前5、2、1个工作日", "本方案逾期5个工作日后上报领导", "2.3 提醒恢复默认").
 * A change is checked field by field against the policy schema and refused whole when any
 * field is impossible (nothing is stored then); an accepted change is merged into the
 * stored overrides and the schedule of every unit concerned is rebuilt at once.
 */
import { resolvePolicy, validFields, type Policy, type PolicyOverrides } from './policy-config.ts';
import { reconcileUnits, type ScheduleDeps } from './schedule.ts';

export type PolicyScope = 'task' | 'plan';

export type PolicyChange = { set: Partial<Record<keyof Policy, unknown>> } | { reset: true } | null;

export type PolicyOutcome =
  | {
    ok: true; effective: Policy; overrides: PolicyOverrides; changed: (keyof Policy)[];
    /** reminders are paused until then (null: not paused, or the pause has ended) */
    pausedUntil: Date | null;
    /** plan scope: its open tasks that have settings of their own or are paused */
    ownTasks: { path: string; title: string; pausedUntil: Date | null }[];
  }
  | { ok: false; invalid: (keyof Policy)[] }
  | { ok: false; notFound: true };

/** The fields of `set` the schema refuses (unknown keys included). */
function invalidFields(set: Partial<Record<string, unknown>>): (keyof Policy)[] {
  const valid = validFields(set);
  return Object.keys(set).filter((k) => !(k in valid)) as (keyof Policy)[];
}

/** Shows (change null), changes or resets the policy of a task or a plan. */
export async function changePolicy(deps: ScheduleDeps, a: { scope: PolicyScope; id: string; change: PolicyChange }, now: Date): Promise<PolicyOutcome> {
  const stored = await deps.store.policyOverrides(a.scope, a.id);
  if (!stored) return { ok: false, notFound: true };
  const own = validFields(a.scope === 'task' ? stored.task : stored.plan);
  let next = own;
  let changed: (keyof Policy)[] = [];
  if (a.change && 'set' in a.change) {
    const invalid = invalidFields(a.change.set);
    if (invalid.length) return { ok: false, invalid };
    changed = Object.keys(a.change.set) as (keyof Policy)[];
    next = { ...own, ...(a.change.set as PolicyOverrides) };
  } else if (a.change) {
    changed = Object.keys(own) as (keyof Policy)[];
    next = {};
  }
  if (a.change) {
    await deps.store.setPolicyOverrides(a.scope, a.id, Object.keys(next).length ? next : null);
    const units = a.scope === 'task' ? await deps.store.facts.unitsOfTask(a.id) : await deps.store.facts.unitsOfPlan(a.id);
    deps.log.info({ scope: a.scope, id: a.id, changed }, 'reminder policy changed');
    await reconcileUnits(deps, units, now);
  }
  const planOverrides = a.scope === 'task' ? stored.plan : next;
  const taskOverrides = a.scope === 'task' ? next : null;
  const pausedUntil = stored.pausedUntil && stored.pausedUntil > now ? stored.pausedUntil : null;
  const ownTasks = a.scope === 'plan' ? await deps.store.tasksWithOwnPolicy(a.id, now) : [];
  return { ok: true, effective: resolvePolicy(planOverrides, taskOverrides, deps.options?.base), overrides: next, changed, pausedUntil, ownTasks };
}
