/**
 * 签收 and 定期报送 as the ledger, 通报, dashboard and assessment show them: per unit of a task,
 * when it signed (or that it has not) and whether that was past the 签收 period (领办逾期);
 * per unit of a plan with a report cycle, each cycle's 报送率 (tasks reported in the cycle /
 * tasks it had open then). The rules are the reminders' own (reminders/policy-sign.ts, tasks/cycles.ts).
 */
import { chinaCalendar } from '../tasks/calendar.ts';
import { cycleFromSettings, cycleLabel, cyclesBetween, type CycleWindow, type ReportCycle } from '../tasks/cycles.ts';
import { chineseDate, shanghaiDay, shanghaiInstant } from '../lib/shanghai.ts';
import { createWorkdayIndex, type WorkdayIndex } from '../reminders/policy-days.ts';
import { resolvePolicy } from '../reminders/policy-config.ts';
import { signDueDay, signLateWorkdays } from '../reminders/policy-sign.ts';
import type { LedgerTaskRow } from '../store/ledger.ts';

let index: WorkdayIndex | null = null;
const days = () => (index ??= createWorkdayIndex(chinaCalendar));

export interface UnitSigning {
  unit: { id: string; name: string };
  signedAt: Date | null;
  /** the last day to sign, 'YYYY-MM-DD' */
  signBy: string;
  /** signed after the period, or still unsigned past it (领办逾期) */
  late: boolean;
  /** unsigned: working days past the period (0 while still in time) */
  lateWorkdays: number;
}

/** The 签收 of each unit the task reached (units assigned before 签收 existed have none). */
export function signingOf(row: Pick<LedgerTaskRow, 'assignments' | 'planPolicy' | 'taskPolicy'>, now: Date): UnitSigning[] {
  const policy = resolvePolicy(row.planPolicy, row.taskPolicy);
  if (policy.signWorkdays === 0) return [];
  return row.assignments.filter((a) => a.reachedAt).map((a) => {
    const signBy = signDueDay(a.reachedAt!, policy, days());
    const lateWorkdays = a.signedAt ? 0 : signLateWorkdays(a.reachedAt!, policy, now, days());
    return { unit: a.unit, signedAt: a.signedAt, signBy, late: a.signedAt ? shanghaiDay(a.signedAt) > signBy : lateWorkdays > 0, lateWorkdays };
  });
}

/** The 签收 cell: 区卫生健康局 2026年12月7日签收；区财政局 未签收（逾期2个工作日）. */
export function signingText(s: UnitSigning[]): string {
  return s.map((x) => `${x.unit.name} ${x.signedAt ? `${chineseDate(shanghaiDay(x.signedAt))}签收${x.late ? '（超期）' : ''}` : `未签收${x.lateWorkdays ? `（逾期${x.lateWorkdays}个工作日）` : ''}`}`).join('；');
}

/** The 定期报送 cycle the task is on (a plan or task setting), or null. */
export function reportCycleOf(row: Pick<LedgerTaskRow, 'planPolicy' | 'taskPolicy'>): ReportCycle | null {
  return cycleFromSettings(row.planPolicy, row.taskPolicy, null);
}

export interface CycleRate { cycle: string; window: CycleWindow; unit: { id: string; name: string }; expected: number; reported: number; rate: number }

type RateTask = { cycle: ReportCycle | null; state: LedgerTaskRow['state']; createdAt: Date; doneAt: Date | null; units: { id: string; name: string }[]; reportTimes: { unitId: string; at: Date }[] };

/**
 * 报送率 per unit for the last `count` cycles that began by `now`: a task counts in a cycle when
 * it existed then and was not finished before the cycle began; it is reported when the unit
 * reported on it within the cycle's period.
 */
export function cycleRates(tasks: RateTask[], now: Date, count = 3): CycleRate[] {
  const out = new Map<string, CycleRate>();
  const today = shanghaiDay(now);
  for (const t of tasks) {
    if (!t.cycle || t.state === 'cancelled') continue;
    const created = shanghaiDay(t.createdAt);
    const windows = cyclesBetween(t.cycle, created < today ? created : today, today).slice(-count);
    for (const w of windows) {
      if (t.doneAt && shanghaiDay(t.doneAt) < w.start) continue;
      const from = shanghaiInstant(w.start);
      const to = shanghaiInstant(w.end).getTime() + 86400_000;
      for (const u of t.units) {
        const key = `${w.start}|${u.id}`;
        let r = out.get(key);
        if (!r) out.set(key, (r = { cycle: `${cycleLabel(t.cycle)}（${chineseDate(w.start)}—${chineseDate(w.end)}）`, window: w, unit: u, expected: 0, reported: 0, rate: 0 }));
        r.expected += 1;
        if (t.reportTimes.some((x) => x.unitId === u.id && x.at >= from && x.at.getTime() < to)) r.reported += 1;
      }
    }
  }
  for (const r of out.values()) r.rate = r.expected ? Math.round((r.reported / r.expected) * 100) : 0;
  return [...out.values()].sort((a, b) => b.window.start.localeCompare(a.window.start) || a.rate - b.rate || a.unit.name.localeCompare(b.unit.name, 'zh'));
}
