/**
 * The reminder policy, pure: one task as seen by one responsible unit, plus the calendar
 * and a time window → the slots at which that unit should be nudged about that task.
 * Slots are `policy.hour` o'clock (Asia/Shanghai) on working days only, so nothing ever
 * falls in quiet hours (20:00–08:00), on a weekend or an official holiday; make-up
 * working days (调休) count as working days. Schedule, delivery and preview all call
 * this, so what is planned, what is sent and what is previewed cannot disagree.
 */
import { addDays, shanghaiDay, shanghaiInstant } from '../lib/shanghai.ts';
import { taskStatus, type TaskFacts } from '../tasks/status.ts';
import { cycleOfRecurrence, cyclesBetween, type ReportCycle } from '../tasks/cycles.ts';
import type { Policy } from './policy-config.ts';
import type { WorkdayIndex } from './policy-days.ts';
import { signSlots } from './policy-sign.ts';

export { resolvePolicy, DEFAULT_POLICY, PolicySchema, PolicyOverrides, QUIET_START_HOUR, QUIET_END_HOUR, type Policy } from './policy-config.ts';
export { createWorkdayIndex, isAllowedInstant, nextAllowedInstant, type WorkdayIndex } from './policy-days.ts';

/**
 * notice (the task reached the unit: 请签收) | sign (签收提醒) | before_7 | before_3 | before_1 |
 * due | overdue | escalate | recurring (a cycle's report asked for) | chase (催报: the cycle's
 * due day passed without a report)
 */
export type Step = string;

/** Ladder order: a report skips the rest of a step, never the next one. */
export function stepRank(step: Step): number {
  const b = /^before_(\d+)$/.exec(step);
  if (b) return -Number(b[1]);
  return { notice: -300, recurring: -100, sign: -50, chase: -0.5, due: 0, overdue: 1, escalate: 2 }[step] ?? 0;
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
  /** 签收: when the task reached this unit (null: before 签收 existed) and when the unit signed */
  reachedAt: Date | null;
  /** the 交办/改派 notice told the unit and asked it to sign: no 任务通知 of the reminders */
  told?: boolean;
  signedAt: Date | null;
}

export interface Slot {
  at: Date;
  step: Step;
  /** overdue working days at this slot (0 before the deadline) */
  workdaysOverdue: number;
  /** report cycles: the due day of the cycle this reminder is for */
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

/** The cycle a pair is reported on: its plan's or task's 定期报送 setting, else its recurrence. */
export function cycleOf(p: Pick<PairFacts, 'policy' | 'recurring'>): { cycle: ReportCycle; chase: boolean } | null {
  if (p.policy.reportCycle) return { cycle: p.policy.reportCycle, chase: true };
  const r = cycleOfRecurrence(p.recurring);
  return r ? { cycle: r, chase: false } : null;
}

/**
 * A cycle's days: the report is asked for `recurringWorkdaysBeforeEnd` working days before the
 * due day (1 = the due day, when a working day); a 定期报送 setting also chases (催报) every
 * `overdueEveryWorkdays` working days after the due day — to the period's end, or, when no
 * working day is left in it (每季度末, 每周五), for 5 working days into the next (2 for a week).
 */
function cycleDays(p: PairFacts, fromDay: string, toDay: string, days: WorkdayIndex): { day: string; step: Step; k: number; due: string; periodStart: string }[] {
  const c = cycleOf(p)!;
  const key = `${fromDay}|${toDay}|${p.policy.recurringWorkdaysBeforeEnd}|${p.policy.overdueEveryWorkdays}|${c.chase}`;
  const hit = cycleCache.get(c.cycle);
  const all = hit?.key === key ? hit.days : cycleDaysOf(c, p.policy, fromDay, toDay, days, key);
  // a task with a deadline is not asked about periods that begin after it
  return p.dueDate ? all.filter((d) => d.periodStart <= p.dueDate!) : all;
}

function cycleDaysOf(c: { cycle: ReportCycle; chase: boolean }, policy: Policy, fromDay: string, toDay: string, days: WorkdayIndex, key: string): { day: string; step: Step; k: number; due: string; periodStart: string }[] {
  const out: { day: string; step: Step; k: number; due: string; periodStart: string }[] = [];
  // the ask may lie weeks before its due day, a chase a week after the period
  for (const w of cyclesBetween(c.cycle, addDays(fromDay, -14), addDays(toDay, 45))) {
    let ask = days.add(addDays(w.due, 1), -policy.recurringWorkdaysBeforeEnd);
    if (ask < w.start) ask = days.next(w.start);
    if (ask >= fromDay && ask <= toDay) out.push({ day: ask, step: 'recurring', k: 0, due: w.due, periodStart: w.start });
    if (!c.chase) continue;
    // no working day left in the period after the due day (每季度末, 每周五): chase into the next one
    const chaseEnd = days.between(w.due, w.end) > 0 ? w.end : days.add(w.due, c.cycle.every === 'week' ? 2 : 5);
    const last = chaseEnd < toDay ? chaseEnd : toDay;
    const first = addDays(w.due, 1);
    for (let day = days.next(first > fromDay ? first : fromDay); day <= last; day = days.add(day, 1)) {
      const k = days.between(w.due, day);
      if ((k - 1) % policy.overdueEveryWorkdays === 0) out.push({ day, step: 'chase', k, due: w.due, periodStart: w.start });
    }
  }
  // 100,000 tasks share a handful of cycles: the days are the same for all of them
  cycleCache.set(c.cycle, { key, days: out });
  return out;
}

const cycleCache = new WeakMap<ReportCycle, { key: string; days: { day: string; step: Step; k: number; due: string; periodStart: string }[] }>();

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
  const ladder = new Set(out.map((s) => s.at.getTime()));
  if (cycleOf(p)) {
    for (const d of cycleDays(p, fromDay, toDay, days)) {
      const at = shanghaiInstant(d.day, p.policy.hour);
      if (ladder.has(at.getTime())) continue; // one reminder per task per slot: the deadline's
      if (p.lastReportAt && p.lastReportAt >= shanghaiInstant(d.periodStart) && p.lastReportAt <= at) continue; // reported this period
      if (keep(at, null)) { ladder.add(at.getTime()); out.push({ at, step: d.step, workdaysOverdue: d.k, periodEnd: d.due }); }
    }
  }
  if (p.reachedAt && !p.signedAt && p.policy.signWorkdays > 0) {
    for (const s of signSlots(p.reachedAt, p.policy, from, to, days, p.told ?? false)) {
      if (ladder.has(s.at.getTime())) continue; // the unsigned task is marked in that reminder instead
      if (keep(s.at, null)) out.push(s);
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
