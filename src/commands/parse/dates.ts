/**
 * Calendar days named in a message, relative to "today" in Asia/Shanghai (weeks start on
 * Monday): 前天, 本周四, 下周二, 本月末, 下月中旬, 年内, 下季度末, 明年5月 (→ 05-31),
 * 二〇二六年五月十日, 元月底, 廿五号, 20251215, 12.20, 5个工作日内 (working days, 调休 included), 元旦后 (first working
 * day after the holiday), 国庆前 (the day before the festival). A month-day without a year is
 * the next occurrence, or the latest one when the message says it already happened.
 * Dates stay as written: they are never moved to a working day.
 */
import { addDays } from '../../lib/shanghai.ts';
import type { WorkCalendar } from '../../tasks/calendar.ts';
import { addWorkdays } from '../../tasks/calendar.ts';
import { toInt } from './numbers.ts';
import { dayOfMonth, quarterEnd, resolveMonthDay, weekday, ymd, type Today } from './date-math.ts';
import { festivalMatchers } from './date-festivals.ts';
import { englishMatchers } from './date-english.ts';
import type { Span } from './spans.ts';
import type { BadDate } from './schema.ts';

export interface DateHit extends Span {
  date: string | null;
  /** the first day of a period named whole (明年上半年 → 2027-01-01), `date` being its last */
  from?: string;
  /** a day written that does not exist (2月30日, 4月31日, 2027年2月29日, 13月): why the date is null */
  impossible?: BadDate;
}

export interface DateEnv {
  t: Today;
  calendar: WorkCalendar;
}

/** One date pattern and how a match becomes a day; `past` says the event already happened. */
export interface DateMatcher {
  re: RegExp;
  day: (m: RegExpExecArray, env: DateEnv, past: boolean) => string | null;
  /** the year (null when not written), month and day as written, to explain a day that does not exist */
  written?: (m: RegExpExecArray, env: DateEnv) => { y: number | null; m: number; d: number | null } | null;
  /** a period named whole (3月份, 明年上半年, 二季度) starts here; the day is its last */
  from?: (m: RegExpExecArray, day: string) => string | null;
}

/** The first day of the period of `months` months that ends on `day`. */
function periodFrom(day: string, months: number): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const first = (y * 12 + (m - 1)) - (months - 1);
  return ymd(Math.floor(first / 12), (first % 12) + 1, 1)!;
}

const D = '(\\d{1,2}|[廿卅][一二三四五六七八九]?|[一二三四五六七八九十]{1,3})';
/** A month: its figure, or 元月 (January). */
const M = '(\\d{1,2}|[一二三四五六七八九十]{1,3}|(?<![美日欧港澳台币万千百十\\d])元(?=月))';
const Y4 = '(\\d{4}|[〇零一二三四五六七八九]{4})';
const PART: Record<string, number> = { 底: 0, 末: 0, 下旬: 0, 中旬: 20, 上旬: 10, 初: 10, 中: 15 };
const WD: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 末: 7 };
const REL_YEAR: Record<string, number> = { 今年: 0, 本年: 0, 本年度: 0, 年: 0, 明年: 1, 明年度: 1, 后年: 2, 去年: -1 };

function weekOffset(prefix: string | undefined): number {
  if (!prefix) return 0;
  if (prefix.startsWith('下下')) return 2;
  if (prefix.startsWith('下')) return 1;
  if (prefix.startsWith('上')) return -1;
  return 0;
}

function monthPart(y: number, m: number, part: string | undefined, day: string | undefined): string | null {
  if (day) return dayOfMonth(y, m, toInt(day));
  return dayOfMonth(y, m, PART[part ?? '底'] ?? 0);
}

