// Days that do not exist and progress over 100% are reported beside the parse result
// (badDate, badPercent), so the conversation can refuse them instead of acting as if no
// date or figure was given. Today is 2025-11-20.
import { describe, expect, it } from 'vitest';
import { parse, parseExtensionAnswer } from '../../src/commands/parse/index.ts';
import { CTX } from './load-cases.ts';

describe('days that do not exist', () => {
  it.each([
    ['二（一）申请延期到2月30日，原因是设备未到货', { year: null, month: 2, day: 30, noMonth: false, notLeap: false }],
    ['2.3 延期到4月31日', { year: null, month: 4, day: 31, noMonth: false, notLeap: false }],
    ['2.3 延期到2027年2月29日', { year: 2027, month: 2, day: 29, noMonth: false, notLeap: true }],
    ['2.3 延期到2026-02-30', { year: 2026, month: 2, day: 30, noMonth: false, notLeap: false }],
    ['2.3 延期到13月', { year: null, month: 13, day: null, noMonth: true, notLeap: false }],
    // without a year, 2月29日 falls in 2026, not a leap year
    ['2.3 延期到2月29日', { year: 2026, month: 2, day: 29, noMonth: false, notLeap: true }],
    ['暂停全部提醒到2月30日', { year: null, month: 2, day: 30, noMonth: false, notLeap: false }],
  ])('%s', (text, bad) => {
    const r = parse(text, CTX);
    expect(r.badDate).toEqual(bad);
    expect(r.slots.date).toBeNull();
  });

  it('real days, leap days and month ends are not flagged', () => {
    for (const text of ['2.3 延期到2028年2月29日', '2.3 延期到2月28日', '2.3 延期到4月30日', '2.3 延期到明年3月底', '2.3 预计12.20完成', '2.3 进度50%']) {
      expect(parse(text, CTX).badDate, text).toBeUndefined();
    }
  });
});

describe('progress over 100%', () => {
  it('is reported, not read as no figure', () => {
    expect(parse('二（一）进度120%', CTX)).toMatchObject({ intent: 'report_progress', slots: { percent: null }, badPercent: 120 });
    expect(parse('2.3 进度百分之一百二十', CTX).badPercent).toBe(120);
    expect(parse('2.3 进度100%', CTX).badPercent).toBeUndefined();
    expect(parse('2.3 门诊量同比增长120%，进度60%', CTX)).toMatchObject({ slots: { percent: 60 } });
    expect(parse('2.3 门诊量同比增长120%，进度60%', CTX).badPercent).toBeUndefined();
  });
});

describe('an answer to "请补充新的完成时限和延期原因"', () => {
  it('gives the date and the reason', () => {
    expect(parseExtensionAnswer('明年9月底，原因是系统供应商更换', CTX)).toEqual({ date: '2026-09-30', reason: '系统供应商更换' });
    expect(parseExtensionAnswer('下周五', CTX)).toEqual({ date: '2025-11-28', reason: null });
    expect(parseExtensionAnswer('2月30日', CTX).badDate).toMatchObject({ month: 2, day: 30 });
  });
});
