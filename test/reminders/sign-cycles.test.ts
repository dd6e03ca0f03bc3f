// The pure 签收 and 定期报送 rules against China's calendar (2026 Mid-Autumn: Sep 25 a holiday,
// Sunday Sep 20 a make-up working day).
import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../../src/tasks/calendar.ts';
import { shanghaiDay, shanghaiInstant } from '../../src/lib/shanghai.ts';
import { createWorkdayIndex, resolvePolicy, slotsFor, type PairFacts } from '../../src/reminders/policy.ts';
import { signDueDay, signLateWorkdays } from '../../src/reminders/policy-sign.ts';
import { cycleAt, cycleLabel, readCycle } from '../../src/tasks/cycles.ts';

const days = createWorkdayIndex(chinaCalendar);
const pair = (over: Partial<PairFacts> = {}): PairFacts => ({
  state: 'open', dueDate: null, dueKind: 'ongoing', recurring: null, pausedUntil: null, lastReportAt: null, lastReminder: null,
  policy: resolvePolicy(null), reachedAt: null, signedAt: null, ...over,
});
const plan = (p: PairFacts, from: string, to: string) => slotsFor(p, shanghaiInstant(from), shanghaiInstant(to, 23), days).map((s) => `${shanghaiDay(s.at)} ${s.step}${s.workdaysOverdue ? ` ${s.workdaysOverdue}` : ''}`);

describe('签收', () => {
  const friday = shanghaiInstant('2026-12-04', 10);
  it('a notice at once, a 签收提醒 on the last day (the next working day), then every working day', () => {
    expect(plan(pair({ reachedAt: friday }), '2026-12-04', '2026-12-09')).toEqual(['2026-12-04 notice', '2026-12-07 sign', '2026-12-08 sign 1', '2026-12-09 sign 2']);
    expect(signDueDay(friday, resolvePolicy(null), days)).toBe('2026-12-07');
    expect(signLateWorkdays(friday, resolvePolicy(null), shanghaiInstant('2026-12-09', 10), days)).toBe(2);
  });
  it('a task whose 交办/改派 notice already told the unit gets no second notice, only its 签收提醒', () => {
    expect(plan(pair({ reachedAt: friday, told: true }), '2026-12-04', '2026-12-09')).toEqual(['2026-12-07 sign', '2026-12-08 sign 1', '2026-12-09 sign 2']);
  });
  it('a task reaching the unit at night is noticed at the policy hour of the next working day', () => {
    expect(plan(pair({ reachedAt: shanghaiInstant('2026-12-04', 21) }), '2026-12-04', '2026-12-08')).toEqual(['2026-12-07 notice', '2026-12-08 sign']);
  });
  it('signed: nothing more; period 0: no 签收 asked', () => {
    expect(plan(pair({ reachedAt: friday, signedAt: friday }), '2026-12-04', '2026-12-09')).toEqual([]);
    expect(plan(pair({ reachedAt: friday, policy: resolvePolicy({ signWorkdays: 0 }) }), '2026-12-04', '2026-12-09')).toEqual([]);
  });
  it('on a day the deadline ladder reminds the task, the 签收提醒 rides in that reminder', () => {
    expect(plan(pair({ reachedAt: friday, dueDate: '2026-12-08', dueKind: 'date' }), '2026-12-07', '2026-12-08')).toEqual(['2026-12-07 before_1', '2026-12-08 due']);
  });
});

describe('定期报送', () => {
  const monthly = resolvePolicy({ reportCycle: { every: 'month', day: 25 } });
  it('reads cycles as documents and admins write them', () => {
    expect(readCycle('请各责任单位于每月25日前报送工作进展情况')).toEqual({ every: 'month', day: 25 });
    expect(readCycle('每季度末报送')).toEqual({ every: 'quarter', day: 0 });
    expect(readCycle('每周五前反馈工作进展')).toEqual({ every: 'week', day: 5 });
    expect(readCycle('每月开展一次检查')).toBeNull();
    expect(cycleLabel({ every: 'month', day: 25 })).toBe('每月25日前');
    expect(cycleAt({ every: 'quarter', day: 0 }, '2026-11-05')).toEqual({ start: '2026-10-01', end: '2026-12-31', due: '2026-12-31' });
  });
  it('asks 5 working days before the due day (a Sunday make-up day counts), skips the holiday, chases after it', () => {
    expect(plan(pair({ policy: monthly }), '2026-09-01', '2026-09-30')).toEqual(['2026-09-20 recurring', '2026-09-28 chase 1', '2026-09-29 chase 2', '2026-09-30 chase 3']);
  });
  it('a report in the period ends the cycle\'s asks and 催报', () => {
    expect(plan(pair({ policy: monthly, lastReportAt: shanghaiInstant('2026-09-10', 10) }), '2026-09-01', '2026-09-30')).toEqual([]);
    expect(plan(pair({ policy: monthly, lastReportAt: shanghaiInstant('2026-09-28', 11) }), '2026-09-01', '2026-09-30')).toEqual(['2026-09-20 recurring', '2026-09-28 chase 1']);
  });
  it('a cycle ending its period (每季度末) is chased for 5 working days into the next', () => {
    const q = resolvePolicy({ reportCycle: { every: 'quarter', day: 0 } });
    expect(plan(pair({ policy: q }), '2026-12-20', '2027-01-10').filter((s) => s.includes('chase'))).toEqual(['2027-01-01 chase 1', '2027-01-04 chase 2', '2027-01-05 chase 3', '2027-01-06 chase 4', '2027-01-07 chase 5']);
  });
});

describe('报送率', () => {
  it('counts, per unit and cycle, the tasks it reported on in the period among those open then', async () => {
    const { cycleRates } = await import('../../src/ledger/signing.ts');
    const cycle = { every: 'month', day: 25 } as const;
    const u = (id: string) => ({ id, name: id });
    const t = (units: string[], reports: [string, string][]) => ({
      cycle, state: 'open' as const, createdAt: shanghaiInstant('2026-08-01'), doneAt: null, units: units.map(u),
      reportTimes: reports.map(([unitId, day]) => ({ unitId, at: shanghaiInstant(day, 10) })),
    });
    const rates = cycleRates([t(['甲', '乙'], [['甲', '2026-09-10'], ['乙', '2026-08-20']]), t(['甲'], [['甲', '2026-10-01']])], shanghaiInstant('2026-09-28', 10), 2);
    const sept = rates.filter((r) => r.window.start === '2026-09-01').map((r) => `${r.unit.name} ${r.reported}/${r.expected}`);
    expect(sept).toEqual(['乙 0/1', '甲 1/2']);
    expect(rates.filter((r) => r.window.start === '2026-08-01').map((r) => `${r.unit.name} ${r.reported}/${r.expected}`)).toEqual(['甲 0/2', '乙 1/1']);
  });
});
