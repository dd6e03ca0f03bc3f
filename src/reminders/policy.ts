/**
 * The reminder policy, pure: one task as seen by one responsible unit, plus the calendar
 * and a time window → the slots at which that unit should be nudged about that task.
 * Slots are `policy.hour` o'clock (Asia/Shanghai) on working days only, so nothing ever
 * falls in quiet hours (20:00–08:00), on a weekend or an official holiday; make-up
 * working days (调休) count as working days. Schedule, delivery and preview all call
 * this, so what is planned, what is sent and what is previewed cannot disagree.
 */
import { addDays, shanghaiDay, shanghaiInstant, lastDayOfMonth } from '../lib/shanghai.ts';
import { taskStatus, type TaskFacts } from '../tasks/status.ts';
import type { Policy } from './policy-config.ts';
import type { WorkdayIndex } from './policy-days.ts';

export { resolvePolicy, DEFAULT_POLICY, PolicySchema, PolicyOverrides, QUIET_START_HOUR, QUIET_END_HOUR, type Policy } from './policy-config.ts';
export { createWorkdayIndex, isAllowedInstant, nextAllowedInstant, type WorkdayIndex } from './policy-days.ts';

/** before_7 | before_3 | before_1 | due | overdue | escalate | recurring */
export type Step = string;

/** Ladder order: a report skips the rest of a step, never the next one. */
export function stepRank(step: Step): number {
  const b = /^before_(\d+)$/.exec(step);
  if (b) return -Number(b[1]);
  return { recurring: -100, due: 0, overdue: 1, escalate: 2 }[step] ?? 0;
}

/** The Reminder.kind of a message: its most advanced step. */
export function kindOf(steps: Step[]): string {
  const top = [...steps].sort((a, b) => stepRank(b) - stepRank(a))[0] ?? 'before';
  return top.startsWith('before_') ? 'before' : top;
}

export type Recurrence = 'yearly' | 'quarterly' | 'monthly';

/** One task as one unit sees it. */
export interface PairFacts extends TaskFacts {
  recurring: Recurrence | null;
  /** the latest of task, unit and plan pauses: nothing before this instant */
  pausedUntil: Date | null;
  /** this unit's latest progress report on this task (acknowledgements are not reports) */
  lastReportAt: Date | null;
  /** the latest reminder about this task actually sent to this unit */
  lastReminder: { step: Step; at: Date } | null;
  policy: Policy;
}

export interface Slot {
  at: Date;
  step: Step;
  /** overdue working days at this slot (0 before the deadline) */
  workdaysOverdue: number;
  /** recurring tasks: the last day of the period this reminder is for */
  periodEnd?: string;
}

function ladderDays(p: PairFacts, due: string, fromDay: string, toDay: string, days: WorkdayIndex): { day: string; step: Step; k: number }[] {
  const out: { day: string; step: Step; k: number }[] = [];
  if (due >= fromDay) {
    for (const n of p.policy.beforeWorkdays) {
      const day = days.add(due, -n);
      if (day >= fromDay && day <= toDay) out.push({ day, step: `before_${n}`, k: 0 });
    }
    if (p.policy.onDueDay && due <= toDay && days.isWorkday(due)) out.push({ day: due, step: 'due', k: 0 });
  }
  if (due >= toDay) return out;
  // Overdue: every working day after the deadline (a deadline on a holiday is first
  // reminded on the next working day, which is already overdue).
  for (const day of days.window(fromDay, toDay)) {
    if (day <= due || !days.isWorkday(day)) continue;
    const k = days.between(due, day);
    if ((k - 1) % p.policy.overdueEveryWorkdays !== 0) continue;
    out.push({ day, step: k > p.policy.escalateAfterWorkdays ? 'escalate' : 'overdue', k });
  }
  return out;
}

function periodEnds(kind: Recurrence, fromDay: string, toDay: string): { start: string; end: string }[] {
  const out: { start: string; end: string }[] = [];
  const months = kind === 'monthly' ? 1 : kind === 'quarterly' ? 3 : 12;
  let y = Number(fromDay.slice(0, 4));
  let m = 1;
  for (;;) {
    const endMonth = m + months - 1;
    const start = `${y}-${String(m).padStart(2, '0')}-01`;
    const end = lastDayOfMonth(y, endMonth);
    if (start > toDay) return out;
    if (end >= fromDay) out.push({ start, end });
    m += months;
    if (m > 12) { m = 1; y += 1; }
  }
}

