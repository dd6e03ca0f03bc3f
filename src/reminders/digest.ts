/**
 * The weekly digest for the leaders' group (Monday 09:00, the 通报 step of the 督办 ladder):
 * counts by status, overdue tasks worst first, what falls due this week, and units that
 * have not reported for 14 days. Status comes from the one status definition
 * (src/tasks/status.ts and its SQL twin), so the digest agrees with every chat answer.
 */
import type { tasksStore } from '../store/tasks.ts';
import type { ReminderStore } from '../store/reminders.ts';
import { chineseDate, daysBetween, shanghaiDay } from '../lib/shanghai.ts';
import { STATUS_ORDER, dayOf, type TaskStatus } from '../tasks/status.ts';
import { statusCounts } from '../render/labels.ts';
import { windowRange } from '../tasks/windows.ts';

type TasksStore = ReturnType<typeof tasksStore>;

/** A unit silent this many calendar days is named in the digest. */
export const SILENT_DAYS = 14;
const OVERDUE_LIMIT = 30;

export interface DigestDeps {
  tasks: Pick<TasksStore, 'statusCounts' | 'overdue' | 'overdueCount' | 'dueBetween'>;
  store: Pick<ReminderStore, 'facts'>;
}

const unitsOf = (t: { assignments: { unit: { name: string } }[] }) => t.assignments.map((a) => a.unit.name).join('、');

/** Template data of templates/reminders/digest.md as of `now`. */
export async function digestData(deps: DigestDeps, now: Date): Promise<Record<string, unknown>> {
  const today = shanghaiDay(now);
  const week = windowRange('this_week', today);
  const [counts, overdue, overdueTotal, due, silent, unbound] = await Promise.all([
    deps.tasks.statusCounts(today),
    deps.tasks.overdue(today, {}, 0, OVERDUE_LIMIT),
    deps.tasks.overdueCount(today, {}),
    deps.tasks.dueBetween(today, week.to, {}, 50),
    deps.store.facts.silentUnits(new Date(now.getTime() - SILENT_DAYS * 86400_000)),
    deps.store.facts.unitsWithoutGroup(),
  ]);
  const overall = new Map(counts.filter((c) => c.unitId === null).map((c) => [c.status as TaskStatus, c.n]));
  const total = [...overall.values()].reduce((a, b) => a + b, 0);
  return {
    date: chineseDate(today),
    total,
    counts: statusCounts(STATUS_ORDER.filter((s) => overall.get(s)).map((s) => ({ status: s, n: overall.get(s)! }))),
    hasOverdue: overdueTotal > 0,
    overdue: overdue.map((t, i) => ({ n: i + 1, path: t.path, title: t.title, units: unitsOf(t), due: chineseDate(dayOf(t.dueDate)!), days: daysBetween(dayOf(t.dueDate)!, today) })),
    /** overdue tasks beyond the listed ones */
    more: Math.max(0, overdueTotal - overdue.length),
    dueThisWeek: due.map((t) => ({ path: t.path, title: t.title, units: unitsOf(t), due: chineseDate(dayOf(t.dueDate)!) })),
    silentDays: SILENT_DAYS,
    silentNames: silent.map((u) => u.name).join('、'),
    /** units whose reminders cannot be delivered */
    unboundNames: unbound.map((u) => u.name).join('、'),
  };
}