const MATCHERS: DateMatcher[] = [
  { re: /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*[日号]?/g, day: (m) => ymd(+m[1]!, +m[2]!, +m[3]!), written: (m) => ({ y: +m[1]!, m: +m[2]!, d: +m[3]! }) },
  // written as one figure, as systems print it: 20251215
  { re: /(?<![\d.])(20\d{2})(0[1-9]|1[0-2])([0-2]\d|3[01])(?![\d.%])/g, day: (m) => ymd(+m[1]!, +m[2]!, +m[3]!), written: (m) => ({ y: +m[1]!, m: +m[2]!, d: +m[3]! }) },
  {
    re: new RegExp(`(?:${Y4}\\s*年|(今年|明年|后年|去年))?\\s*${M}\\s*月份?\\s*(?:${D}(?:\\s*[日号]|(?![\\d个天周月年项条%]))|(底|末|初|上旬|中旬|下旬|中))?`, 'g'),
    day: (m, { t }, past) => {
      const month = m[3] === '元' ? 1 : toInt(m[3]!);
      if (!(month >= 1 && month <= 12)) return null;
      const part = m[5];
      if (m[1] || m[2]) {
        const y = m[1] ? toInt(m[1]) : t.y + REL_YEAR[m[2]!]!;
        return monthPart(y, month, part, m[4]);
      }
      const d = m[4] ? toInt(m[4]) : (PART[part ?? '底'] ?? 0);
      return resolveMonthDay(t, month, d, past);
    },
    written: (m, { t }) => ({ y: m[1] ? toInt(m[1]) : m[2] ? t.y + REL_YEAR[m[2]]! : null, m: m[3] === '元' ? 1 : toInt(m[3]!), d: m[4] ? toInt(m[4]) : null }),
    from: (m, day) => (m[4] || m[5] ? null : periodFrom(day, 1)),
  },
  ...festivalMatchers,
  // a count of days or weeks (两周后, 3个工作日内): 两 counts as well as 二
  { re: new RegExp(`(${D}|两)\\s*个?\\s*工作日`, 'g'), day: (m, env) => addWorkdays(env.calendar, env.t.day, toInt(m[1]!)) },
  { re: new RegExp(`(${D}|两)\\s*个?\\s*(?:天|日)\\s*(?:内|之内|以内|后|之后|以后)`, 'g'), day: (m, { t }) => addDays(t.day, toInt(m[1]!)) },
  { re: new RegExp(`(${D}|两|半)\\s*个?\\s*(?:周|星期|礼拜)\\s*(?:内|之内|以内|后|之后|以后)`, 'g'), day: (m, { t }) => addDays(t.day, m[1] === '半' ? 3 : 7 * toInt(m[1]!)) },
  { re: /半个月\s*(?:内|之内|以内|后|之后|以后)/g, day: (_m, { t }) => addDays(t.day, 15) },
  {
    re: new RegExp(`(本|这个?|当|下下个?|下个?|上个?)?月\\s*(?:(底|末|初|上旬|中旬|下旬|中)|${D}\\s*[日号]|([廿卅][一二三四五六七八九]?)(?![日号\\d]))`, 'g'),
    day: (m, { t }) => {
      const off = m[1] ? weekOffset(m[1]) : 0;
      if (!m[1] && m[2] === '中') return null;
      return monthPart(t.y, t.m + off, m[2], m[3] ?? m[4]);
    },
  },
  // a bare 上旬/中旬/下旬 is the next one that has not ended (下旬 on 11-20 → 11-30)
  { re: /(?<![月\d年])(上旬|中旬|下旬)/g, day: (m, { t }, past) => {
    const here = monthPart(t.y, t.m, m[1], undefined)!;
    if (past) return here <= t.day ? here : monthPart(t.y, t.m - 1, m[1], undefined);
    return here >= t.day ? here : monthPart(t.y, t.m + 1, m[1], undefined);
  } },
  { re: /(今年|本年度?|明年度?|后年|(?<![\d一二三四五六七八九十几去今明后本])年)\s*(?:年底|年末|底|末|内)/g, day: (m, { t }) => ymd(t.y + REL_YEAR[m[1]!]!, 12, 31) },
  { re: /(?:(\d{4})\s*年|(今年|明年|后年))?\s*([上下])半年/g, day: (m, { t }) => ymd(m[1] ? +m[1] : t.y + (m[2] ? REL_YEAR[m[2]]! : 0), m[3] === '上' ? 6 : 12, m[3] === '上' ? 30 : 31), from: (_m, day) => periodFrom(day, 6) },
  {
    re: /(今年|明年)?\s*第?\s*([一二三四1-4])\s*季度\s*(?:末|底|内)?/g,
    day: (m, { t }) => {
      const q = toInt(m[2]!);
      const y = m[1] ? t.y + REL_YEAR[m[1]]! : t.y;
      const end = quarterEnd(y, q * 3, 0);
      return m[1] || end >= t.day ? end : quarterEnd(y + 1, q * 3, 0);
    },
    from: (m, day) => (/[末底]/.test(m[0]) ? null : periodFrom(day, 3)),
  },
  { re: /(本|这个?|当|下下个?|下个?)?\s*季度?\s*(?:末|底|内)/g, day: (m, { t }) => quarterEnd(t.y, t.m, weekOffset(m[1])) },
  { re: /(下下个?|下个?|上个?|本|这个?)?\s*(?:周|星期|礼拜)\s*([一二三四五六日天末1-7])(?![\d%])/g, day: (m, { t }, past) => {
    const wd = WD[m[2]!] ?? Number(m[2]);
    if (m[1]) return weekday(t, weekOffset(m[1]), wd);
    const cur = weekday(t, 0, wd);
    if (past) return cur <= t.day ? cur : weekday(t, -1, wd);
    return cur >= t.day ? cur : weekday(t, 1, wd);
  } },
  { re: /大前天|前天|昨天|昨日|今天|今日|今晚|明天|明日|明早|大后天|后天/g, day: (m, { t }) => addDays(t.day, ({ 大前天: -3, 前天: -2, 昨天: -1, 昨日: -1, 今天: 0, 今日: 0, 今晚: 0, 明天: 1, 明日: 1, 明早: 1, 后天: 2, 大后天: 3 } as Record<string, number>)[m[0]]!) },
  { re: new RegExp(`(?<![月\\d一二三四五六七八九十第])${D}\\s*[日号](?![期子常间程报志记])`, 'g'), day: (m, { t }, past) => {
    const d = toInt(m[1]!);
    const cands = [dayOfMonth(t.y, t.m, d), past ? dayOfMonth(t.y, t.m - 1, d) : dayOfMonth(t.y, t.m + 1, d)];
    return (past ? cands.find((c) => c && c <= t.day) : cands.find((c) => c && c >= t.day)) ?? null;
  } },
  { re: /(?<![\d.\-/])(?<![数率量值比])(?<!(?:完成|进度|进展|完成了|完成约|进度为|进度是)\s*(?=\d\s*\/))(\d{1,2})\s*[./-]\s*(\d{1,2})(?![\d%])(?!\s*\.\d)(?!\s*(?:个|台|辆|家|所|张|套|名|床|位|吨|人|次|件|万|亿|倍|米|元|公里|平方))(?!\s*的?\s*(?:目标|标准|水平|指标))/g, day: (m, { t }, past) => {
    const mo = +m[1]!;
    return mo >= 1 && mo <= 12 ? resolveMonthDay(t, mo, +m[2]!, past) : null;
  } },
  ...englishMatchers,
];

