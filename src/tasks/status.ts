/**
 * The one place a task becomes "overdue". Chat answers, reminders, the ledger and the
 * dashboard all call `taskStatus`; the SQL filters for lists are built in
 * src/store/task-filters.ts from the same thresholds, so lists and answers never disagree.
 */
import { daysBetween, shanghaiDay } from '../lib/shanghai.ts';

/** A task is 临期 when its deadline is within this many calendar days. */
export const DUE_SOON_DAYS = 7;

export type TaskStatus = 'done' | 'review' | 'overdue' | 'due_soon' | 'on_track' | 'ongoing' | 'unknown';

/** Worst first: how lists and summaries are ordered. */
export const STATUS_ORDER: TaskStatus[] = ['overdue', 'due_soon', 'review', 'unknown', 'on_track', 'ongoing', 'done'];

export interface TaskFacts {
  state: 'open' | 'claimed_done' | 'done' | 'cancelled';
  /** final deadline, Shanghai day 'YYYY-MM-DD', or null */
  dueDate: string | null;
  dueKind: 'date' | 'inferred' | 'recurring' | 'ongoing' | 'unknown';
}

export function taskStatus(task: TaskFacts, now: Date): TaskStatus {
  if (task.state === 'done' || task.state === 'cancelled') return 'done';
  if (task.state === 'claimed_done') return 'review';
  if (task.dueDate === null) return task.dueKind === 'ongoing' || task.dueKind === 'recurring' ? 'ongoing' : 'unknown';
  const left = daysBetween(shanghaiDay(now), task.dueDate);
  if (left < 0) return 'overdue';
  if (left <= DUE_SOON_DAYS) return 'due_soon';
  return 'on_track';
}

/** Calendar days past the deadline (0 when not overdue). */
export function daysOverdue(task: Pick<TaskFacts, 'dueDate'>, now: Date): number {
  if (!task.dueDate) return 0;
  return Math.max(0, daysBetween(task.dueDate, shanghaiDay(now)));
}

/** Dates come from Prisma as Date at UTC midnight for `@db.Date` columns. */
export function dayOf(d: Date | null | undefined): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}
