/**
 * At send time: which of a reminder's tasks still need the nudge (done, cancelled,
 * claimed, paused, rescheduled or reported tasks drop out), and the message data for the
 * unit's group and, for escalations, the leaders' group. Wording lives in
 * templates/reminders/.
 */
import { recurrenceLabel } from '../render/labels.ts';
import type { ReminderStore } from '../store/reminders.ts';
import type { WorkCalendar } from '../tasks/calendar.ts';
import { chineseDate, daysBetween, shanghaiDay } from '../lib/shanghai.ts';
import { daysOverdue } from '../tasks/status.ts';
import { cycleLabel } from '../tasks/cycles.ts';
import { cycleOf, slotsFor, stepRank, resolvePolicy, type PolicyOverrides } from './policy.ts';
import { signDueDay, signLateWorkdays } from './policy-sign.ts';
import { indexFacts, pairFacts } from './plan-slots.ts';
import { workdays } from './schedule.ts';


export interface ComposedItem {
  taskId: string;
  step: string;
  workdaysOverdue: number;
  n: number;
  path: string;
  pathKey: string;
  seq: number;
  title: string;
  due: string;
  /** the deadline (or period end) as 'YYYY-MM-DD', for ordering */
  dueDay: string;
  overdue: boolean;
  days: number;
  dueToday: boolean;
  left: number;
  escalated: boolean;
  recurring: string | null;
  periodEnd: string | null;
  /** 签收: a new task's notice; not signed for yet (with its last day); a 签收提醒 past that day */
  notice: boolean;
  unsigned: boolean;
  signBy: string | null;
  signLate: number;
  /** 催报: the cycle's due day passed without a report */
  chase: boolean;
}

export interface Composed {
  unitId: string;
  unitName: string;
  items: ComposedItem[];
  escalated: ComposedItem[];
  members: { id: string; name: string; userId: string; platform: string }[];
  /** members who neither reported nor acknowledged since the previous reminder */
  pending: string[];
  threshold: number;
  /** every item is a new task's notice */
  notice: boolean;
  /** items not yet signed for */
  unsigned: number;
}

/** The still-needed items of a claimed reminder row, or null when nothing is left to say. */
export async function composeUnitReminder(
  deps: { store: ReminderStore; calendar: WorkCalendar; base?: PolicyOverrides },
  row: { id: string; unitId: string; slot: Date; items: { taskId: string }[] },
  now: Date,
): Promise<Composed | null> {
  const { store } = deps;
  const days = workdays(deps.calendar);
  const [pairs, reports, sent, unit] = await Promise.all([
    store.facts.pairs({ unitIds: [row.unitId], taskIds: row.items.map((i) => i.taskId), anyState: true }),
    store.facts.lastReports([row.unitId]),
    store.facts.lastReminders([row.unitId], row.id),
    store.unit(row.unitId),
  ]);
  if (!unit) return null;
  const facts = indexFacts(reports, sent);
  const today = shanghaiDay(now);
  const items: ComposedItem[] = [];
  let threshold = resolvePolicy(null, null, deps.base).escalateAfterWorkdays;
  for (const p of pairs) {
    const f = pairFacts(p, facts, deps.base);
    const slot = slotsFor(f, row.slot, row.slot, days)[0];
    if (!slot) continue;
    if (slot.step === 'escalate') threshold = f.policy.escalateAfterWorkdays;
    const due = slot.periodEnd ?? p.dueDate ?? today;
    const over = !slot.periodEnd && p.dueDate !== null && daysOverdue(p, now) > 0;
    const cycle = slot.periodEnd ? cycleOf(f) : null;
    const unsigned = f.reachedAt !== null && f.signedAt === null && f.policy.signWorkdays > 0;
    const plain = slot.step === 'notice' || slot.step === 'sign';
    items.push({
      taskId: p.taskId, step: slot.step, workdaysOverdue: slot.workdaysOverdue, n: 0, path: p.path, pathKey: p.pathKey, seq: p.seq, title: p.title,
      due: p.dueDate || slot.periodEnd ? chineseDate(due) : '持续推进', dueDay: due, overdue: over, days: over ? daysOverdue(p, now) : 0, dueToday: !slot.periodEnd && due === today && p.dueDate !== null,
      left: !slot.periodEnd && !over && p.dueDate ? Math.max(0, daysBetween(today, due)) : 0, escalated: slot.step === 'escalate',
      recurring: cycle ? (cycle.chase ? cycleLabel(cycle.cycle) : recurrenceLabel(p.recurring)) : null, periodEnd: slot.periodEnd ? chineseDate(slot.periodEnd) : null,
      notice: slot.step === 'notice', unsigned, signBy: unsigned ? chineseDate(signDueDay(f.reachedAt!, f.policy, days)) : null,
      signLate: unsigned ? signLateWorkdays(f.reachedAt!, f.policy, now, days) : 0, chase: slot.step === 'chase',
    });
    if (plain && !p.dueDate) items[items.length - 1]!.left = 0;
  }
  if (!items.length) return null;
  items.sort((a, b) => stepRank(b.step) - stepRank(a.step) || b.days - a.days || a.dueDay.localeCompare(b.dueDay) || a.seq - b.seq);
  items.forEach((it, i) => { it.n = i + 1; });
  const members = await store.members(row.unitId);
  const previous = await store.previousSent(row.unitId, now, row.id);
  const answered = previous?.sentAt ? await store.answeredSince(row.unitId, previous.sentAt) : null;
  const pending = answered ? members.filter((m) => !answered.has(m.id)).map((m) => m.name) : [];
  const escalated = items.filter((i) => i.escalated).map((it, i) => ({ ...it, n: i + 1 }));
  return { unitId: unit.id, unitName: unit.name, items, escalated, members, pending, threshold, notice: items.every((i) => i.notice), unsigned: items.filter((i) => i.unsigned).length };
}

/** Template data of the unit message (templates/reminders/unit.md). */
export function unitMessageData(c: Composed): Record<string, unknown> {
  return {
    unit: c.unitName,
    items: c.items,
    example: c.items[0]?.pathKey ?? '1.1',
    liaisons: c.members.map((m) => m.name).join('、'),
    pending: c.pending.join('、'),
    notice: c.notice,
    unsigned: c.unsigned || null,
    // the header says what the message is: a new task's notice, a 签收提醒, a 催报, or a 督办提醒
    title: c.notice ? '任务通知' : c.items.every((i) => i.step === 'sign') ? '签收提醒' : c.items.every((i) => i.chase) ? '催报' : '督办提醒',
    signOnly: c.items.every((i) => i.notice || i.step === 'sign'),
  };
}

/** Whether the unit itself got the reminder its escalation goes with. */
export type UnitReach = 'reached' | 'no_group' | 'failed';

/** Template data of the leaders' escalation (templates/reminders/escalate.md). */
export function escalationData(c: Composed, unit: UnitReach): Record<string, unknown> {
  return {
    unit: c.unitName,
    total: c.escalated.length,
    threshold: c.threshold,
    items: c.escalated.map((i) => ({ ...i, workdays: i.workdaysOverdue })),
    reminded: unit === 'reached',
    noGroup: unit === 'no_group',
    failed: unit === 'failed',
  };
}
