// Relative dates and query windows against 2025-11-20 10:00 Asia/Shanghai (a Thursday),
// including the table of the labelling rules and the official holiday calendar (调休).
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/commands/parse/index.ts';
import { CTX } from './load-cases.ts';

/** The date a progress report "2.3 <expr>完成" names. */
const dateOf = (expr: string, now = CTX.now) => parse(`2.3 预计${expr}完成`, { ...CTX, now }).slots.date;

describe('dates in reports and requests', () => {
  it.each([
    ['前天', '2025-11-18'], ['本周四', '2025-11-20'], ['下周二', '2025-11-25'], ['下周四', '2025-11-27'],
    ['本月末', '2025-11-30'], ['下月中旬', '2025-12-20'], ['年内', '2025-12-31'], ['下季度末', '2026-03-31'],
    ['明年5月', '2026-05-31'], ['二〇二六年五月十日', '2026-05-10'], ['5个工作日内', '2025-11-27'],
    ['元旦后', '2026-01-04'], ['春节后', '2026-02-24'], ['国庆前', '2026-09-30'], ['月底前', '2025-11-30'],
    ['12.20', '2025-12-20'], ['6月', '2026-06-30'], ['end of June', '2026-06-30'], ['明年3月底', '2026-03-31'],
    ['本季度末', '2025-12-31'], ['下月初', '2025-12-10'], ['3月上旬', '2026-03-10'], ['2026-01-15', '2026-01-15'],
    ['10个工作日内', '2025-12-04'], ['今天', '2025-11-20'], ['明天', '2025-11-21'], ['周五前', '2025-11-21'],
    ['下下周一', '2025-12-01'], ['年前', '2026-02-16'], ['五一前', '2026-04-30'], ['下周', null], ['这周内', null],
  ])('%s → %s', (expr, day) => {
    expect(dateOf(expr)).toBe(day);
  });

  it('keeps a month-day in the past when the message says it happened', () => {
    expect(parse('2.3 已于10月8日完成', CTX).slots.date).toBe('2025-10-08');
    expect(parse('2.3 上周三已召开推进会', CTX).slots.date).toBe('2025-11-12');
    expect(parse('2.3 预计10月8日完成', CTX).slots.date).toBe('2026-10-08');
  });

  it('does not move a date to a working day', () => {
    expect(dateOf('本月末')).toBe('2025-11-30'); // a Sunday
  });

  it('counts working days with make-up days (调休) from another reference day', () => {
    // 2025-09-28 (Sunday) was a make-up working day before the National Day holiday
    expect(dateOf('3个工作日内', new Date('2025-09-26T09:00:00+08:00'))).toBe('2025-09-30');
  });

  it('reads the day in Shanghai, not UTC', () => {
    // 2025-11-20 23:30 UTC is already Friday 21 November in Shanghai
    expect(dateOf('明天', new Date('2025-11-20T23:30:00Z'))).toBe('2025-11-22');
  });

  it('never takes a date from a quoted reminder', () => {
    const quoted = '「督办助手：三.(一) 将于2025年11月30日到期」 - - - - - - - - - - - - - - - 收到';
    expect(parse(quoted, CTX).slots.date).toBeNull();
  });
});

describe('windows of queries and summaries', () => {
  it.each([
    ['本周到期的', 'this_week'], ['这周要完成哪些', 'this_week'], ['下周到期的', 'next_week'], ['本月到期的', 'this_month'],
    ['月底前到期的', 'this_month'], ['下个月要到期的', 'next_month'], ['本季度到期的', 'this_quarter'],
    ['季度末前到期的', 'this_quarter'], ['今年到期的', 'this_year'], ['年底前到期的', 'this_year'], ['今天到期的', 'today'],
    ['明天到期的', 'tomorrow'], ['近10天到期的', 'next_10d'], ['未来5天到期的', 'next_5d'], ['一周内到期的', 'next_7d'],
    ['11月份到期的', 'this_month'], ['12月份到期的', 'next_month'], ['快到期的', null],
  ])('%s → %s', (text, window) => {
    expect(parse(text, CTX)).toMatchObject({ intent: 'query_due_soon', slots: { window, date: null } });
  });

  it.each([
    ['逾期超过10天的', 'overdue>10d'], ['逾期三周以上的', 'overdue>21d'], ['逾期两个月以上的', 'overdue>60d'],
    ['超期一个月以上的有哪些', 'overdue>30d'], ['哪些逾期了', null], ['拖了很久的逾期任务', null],
  ])('%s → %s', (text, window) => {
    expect(parse(text, CTX)).toMatchObject({ intent: 'query_overdue', slots: { window } });
  });

  it('puts a specific day of a query in date, not window', () => {
    expect(parse('12月10日前到期的', CTX).slots).toMatchObject({ date: '2025-12-10', window: null });
  });
});
