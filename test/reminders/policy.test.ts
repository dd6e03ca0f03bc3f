// The pure reminder policy against China's 2025 calendar (National Day Oct 1–8 with make-up
// days Sep 28 and Oct 11; Spring Festival Jan 28–Feb 4 with make-up days Jan 26 and Feb 8).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chinaCalendar } from '../../src/tasks/calendar.ts';
import { shanghaiDay, shanghaiInstant, shanghaiParts } from '../../src/lib/shanghai.ts';
import { createWorkdayIndex, digestSlots, resolvePolicy, slotsFor, nextAllowedInstant, type PairFacts } from '../../src/reminders/policy.ts';

const days = createWorkdayIndex(chinaCalendar);
const YEAR = [shanghaiInstant('2025-01-01'), shanghaiInstant('2026-01-01')] as const;

function pair(over: Partial<PairFacts> = {}): PairFacts {
  return { state: 'open', dueDate: '2025-10-09', dueKind: 'date', recurring: null, pausedUntil: null, lastReportAt: null, lastReminder: null, policy: resolvePolicy(null), reachedAt: null, signedAt: null, ...over };
}
const plan = (p: PairFacts, from: Date = YEAR[0], to: Date = YEAR[1]) => slotsFor(p, from, to, days).map((s) => `${shanghaiDay(s.at)} ${s.step}`);

