/**
 * The deadline of a 交办, relative to the day the message was sent: 12月20日前, 下周五前办结,
 * 月底前报结果, 两周内, 一个月内, 本周内, 10个工作日内. The chat date reader finds the days;
 * this picks the one that is a time limit (followed by 前/内/完成/报送…, or preceded by 于/在/
 * 限/务必) over one that only says when something happened (a signature, a meeting's day).
 */
import { findDates, type DateEnv } from '../../commands/parse/dates.ts';
import { toToday } from '../../commands/parse/date-math.ts';
import type { Span } from '../../commands/parse/spans.ts';
import { overlaps } from '../../commands/parse/spans.ts';
import { addDays, lastDayOfMonth } from '../../lib/shanghai.ts';
import type { WorkCalendar } from '../../tasks/calendar.ts';
import { toInt } from '../../commands/parse/numbers.ts';

export interface DeadlineReading {
  /** the expression as written with its marker (12月20日前) */
  raw: string;
  /** 'YYYY-MM-DD' */
  date: string;
  span: Span;
}

const LIMIT_AFTER = /^\s*(?:[)）])?\s*(?:前|之前|以前|内|之内|以内|止|为限|截止|底前|前后|(?:前|内)?(?:完成|办结|报送|上报|报|提交|反馈|落实|到位|形成|拿出|出台|印发|整改|回复|建成|启动|办理|交|送))/;
const LIMIT_BEFORE = /(?:于|在|限|务必|须|需|要|请|确保|力争|争取|截至|截止|期限|时限|完成时限|最迟|最晚|不晚于|并于|并在|时间)\s*[:：]?\s*$/;
const N = '(\\d{1,3}|[一二两三四五六七八九十]{1,3}|半)';
/** Durations and periods the chat date reader leaves out. */
const EXTRA: { re: RegExp; day: (m: RegExpExecArray, today: string) => string | null }[] = [
  { re: new RegExp(`${N}\\s*(?:个)?\\s*(?:周|星期|礼拜)\\s*(?:内|之内|以内)`, 'g'), day: (m, t) => addDays(t, 7 * count(m[1]!)) },
  { re: new RegExp(`${N}\\s*个\\s*月\\s*(?:内|之内|以内)`, 'g'), day: (m, t) => addMonths(t, count(m[1]!)) },
  { re: /(?:本|这个?)(?:周|星期|礼拜)(?:内|之内|以内)/g, day: (_m, t) => weekEnd(t) },
  { re: /(?:本|这个?)月(?:内|之内|以内)/g, day: (_m, t) => lastDayOfMonth(+t.slice(0, 4), +t.slice(5, 7)) },
  { re: /(?:今年|本年度?)?年内|今年(?:内|之内|以内)/g, day: (_m, t) => `${t.slice(0, 4)}-12-31` },
];

function count(n: string): number {
  return n === '半' ? 0.5 : toInt(n);
}

function addMonths(day: string, n: number): string {
  if (n === 0.5) return addDays(day, 15);
  const y = +day.slice(0, 4);
  const m = +day.slice(5, 7) + n;
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((m - 1) % 12) + 1;
  const last = lastDayOfMonth(yy, mm);
  const d = Math.min(+day.slice(8, 10), +last.slice(8, 10));
  return `${yy}-${String(mm).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 本周内: through the week's Sunday. */
function weekEnd(day: string): string {
  return addDays(day, 7 - toToday(day).wd);
}

/** The time limit of the text, or null when it states none. */
export function readDeadline(s: string, today: string, calendar: WorkCalendar, taken: Span[] = []): DeadlineReading | null {
  const env: DateEnv = { t: toToday(today), calendar };
  const hits: { start: number; end: number; date: string }[] = [];
  for (const x of EXTRA) {
    for (const m of s.matchAll(x.re)) {
      const span = { start: m.index, end: m.index + m[0].length };
      const date = x.day(m as RegExpExecArray, today);
      if (date && !overlaps(taken, span) && !overlaps(hits, span)) hits.push({ ...span, date });
    }
  }
  // "于12月5日前" sets a limit; the chat reader takes a bare 于 for a past event (已于…)
  const limitWords = s.replace(/(?<![已早])于(?=\s*(?:\d|[一二三四五六七八九十]|本|下|今|明|月|年))/g, '在');
  for (const h of findDates(limitWords, env, [...taken, ...hits])) if (h.date) hits.push({ start: h.start, end: h.end, date: h.date });
  if (!hits.length) return null;
  hits.sort((a, b) => a.start - b.start);
  const limits = hits.filter((h) => LIMIT_AFTER.test(s.slice(h.end, h.end + 6)) || LIMIT_BEFORE.test(s.slice(Math.max(0, h.start - 6), h.start)) || /内$/.test(s.slice(h.start, h.end)));
  const future = (limits.length ? limits : hits).filter((h) => h.date >= today);
  const pick = future[future.length - 1] ?? null;
  if (!pick) return null;
  const marker = /^\s*(?:前|之前|以前|内|之内|以内|底前|止)/.exec(s.slice(pick.end));
  const end = pick.end + (marker?.[0].length ?? 0);
  return { raw: s.slice(pick.start, end).trim(), date: pick.date, span: { start: pick.start, end } };
}
