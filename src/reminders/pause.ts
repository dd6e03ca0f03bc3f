/**
 * "暂停 2.3 提醒到12月1日" / "恢复 2.3 提醒": pause reminders for a task, a unit or a whole
 * plan until a date (an instant: the admin's day at 00:00 Asia/Shanghai), or resume them
 * (until = null). The schedule of every unit concerned is rebuilt at once, so queued
 * reminders inside the pause are dropped and those after it appear.
 */
import { reconcileUnits, type ReconcileResult, type ScheduleDeps } from './schedule.ts';

export type PauseScope = 'task' | 'unit' | 'plan';

export async function setPause(deps: ScheduleDeps, a: { scope: PauseScope; id: string; until: Date | null }, now: Date): Promise<ReconcileResult> {
  await deps.store.setPause(a.scope, a.id, a.until);
  const units = a.scope === 'unit' ? [a.id] : a.scope === 'task' ? await deps.store.facts.unitsOfTask(a.id) : await deps.store.facts.unitsOfPlan(a.id);
  deps.log.info({ scope: a.scope, id: a.id, until: a.until }, a.until ? 'reminders paused' : 'reminders resumed');
  return reconcileUnits(deps, units, now);
}