function recurringDays(p: PairFacts, fromDay: string, toDay: string, days: WorkdayIndex): { day: string; step: Step; k: number; periodEnd: string; periodStart: string }[] {
  const out: { day: string; step: Step; k: number; periodEnd: string; periodStart: string }[] = [];
  // the reminder may lie up to ~6 weeks before its period's end
  for (const { start, end } of periodEnds(p.recurring!, fromDay, addDays(toDay, 45))) {
    if (p.dueDate && start > p.dueDate) continue;
    const day = days.add(addDays(end, 1), -p.policy.recurringWorkdaysBeforeEnd);
    if (day >= fromDay && day <= toDay) out.push({ day, step: 'recurring', k: 0, periodEnd: end, periodStart: start });
  }
  return out;
}

let lastWindow = { from: NaN, to: NaN, fromDay: '', toDay: '' };
/** Shanghai days of a window, cached: reconcile asks for the same window 100,000 times. */
function windowDays(from: Date, to: Date): { fromDay: string; toDay: string } {
  if (lastWindow.from !== from.getTime() || lastWindow.to !== to.getTime()) {
    lastWindow = { from: from.getTime(), to: to.getTime(), fromDay: shanghaiDay(from), toDay: shanghaiDay(to) };
  }
  return lastWindow;
}

/**
 * The slots in [from, to] at which this unit should be reminded of this task. Done,
 * cancelled and claimed-done tasks have none; paused ones none before the pause ends.
 * A task with a deadline gets the ladder (before, due, overdue, escalate) whether or not
 * it also recurs; a recurring task also gets its period reminder, except on a day the
 * ladder already reminds it. A unit that reported since its last reminder is skipped for
 * the rest of that step (a before step, or the overdue days up to escalation); escalation
 * has no end of its own, so there a report answers only the reminder it followed and the
 * chase goes on from the next escalation slot.
 */
export function slotsFor(p: PairFacts, from: Date, to: Date, days: WorkdayIndex): Slot[] {
  if (!p.policy.enabled || p.state !== 'open') return [];
  const status = taskStatus(p, from);
  if (status === 'done' || status === 'review') return [];
  const { fromDay, toDay } = windowDays(from, to);
  const out: Slot[] = [];
  /** `step` null: each recurring period is its own step, decided by the period rule instead */
  const keep = (at: Date, step: Step | null) => {
    if (at < from || at > to) return false;
    if (p.pausedUntil && at < p.pausedUntil) return false;
    const r = p.lastReminder;
    if (step && step !== 'escalate' && r && p.lastReportAt && p.lastReportAt > r.at && p.lastReportAt <= at && r.step === step) return false;
    return true;
  };
  if (p.dueDate) {
    for (const d of ladderDays(p, p.dueDate, fromDay, toDay, days)) {
      const at = shanghaiInstant(d.day, p.policy.hour);
      if (keep(at, d.step)) out.push({ at, step: d.step, workdaysOverdue: d.k });
    }
  }
  if (p.recurring) {
    const ladder = new Set(out.map((s) => s.at.getTime()));
    for (const d of recurringDays(p, fromDay, toDay, days)) {
      const at = shanghaiInstant(d.day, p.policy.hour);
      if (ladder.has(at.getTime())) continue; // one reminder per task per slot: the deadline's
      if (p.lastReportAt && p.lastReportAt >= shanghaiInstant(d.periodStart) && p.lastReportAt <= at) continue; // reported this period
      if (keep(at, null)) out.push({ at, step: d.step, workdaysOverdue: 0, periodEnd: d.periodEnd });
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The weekly digest slots in [from, to]: `policy.digestWeekday` (Monday) at the policy
 * hour, moved to the next working day when that day is a holiday.
 */
export function digestSlots(policy: Policy, from: Date, to: Date, days: WorkdayIndex): Date[] {
  const out: Date[] = [];
  let day = shanghaiDay(from);
  const weekday = (d: string) => ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  day = addDays(day, -((weekday(day) - policy.digestWeekday + 7) % 7) - 7); // the previous week's digest day
  for (; day <= shanghaiDay(to); day = addDays(day, 7)) {
    const at = shanghaiInstant(days.next(day), policy.hour);
    if (at >= from && at <= to) out.push(at);
  }
  return out;
}