/** A message names a handful of days; more matches are noise and only cost time. */
const MAX_HITS = 24;

const PAST_BEFORE = /(?:(?<!将|拟|计划|预计|预定|定|订|安排|准备|力争|争取|确保|关|对|由|鉴|属|等|处|基|在|至)于|已于|已在|已经于|已经在|已|早在|上周|上个月|上月|截至|截至到|截止到)\s*$/;
const PAST_AFTER = /^\s*(?:已经|已|就已|就)|^\s*(?:完成|办结|召开|印发|举办|开展|启动|上报|报送|提交|出台|验收|建成|做完|办完|搞定|开了|发了)(?:了|过)/;

/** The same in English: "finished on Nov 17", "was held on Monday". */
const PAST_BEFORE_EN = /\b(?:finished|completed|done|closed|held|submitted|signed|launched|delivered|was|were|did)\s+(?:on\s+|by\s+|in\s+)?$/;

/** Does the message say the event at this span already happened? */
function isPast(s: string, start: number, end: number): boolean {
  return PAST_BEFORE.test(s.slice(Math.max(0, start - 5), start)) || PAST_AFTER.test(s.slice(end, end + 8))
    || PAST_BEFORE_EN.test(s.slice(Math.max(0, start - 16), start));
}

/** Every date expression in `s` (outside `taken`), in text order; a span may resolve to null. */
export function findDates(s: string, env: DateEnv, taken: Span[] = []): DateHit[] {
  const hits: DateHit[] = [];
  const used = new Uint8Array(s.length + 1);
  for (const t of taken) used.fill(1, t.start, t.end);
  for (const mt of MATCHERS) {
    for (const m of s.matchAll(mt.re)) {
      if (hits.length >= MAX_HITS) break;
      if (!m[0].trim()) continue;
      const span = { start: m.index, end: m.index + m[0].length };
      if (used.subarray(span.start, span.end).includes(1)) continue;
      used.fill(1, span.start, span.end);
      let date: string | null = null;
      try {
        date = mt.day(m as RegExpExecArray, env, isPast(s, span.start, span.end));
      } catch {
        date = null;
      }
      const impossible = date === null && mt.written ? whyImpossible(mt.written(m as RegExpExecArray, env), env.t) : null;
      const from = date && mt.from ? mt.from(m as RegExpExecArray, date) : null;
      hits.push(impossible ? { ...span, date, impossible } : { ...span, date, ...(from ? { from } : {}) });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/**
 * Why a written day does not exist, or null when it does (or is not a plain day): a month
 * outside 1–12, a day past the month's end, 2月29日 in a year that is not a leap year. A
 * month-day without a year is judged in the year it would fall in (this year or the next).
 */
export function whyImpossible(w: { y: number | null; m: number; d: number | null } | null, t: Today): BadDate | null {
  if (!w || !Number.isInteger(w.m)) return null;
  if (w.m < 1 || w.m > 12) return { year: w.y, month: w.m, day: w.d, noMonth: true, notLeap: false };
  if (w.d === null || !Number.isInteger(w.d) || w.d < 1) return null;
  if (w.d > 31 || (w.m !== 2 && w.d > monthLength(2000, w.m)) || (w.m === 2 && w.d > 29)) return { year: w.y, month: w.m, day: w.d, noMonth: false, notLeap: false };
  if (w.m === 2 && w.d === 29) {
    const y = w.y ?? (ymd(t.y, 2, 28)! >= t.day ? t.y : t.y + 1);
    if (monthLength(y, 2) === 28) return { year: y, month: 2, day: 29, noMonth: false, notLeap: true };
  }
  return null;
}

function monthLength(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
