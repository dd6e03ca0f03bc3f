/**
 * The 未签收 list: tasks that reached a unit and nobody of it signed for, by unit, each with
 * the last day to sign and how many working days past it (领办逾期, counted apart from the
 * task's own deadline: 办理逾期). The leaders' "哪些还没签收" and the assessment read it.
 */
import type { ReminderStore } from '../store/reminders.ts';
import type { WorkCalendar } from '../tasks/calendar.ts';
import { chineseDate } from '../lib/shanghai.ts';
import { resolvePolicy, type PolicyOverrides } from './policy-config.ts';
import { signDueDay, signLateWorkdays } from './policy-sign.ts';
import { workdays } from './schedule.ts';

export interface UnsignedTask { taskId: string; path: string; pathKey: string; title: string; plan: string; reachedAt: Date; signBy: string; lateWorkdays: number }
export interface UnsignedUnit { unitId: string; unit: string; tasks: UnsignedTask[]; late: number }

/** Every unsigned task (one unit's, or all), grouped by unit; units with the most late tasks first. */
export async function unsignedByUnit(deps: { store: Pick<ReminderStore, 'signing'>; calendar: WorkCalendar; base?: PolicyOverrides }, unitId: string | undefined, now: Date): Promise<UnsignedUnit[]> {
  const days = workdays(deps.calendar);
  const units = new Map<string, UnsignedUnit>();
  for (const r of await deps.store.signing.unsigned(unitId)) {
    const policy = resolvePolicy(r.planPolicy, r.taskPolicy, deps.base);
    if (policy.signWorkdays === 0) continue;
    let u = units.get(r.unitId);
    if (!u) units.set(r.unitId, (u = { unitId: r.unitId, unit: r.unitName, tasks: [], late: 0 }));
    const late = signLateWorkdays(r.reachedAt, policy, now, days);
    u.tasks.push({ taskId: r.taskId, path: r.path, pathKey: r.pathKey, title: r.title, plan: r.planTitle, reachedAt: r.reachedAt, signBy: chineseDate(signDueDay(r.reachedAt, policy, days)), lateWorkdays: late });
    if (late > 0) u.late += 1;
  }
  return [...units.values()].sort((a, b) => b.late - a.late || a.unit.localeCompare(b.unit, 'zh'));
}
