/**
 * 签收 starts here: `startSigning` is the ONE call for "these tasks have now reached these
 * units" — plan activation (import 确认 through the intent hook, `npx duban plans activate`),
 * an admin's unit correction after activation, 交办 and 改派 call it (in chat: `ctx.hooks.startSigning`,
 * inside the message's transaction; elsewhere `(await remindersOf(rt)).startSigning`).
 * It stamps the 签收 period's start on each (task, unit) not reached before (or again, with
 * `restart`, for a unit a task was moved to) and reschedules those units, so each gets one
 * notice listing its new tasks and, unsigned, its 签收提醒 (policy-sign.ts).
 */
import { reconcileUnits, type ScheduleDeps } from './schedule.ts';

export interface Reach {
  /** the tasks that reached their units (all of a plan's with planId) */
  taskIds?: string[];
  planId?: string;
  /** only these units of those tasks (改派: the new unit) */
  unitIds?: string[];
  /** the unit's 签收 starts again even if it had signed (a task moved back to it) */
  restart?: boolean;
  /** the 交办 or 改派 notice told the units and asked them to sign: no 任务通知 after it */
  told?: boolean;
}

/** Start 签收 for tasks that reached units now; returns the units that will be sent a notice. */
export async function startSigning(deps: ScheduleDeps, reach: Reach, now: Date): Promise<string[]> {
  if (!reach.taskIds?.length && !reach.planId) return [];
  const units = await deps.store.signing.reach(reach, now);
  deps.log.info({ ...reach, units: units.length }, '签收 started');
  if (units.length) await reconcileUnits(deps, units, now);
  return units;
}