describe('reminder policy (2025 holidays)', () => {
  it('a deadline just after National Day: 3 working days before is the Sunday make-up day', () => {
    expect(plan(pair({ dueDate: '2025-10-09' })).slice(0, 8)).toEqual([
      '2025-09-23 before_7', '2025-09-28 before_3', '2025-09-30 before_1', '2025-10-09 due',
      '2025-10-10 overdue', '2025-10-11 overdue', '2025-10-13 overdue', '2025-10-14 escalate',
    ]);
  });
  it('a deadline on a holiday is first chased on the next working day, as overdue', () => {
    expect(plan(pair({ dueDate: '2025-10-01' })).slice(0, 8)).toEqual([
      '2025-09-23 before_7', '2025-09-28 before_3', '2025-09-30 before_1',
      '2025-10-09 overdue', '2025-10-10 overdue', '2025-10-11 overdue', '2025-10-13 escalate', '2025-10-14 escalate',
    ]);
  });
  it('Spring Festival: make-up days Jan 26 and Feb 8 are used, Jan 28–Feb 4 never', () => {
    expect(plan(pair({ dueDate: '2025-02-05' })).slice(0, 8)).toEqual([
      '2025-01-20 before_7', '2025-01-24 before_3', '2025-01-27 before_1', '2025-02-05 due',
      '2025-02-06 overdue', '2025-02-07 overdue', '2025-02-08 overdue', '2025-02-10 escalate',
    ]);
    expect(plan(pair({ dueDate: '2025-01-29' })).slice(0, 5)).toEqual([
      '2025-01-20 before_7', '2025-01-24 before_3', '2025-01-27 before_1', '2025-02-05 overdue', '2025-02-06 overdue',
    ]);
  });
  it('every slot is at 09:00 Asia/Shanghai on a working day, never in quiet hours', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 364 }), fc.integer({ min: 8, max: 19 }), (a, b, hour) => {
      const due = shanghaiDay(new Date(YEAR[0].getTime() + a * 86400_000));
      const from = new Date(YEAR[0].getTime() + b * 86400_000 + 3600_000 * 7);
      for (const s of slotsFor(pair({ dueDate: due, policy: resolvePolicy({ hour }) }), from, YEAR[1], days)) {
        const p = shanghaiParts(s.at);
        expect(p.hour).toBe(hour);
        expect(p.minute).toBe(0);
        expect(chinaCalendar.isWorkday(shanghaiDay(s.at))).toBe(true);
        expect(s.at >= from).toBe(true);
      }
    }), { numRuns: 200 });
  });
  it('done, cancelled and claimed tasks get nothing; a pause skips until its date', () => {
    expect(plan(pair({ state: 'done' }))).toEqual([]);
    expect(plan(pair({ state: 'claimed_done' }))).toEqual([]);
    expect(plan(pair({ pausedUntil: shanghaiInstant('2025-10-13') })).slice(0, 2)).toEqual(['2025-10-13 overdue', '2025-10-14 escalate']);
  });
  it('a unit that reported since its last reminder is skipped for the rest of that step only', () => {
    const p = pair({ dueDate: '2025-10-09', lastReminder: { step: 'overdue', at: shanghaiInstant('2025-10-10', 9) }, lastReportAt: shanghaiInstant('2025-10-10', 15) });
    expect(plan(p, shanghaiInstant('2025-10-10', 10)).slice(0, 2)).toEqual(['2025-10-14 escalate', '2025-10-15 escalate']);
  });
  it('an escalated task that reports is still chased to the leaders from the next slot', () => {
    // 55 days overdue: 领导督办 at 09:00, the unit reports at 10:00
    const p = pair({ dueDate: '2025-10-09', lastReminder: { step: 'escalate', at: shanghaiInstant('2025-12-03', 9) }, lastReportAt: shanghaiInstant('2025-12-03', 10) });
    expect(plan(p, shanghaiInstant('2025-12-03', 10), shanghaiInstant('2025-12-09', 10))).toEqual(['2025-12-04 escalate', '2025-12-05 escalate', '2025-12-08 escalate', '2025-12-09 escalate']);
    // an overdue report still quiets the rest of the overdue days, as before
    const q = pair({ dueDate: '2025-10-09', lastReminder: { step: 'overdue', at: shanghaiInstant('2025-10-10', 9) }, lastReportAt: shanghaiInstant('2025-10-10', 15) });
    expect(plan(q, shanghaiInstant('2025-10-10', 10)).slice(0, 1)).toEqual(['2025-10-14 escalate']);
  });
  it('plan overrides change the ladder; invalid fields are ignored', () => {
    const policy = resolvePolicy({ beforeWorkdays: [5], escalateAfterWorkdays: 1, hour: 25, onDueDay: false }, { overdueEveryWorkdays: 2 });
    expect(policy.hour).toBe(9);
    expect(plan(pair({ dueDate: '2025-10-09', policy })).slice(0, 4)).toEqual(['2025-09-25 before_5', '2025-10-10 overdue', '2025-10-13 escalate', '2025-10-15 escalate']);
    expect(plan(pair({ policy: resolvePolicy({ enabled: false }) }))).toEqual([]);
  });
  it('recurring tasks get one reminder per period, not once reported in that period', () => {
    const q = pair({ dueDate: null, dueKind: 'recurring', recurring: 'quarterly' });
    expect(plan(q)).toEqual(['2025-03-25 recurring', '2025-06-24 recurring', '2025-09-25 recurring', '2025-12-25 recurring']);
    expect(plan({ ...q, recurring: 'yearly' })).toEqual(['2025-12-25 recurring']);
    expect(plan({ ...q, recurring: 'monthly' })).toHaveLength(12);
    expect(plan({ ...q, lastReportAt: shanghaiInstant('2025-04-02', 10) })).toEqual(['2025-03-25 recurring', '2025-09-25 recurring', '2025-12-25 recurring']);
  });
  it('a recurring task with a stated deadline gets the deadline ladder too, one reminder a day', () => {
    // 每年至少组织2次…, 2025年12月31日前完成年度招聘计划
    const y = pair({ dueDate: '2025-12-31', dueKind: 'date', recurring: 'yearly' });
    expect(plan(y)).toEqual(['2025-12-22 before_7', '2025-12-25 recurring', '2025-12-26 before_3', '2025-12-30 before_1', '2025-12-31 due']);
    expect(plan({ ...y, policy: resolvePolicy({ beforeWorkdays: [5, 2, 1] }) })).toEqual(['2025-12-24 before_5', '2025-12-25 recurring', '2025-12-29 before_2', '2025-12-30 before_1', '2025-12-31 due']);
    // past the deadline: chased and escalated every working day; the period reminder day is not doubled
    const late = plan({ ...y, dueDate: '2025-12-15' }, shanghaiInstant('2025-12-16'));
    expect(late.slice(0, 5)).toEqual(['2025-12-16 overdue', '2025-12-17 overdue', '2025-12-18 overdue', '2025-12-19 escalate', '2025-12-22 escalate']);
    expect(late.filter((s) => s.startsWith('2025-12-25'))).toEqual(['2025-12-25 escalate']);
  });
  it('the weekly digest is Monday 09:00, moved off holidays', () => {
    const slots = digestSlots(resolvePolicy(null), shanghaiInstant('2025-01-27'), shanghaiInstant('2025-02-11'), days).map(shanghaiDay);
    expect(slots).toEqual(['2025-01-27', '2025-02-05', '2025-02-10']);
    expect(digestSlots(resolvePolicy(null), shanghaiInstant('2025-10-05'), shanghaiInstant('2025-10-10'), days).map(shanghaiDay)).toEqual(['2025-10-09']);
  });
  it('a missed slot moves to the next allowed instant, never into quiet hours', () => {
    expect(nextAllowedInstant(shanghaiInstant('2025-09-30', 21), days, 9)).toEqual(shanghaiInstant('2025-10-09', 9));
    expect(nextAllowedInstant(shanghaiInstant('2025-10-10', 3), days, 9)).toEqual(shanghaiInstant('2025-10-10', 9));
    expect(nextAllowedInstant(shanghaiInstant('2025-10-10', 11, 5), days, 9)).toEqual(shanghaiInstant('2025-10-10', 11, 5));
  });
});
