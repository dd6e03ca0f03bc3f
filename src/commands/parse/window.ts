/**
 * The period a query or summary covers, from the closed vocabulary of the labelling rules:
 * today, tomorrow, this_week, next_week, this_month, next_month, this_quarter, this_year,
 * next_Nd (近N天, N天内, 一周内 = next_7d) and overdue>Nd (a week = 7 days, a month = 30).
 * A named month equal to this or next month maps to this_month / next_month.
 */
import { toInt } from './numbers.ts';
import type { Today } from './date-math.ts';
import type { Span } from './spans.ts';

export interface WindowHit extends Span {
  window: string;
}

const N = '(\\d{1,3}|[一二两三四五六七八九十百半]{1,3})';
const UNIT_DAYS: Record<string, number> = { 天: 1, 日: 1, 周: 7, 星期: 7, 礼拜: 7, 月: 30, 年: 365, day: 1, week: 7, month: 30 };

function days(n: string, unit: string): number {
  const count = n === '半' ? 0.5 : toInt(n);
  return Math.round(count * (UNIT_DAYS[unit] ?? 1));
}

const OVERDUE = [
  new RegExp(`(?:超过|超出|多于|大于|逾期|超期|过期|拖期|延误|拖了|拖|超)\\s*了?\\s*${N}\\s*个?\\s*(天|日|周|星期|礼拜|月|年)`, 'g'),
  new RegExp(`${N}\\s*个?\\s*(天|日|周|星期|礼拜|月|年)\\s*(?:以上|之上|多|还没|未)`, 'g'),
  /(?:more than|over|>)\s*(\d{1,3})\s*(day|week|month)s?/g,
];

const NEXT_N = [
  new RegExp(`(?:近|未来|最近|今后|接下来)\\s*${N}\\s*个?\\s*(天|日|周|星期|礼拜|月)`, 'g'),
  new RegExp(`${N}\\s*个?\\s*(天|日|周|星期|礼拜|月)\\s*(?:内|之内|以内)`, 'g'),
  /(?:next|within)\s*(\d{1,3})\s*(day|week)s?/g,
];

const FIXED: [RegExp, string][] = [
  [/今天|今日|\btoday\b/g, 'today'],
  [/明天|明日|\btomorrow\b/g, 'tomorrow'],
  [/下下周|下下个?星期/g, 'next_14d'],
  [/(?:本周|这周|这个?星期|本星期|这个?礼拜|本礼拜)(?![一二三四五六日天末1-7])|周内|this week/g, 'this_week'],
  [/(?:下周|下个?星期|下个?礼拜)(?![一二三四五六日天末1-7])|next week/g, 'next_week'],
  [/本季度|这个?季度|当季|季度末|季末|本季|季度内|this quarter/g, 'this_quarter'],
  [/下个?月(?!\s*\d|\s*[一二三四五六七八九十]+\s*[日号]|\s*[上中下]旬)|next month/g, 'next_month'],
  [/(?:本月|这个?月|当月)(?!\s*\d|\s*[一二三四五六七八九十]+\s*[日号]|\s*[上中下]旬)|(?<![\d一二三四五六七八九十])(?:月底|月末|月内)|this month/g, 'this_month'],
  [/今年|年底|年末|年内|本年度?|this year/g, 'this_year'],
];

const NAMED_MONTH = /(?<![年\d])(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月份?(?!\s*(?:\d|[一二三四五六七八九十]|[上中下]旬|初))/g;

/** The window a message names, or null (vague periods such as 快到期 give null). */
export function findWindow(s: string, t: Today, overdue: boolean): WindowHit | null {
  const hits: WindowHit[] = [];
  if (overdue) {
    for (const re of OVERDUE) {
      for (const m of s.matchAll(re)) {
        const d = days(m[1]!, m[2]!);
        if (d > 0) hits.push({ start: m.index, end: m.index + m[0].length, window: `overdue>${d}d` });
      }
    }
    if (hits.length) return hits.sort((a, b) => a.start - b.start)[0]!;
  }
  for (const re of NEXT_N) {
    for (const m of s.matchAll(re)) {
      const d = days(m[1]!, m[2]!);
      if (d > 0) hits.push({ start: m.index, end: m.index + m[0].length, window: `next_${d}d` });
    }
  }
  for (const [re, window] of FIXED) {
    for (const m of s.matchAll(re)) {
      if (!hits.some((h) => h.start < m.index + m[0].length && m.index < h.end)) hits.push({ start: m.index, end: m.index + m[0].length, window });
    }
  }
  for (const m of s.matchAll(NAMED_MONTH)) {
    const month = toInt(m[1]!);
    const window = month === t.m ? 'this_month' : month === (t.m % 12) + 1 ? 'next_month' : null;
    if (window && !hits.some((h) => h.start < m.index + m[0].length && m.index < h.end)) hits.push({ start: m.index, end: m.index + m[0].length, window });
  }
  return hits.sort((a, b) => a.start - b.start)[0] ?? null;
}
