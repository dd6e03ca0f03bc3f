/**
 * Deadlines of one item (labelling rules §5): every stated point in time by which
 * something must be done — a 完成时限 field, "到2025年", "2025年6月底前", "4月10日前",
 * "年内", "下半年". Start dates (2021年起), validity periods, issue dates, dates inside
 * cited titles 《…》 and days before the document was issued are not deadlines.
 * Placeholders ("20__年10月底") and spans with no anchor ("三年内") keep their raw text
 * with a null date. Pure: the plan's year and issue day come in as parameters.
 */
import type { ImportedDeadline, Recurrence } from './types.ts';
import { dayForPart, dayOf, endOfYearPart } from './parse-date.ts';

export interface DateContext {
  /** year of a single-year plan (2022年…工作要点), or the issue year: dates without a year take it */
  planYear: number | null;
  /**
   * true when planYear is the title's own year. Otherwise a year written earlier in the same
   * item comes first ("2023年5月底前…；9月底前…"), and the notice's year only after it (§5).
   */
  yearFromTitle?: boolean;
  /** days before this one are past (the issue day, or the first day of the plan period) */
  notBefore: string | null;
  /** the month of a plan for one month (title "2月工作计划"): 月底/本月内 in its items fall in it */
  planMonth?: number | null;
  /** the year the text was signed in: 今年/明年 count from it (a 2023 plan signed in December 2022 says 明年 for 2023) */
  writtenYear?: number | null;
}

const PREFIX = '(力争到|力争在|力争于|力争|确保到|确保在|确保于|确保|争取到|争取在|争取|截至|截止到|截止|计划到|计划在|预计到|到|至|于|在)?';
const YEAR = '(20\\d{2}|20[_＿Xx×]{1,2}|[_＿]{2,4})';
const HOLE = /[_＿Xx×]/;
const YEAR_RE = new RegExp(
  `${PREFIX}${YEAR}(?:\\s*[—\\-–~至到]\\s*${YEAR})?(?:年(?!度|代|以来|开始|起|来|的|之前的|\\d{1,2}\\s*[—\\-–~至到]\\s*\\d{1,2}\\s*月)|(?=\\d{1,2}月))` +
    '(?:(\\d{1,2}|[_＿]+)月(?:份)?(?:(\\d{1,2}|[_＿]+)(?:日|(?=\\s*[—\\-–~至到]\\s*\\d)))?(上旬|中旬|下旬|初|中|底|末)?(?:\\s*[—\\-–~至到]\\s*(?:(\\d{1,2})月(?:(\\d{1,2})日)?(底|末)?|(\\d{1,2})日))?|(上半年|下半年|第?[一二三四1-4]季度末?|年底|年末|底|末|内|中(?=\\s*(?:前|以前|完成|[，,。；;）)]|$))))?' +
    '((?:前|以前|之前)?(?:完成)?)',
  'g',
);
const MONTH_RE = new RegExp(`${PREFIX}(?<![\\d年_＿月每])(\\d{1,2})月(?:份)?(?:(\\d{1,2})(?:日|(?=\\s*[—\\-–~至到]\\s*\\d)))?(上旬|中旬|下旬|初|中|底|末)?(?:\\s*[—\\-–~至到]\\s*(?:(\\d{1,2})月(?:(\\d{1,2})日)?(底|末)?|(\\d{1,2})日))?((?:前|以前|之前)?(?:完成)?)`, 'g');
// a quarter heading a stage of a schedule ("第二季度：完成…") is due at the quarter's end, as is one a
// target is set for ("力争一季度一批项目投产")
const BARE_RE = /(?<![\d一二两三四五六七八九十每_＿年个])(力争|确保|争取)?(?:本|今|当)?(年内|年度内|年底前|年底|年末|上半年|下半年|第?[一二三四]季度末|第?[一二三四]季度(?:(?=前|内|完成|\s*[:：])|(?<=(?:力争|确保|争取)(?:本|今|当)?第?[一二三四]季度)))(?![容部外])((?:前)?(?:完成|实现)?)/g;
const SPAN_RE = /(?:(?:自|从)20\d{2}年起)?(?:力争)?(?:利用|用|经过|通过)?(?<![\d年])(?:[一二两三四五六七八九十]|\d{1,2}(?:[\-—~至]\d{1,2})?)年(?:左右)?(?:时间|内)(?![容部外])|未来[一二两三四五六七八九十\d]+年/g;
/** Labels of a time field in an item or a 督办 list: 完成时限：…, 办结时限：…, 时间节点：… */
export const TIME_LABEL = '完成时限|完成时间|完成期限|完成日期|完成节点|办结时限|办结时间|办理时限|办理期限|截止时间|截止日期|时间要求|时限要求|时间节点|时间安排|时间进度|进度安排|进度要求|时限';
const FIELD_RE = new RegExp(`(?:${TIME_LABEL})\\s*[:：]\\s*([^\\n]*)`, 'g');

/** Is position `at` inside 《…》 (a cited title)? */
function insideTitle(text: string, at: number): boolean {
  const open = text.lastIndexOf('《', at);
  return open >= 0 && text.lastIndexOf('》', at) < open;
}

/**
 * A time that starts something rather than ends it: "2021年起", "3月印发". In a 完成时限 field
 * (`milestone`) a time before an action is a milestone of the work: "6月开工", "一季度启动"
 * are due then; only 起/开始/以来 and the like start a period there.
 */
function startContext(text: string, at: number, end: number, milestone = false): boolean {
  const after = text.slice(end, end + 6);
  const before = text.slice(Math.max(0, at - 8), at);
  // how long a policy runs ("执行期限至2024年12月31日", "…费率政策至2023年4月30日") is no deadline
  const validity = /有效期|执行期限?至?$|实施期限至?$|政策(?:执行|实施)?至?$/.test(before);
  if (milestone) return /^(?:起|开始|以来|至今|以后|之后)/.test(after) || validity;
  return /^(?:起|开始|以来|至今|以后|之后|印发|发布|施行|出台|颁布|启动|开工|动工)/.test(after) || validity;
}

function sentenceStart(text: string, at: number): boolean {
  const prev = text.slice(Math.max(0, at - 1), at);
  return prev === '' || /[\n。；;：:]/.test(prev);
}

interface Found { at: number; end: number; d: ImportedDeadline }

function scanYears(text: string, ctx: DateContext, relaxed: boolean, out: Found[]): void {
  for (const m of text.matchAll(YEAR_RE)) {
    // a span "11月1日至15日" / "3月至6月底" / "6月10日至7月5日" is due at its end
    const [raw, prefix, y1, y2, mon1, day1, mpart1, mon2, day2, mpart2, dayEnd, ypart, suffix] = m;
    const mon = mon2 ?? mon1;
    const day = mon2 ? day2 : dayEnd && day1 ? dayEnd : day1;
    const mpart = mon2 ? mpart2 : mpart1;
    const at = m.index!;
    const end = at + raw.length;
    // "2025年起实施" is a start, but "2025年9月底前出台" is a deadline: 前/完成 decides.
    if (insideTitle(text, at) || (startContext(text, at, end) && !suffix)) continue;
    const yearStr = y2 ?? y1!;
    // "2021年计划申报…", "2021年要完成…", "2021年安排500亿元", "2021年实现参保率95%": the year of planned work, or of
    // a level to reach, or its focus ("2021年重点为…接种300人"), is due at its end ("2021年实现了…" reports,
    // it sets nothing; "2021年重点工作" names a list)
    // "并在2011年投入使用": a year before the completion of the work is due at its end too
    const plannedYear = !mon && !ypart && PLANNED_AFTER_YEAR.test(text.slice(end, end + 7));
    const hasMarker = Boolean(prefix && !/^(?:截至|截止|截止到|在|于|至)$/.test(prefix)) || Boolean(suffix) || Boolean(ypart) || Boolean(mon) || plannedYear;
    const startComma = sentenceStart(text, at) && /^[，,]/.test(text.slice(end, end + 1));
    if (!relaxed && !hasMarker && !startComma && !(prefix && /^(?:在|于|至)$/.test(prefix) && y2)) continue;
    // in a field, a year with no marker inside a clause names something ("明确2023年金融指标"), it is no time
    if (relaxed && !hasMarker && !sentenceStart(text, at) && !/^[\s。；;，,]*$/.test(text.slice(end))) continue;
    const clean = raw.replace(/\s+/g, '');
    if (HOLE.test(yearStr) || (mon && HOLE.test(mon)) || (day && HOLE.test(day))) {
      out.push({ at, end, d: { raw: clean, date: null, kind: 'unknown' } });
      continue;
    }
    const y = Number(yearStr);
    let date: string | null;
    if (mon) {
      const mm = Number(mon);
      date = day ? dayOf(y, mm, Number(day)) : mm >= 1 && mm <= 12 ? dayOf(y, mm, dayForPart(y, mm, mpart)) : null;
    } else date = endOfYearPart(y, ypart);
    if (!date) continue;
    if (ctx.notBefore && date < ctx.notBefore) continue;
    out.push({ at, end, d: { raw: clean, date, kind: 'date' } });
  }
}

function overlaps(found: Found[], at: number, end: number): boolean {
  return found.some((f) => at < f.end && end > f.at);
}

/** A span "(2025年)7—9月" / "7至9月": the months of the span are written once, after its end. */
const MONTH_SPAN_RE = new RegExp(`${PREFIX}(?:(20\\d{2})年)?(?<![\\d_＿月每.．])(\\d{1,2})\\s*[—\\-–~至到]\\s*(\\d{1,2})月(?:份)?(底|末)?((?:前|以前|之前)?(?:完成)?)`, 'g');
/** The completion a year is written before when the work is due in it: "2024年全面建成", "今年全部完工". */
const DONE_VERB = '(?:全面|基本|全部|如期|顺利|正式|初步)?(?:建成|投入使用|投用|竣工|完工|完成)(?!了)';
/** What follows a year of planned work: "2021年计划申报…", "2021年实现参保率95%", "2021年重点为…". */
const PLANNED_AFTER_YEAR = new RegExp(`^(?:计划|全年|要|将|力争|争取|确保|拟|预计|(?:实现|达到|安排)(?!了)|${DONE_VERB}|重点(?!工作|任务|项目|领域|内容|是))`);
/** A month written after 今年/明年 (…3月底前), a part of such a year (明年底前, 明年上半年), or the year before its completion (今年全部完工). */
const RELATIVE_RE = new RegExp(`${PREFIX}(今年|本年|当年|明年|次年|翌年)(?:(\\d{1,2})月(?:份)?(?:(\\d{1,2})日)?(上旬|中旬|下旬|初|中|底|末)?|(上半年|下半年|第?[一二三四]季度末?|年底|底|末|内)|(?=${DONE_VERB}))((?:前|以前|之前)?(?:完成)?)`, 'g');

/** Season-like spans are not due dates: "汛期（5月至9月）", "5月至9月为汛期", "5月至10月每周…". */
function scheduleSpan(text: string, at: number, end: number): boolean {
  return !/^\s*(?:[）)为是的每]|期间为)/.test(text.slice(end, end + 3)) && !/[（(]$/.test(text.slice(Math.max(0, at - 1), at));
}

function scanRelative(text: string, ctx: DateContext, out: Found[]): void {
  for (const m of text.matchAll(RELATIVE_RE)) {
    const [raw, , which, mon, day, part, ypart] = m;
    const at = m.index!;
    const end = at + raw.length;
    const base = ctx.writtenYear ?? ctx.planYear;
    if (insideTitle(text, at) || startContext(text, at, end) || base === null || base === undefined) continue;
    const y = base + (/明|次|翌/.test(which!) ? 1 : 0);
    const mm = Number(mon);
    const date = mon ? (day ? dayOf(y, mm, Number(day)) : mm >= 1 && mm <= 12 ? dayOf(y, mm, dayForPart(y, mm, part)) : null) : endOfYearPart(y, ypart === '年底' ? undefined : ypart);
    if (date) out.push({ at, end, d: { raw: raw.replace(/\s+/g, ''), date, kind: 'date' } });
  }
}

/** Verbs after a bare month that make it the time the work is done ("9月集中宣传"). */
const DONE_IN_MONTH = /^(?:集中|开展|组织|举办|召开|部署|建成|上报|报送|完成)/;

/** The year written last before `at` in the item, outside cited titles: "2023年5月底前…；9月底前" ("2003年以来" is where a count starts, no year of the work). */
function yearBefore(text: string, at: number): number | null {
  let year: number | null = null;
  for (const m of text.slice(0, at).matchAll(/(?<!\d)(20\d{2})\s*年(?!度|代|以来|来)/g)) if (!insideTitle(text, m.index!)) year = Number(m[1]);
  return year;
}

/**
 * The year a table row's time cell ("5月底") takes when the title gives none: the year written
 * last in the row's other cells ("…策划2031年甲活动" | "5月底"), as the year written earlier in an item (§5).
 */
export function cellContext(ctx: DateContext, rowText: string): DateContext {
  if (ctx.yearFromTitle) return ctx;
  const year = yearBefore(rowText, rowText.length);
  return year === null ? ctx : { ...ctx, planYear: year };
}

/** The year a month without one belongs to: the title's, else the item's, else the notice's. */
function yearOfMonth(text: string, at: number, ctx: DateContext): number | null {
  return ctx.yearFromTitle ? ctx.planYear : yearBefore(text, at) ?? ctx.planYear;
}

function scanMonths(text: string, ctx: DateContext, relaxed: boolean, out: Found[]): void {
  for (const m of text.matchAll(MONTH_SPAN_RE)) {
    const [raw, , year, , mon2, part2, suffix] = m;
    const at = m.index!;
    const end = at + raw.length;
    if (overlaps(out, at, end) || insideTitle(text, at) || (startContext(text, at, end, relaxed) && !suffix)) continue;
    if (/每(?:年|季度?|半年)?$/.test(text.slice(Math.max(0, at - 3), at)) || (!relaxed && !suffix && !scheduleSpan(text, at, end))) continue;
    const y = year ? Number(year) : yearOfMonth(text, at, ctx);
    const mm = Number(mon2);
    if (y === null || mm < 1 || mm > 12) continue;
    const date = dayOf(y, mm, dayForPart(y, mm, part2));
    if (date && !(ctx.notBefore && date < ctx.notBefore)) out.push({ at, end, d: { raw: raw.replace(/\s+/g, ''), date, kind: 'date' } });
  }
  for (const m of text.matchAll(MONTH_RE)) {
    const [raw, prefix, mon, day1, part, mon2, day2, part2, dayEnd, suffix] = m;
    const day = mon2 ? day2 : dayEnd && day1 ? dayEnd : day1;
    const at = m.index!;
    const end = at + raw.length;
    if (overlaps(out, at, end) || insideTitle(text, at) || (startContext(text, at, end, relaxed) && !suffix)) continue;
    if (/每(?:年|季度?|半年)?$/.test(text.slice(Math.max(0, at - 3), at))) continue;
    // "5月至8月集中开展…" schedules work that ends with the span; "汛期（5月至9月）" or
    // "5月至9月为汛期" only define a season
    const span = Boolean(mon2 || dayEnd) && scheduleSpan(text, at, end);
    const doneIn = !day && !mon2 && DONE_IN_MONTH.test(text.slice(end, end + 2));
    if (!relaxed && !suffix && !part && !part2 && !span && !doneIn && !(prefix && /^(?:到|力争|确保|争取|于|在)/.test(prefix))) continue;
    const clean = raw.replace(/\s+/g, '');
    const y = yearOfMonth(text, at, ctx);
    const mm = Number(mon2 ?? mon);
    if (mm < 1 || mm > 12) continue;
    if (y === null) { out.push({ at, end, d: { raw: clean, date: null, kind: 'unknown' } }); continue; }
    const date = day ? dayOf(y, mm, Number(day)) : dayOf(y, mm, dayForPart(y, mm, mon2 ? part2 : part));
    if (!date) continue;
    out.push({ at, end, d: { raw: clean, date, kind: 'date' } });
  }
}

/** "月底前", "本月内", "力争在月底完成" with no month written: the month of a one-month plan. */
const PLAN_MONTH_RE = /(?<![\d一二三四五六七八九十两个每上下次年])(力争|确保|争取)?(?:在|于)?本?(月底|月末|月内)((?:前)?(?:完成)?)/g;

function scanPlanMonth(text: string, ctx: DateContext, out: Found[]): void {
  const mm = ctx.planMonth;
  if (!mm) return;
  for (const m of text.matchAll(PLAN_MONTH_RE)) {
    const at = m.index!;
    const end = at + m[0].length;
    if (overlaps(out, at, end) || insideTitle(text, at)) continue;
    const y = yearOfMonth(text, at, ctx);
    const date = y === null ? null : dayOf(y, mm, dayForPart(y, mm, '底'));
    out.push({ at, end, d: { raw: m[0], date, kind: date ? 'date' : 'unknown' } });
  }
}

/** In a 完成时限 field a quarter before an action is a milestone: "一季度开工" is due at the quarter's end. */
const FIELD_QUARTER_RE = /(?<![\d一二两三四五六七八九十每_＿年个])()(第?[一二三四]季度)(?=[\u4e00-\u9fff])()/g;

function scanBare(text: string, ctx: DateContext, out: Found[], field = false): void {
  scanPlanMonth(text, ctx, out);
  for (const m of [...text.matchAll(BARE_RE), ...(field ? text.matchAll(FIELD_QUARTER_RE) : [])]) {
    const at = m.index!;
    const end = at + m[0].length;
    if (overlaps(out, at, end) || insideTitle(text, at)) continue;
    // "2021年我镇计划于下半年…": a part of a year takes the year chain of a month (§5)
    const y = yearOfMonth(text, at, ctx);
    const date = y === null ? null : endOfYearPart(y, /半年|季度/.test(m[2]!) ? m[2] : undefined);
    out.push({ at, end, d: { raw: m[0], date, kind: date ? 'date' : 'unknown' } });
  }
  for (const m of text.matchAll(SPAN_RE)) {
    const at = m.index!;
    const end = at + m[0].length;
    if (overlaps(out, at, end) || insideTitle(text, at)) continue;
    out.push({ at, end, d: { raw: m[0], date: null, kind: 'unknown' } });
  }
}

/** "2025.6", "2025.06.30", "2025-12", "2025/9/30" in a 完成时限 field or cell: the month's last day, or the day. */
function dottedDay(value: string, ctx: DateContext, out: Found[]): void {
  for (const m of value.matchAll(/(?<!\d)(20\d{2})\s*[.\-/]\s*(\d{1,2})(?:\s*[.\-/]\s*(\d{1,2}))?(?![\d年])(?:\s*(?:前|以前|之前))?/g)) {
    const y = Number(m[1]);
    const mm = Number(m[2]);
    const date = m[3] ? dayOf(y, mm, Number(m[3])) : mm >= 1 && mm <= 12 ? dayOf(y, mm, dayForPart(y, mm, undefined)) : null;
    if (!date || (ctx.notBefore && date < ctx.notBefore)) continue;
    out.push({ at: m.index!, end: m.index! + m[0].length, d: { raw: m[0].replace(/\s+/g, ''), date, kind: 'date' } });
  }
}

/**
 * A span of months written with dots in a bracket, as phases give their time: "(2025.3—2025.6)",
 * "(2025.3-2025.6)", also with the dash lost ("(2025.32025.6)": a year has four figures, so the
 * split is unambiguous). The span is due at the end of its last month.
 */
const DOTTED_SPAN = /[(（]\s*(20\d{2})\s*[.．]\s*(\d{1,2})\s*[—\-–~至到]?\s*(20\d{2})\s*[.．]\s*(\d{1,2})\s*[)）]/g;
function dottedSpan(text: string, ctx: DateContext, out: Found[]): void {
  for (const m of text.matchAll(DOTTED_SPAN)) {
    const [all, y1, m1, y2, m2] = m;
    const y = Number(y2);
    const mm = Number(m2);
    if (mm < 1 || mm > 12 || Number(m1) < 1 || Number(m1) > 12 || y < Number(y1)) continue;
    const date = dayOf(y, mm, dayForPart(y, mm, undefined));
    const at = m.index! + 1;
    if (!date || overlaps(out, at, at + all.length - 2) || (ctx.notBefore && date < ctx.notBefore)) continue;
    out.push({ at, end: at + all.length - 2, d: { raw: all.slice(1, -1).replace(/\s+/g, ''), date, kind: 'date' } });
  }
}

/** "2025年度", "二季度", "第三季度末" as a whole 完成时限 field: the end of that year or quarter. */
function fieldPeriod(value: string, ctx: DateContext, out: Found[]): void {
  const v = value.trim().replace(/[。；;，,]$/, '');
  // "2024年度", or a bare "2024" in a 建设时间 column: the end of that year; "全年": the end of the plan's year
  const year = /^(20\d{2})(?:年度)?$/.exec(v) ?? (/^全年$/.test(v) && ctx.planYear !== null ? [v, String(ctx.planYear)] : null);
  const q = /^(?:(20\d{2})年)?(第?[一二三四1-4]季度末?)(?:前|以前|之前)?$/.exec(v);
  let date: string | null = null;
  if (year) date = `${year[1]}-12-31`;
  else if (q && (q[1] || ctx.planYear !== null)) date = endOfYearPart(q[1] ? Number(q[1]) : ctx.planYear!, q[2]);
  if (date) out.push({ at: 0, end: value.length, d: { raw: v, date, kind: 'date' } });
}

/** A 完成时限 value with no date: ongoing (长期坚持/持续推进), recurring (每年…), or a placeholder. */
function fieldFallback(value: string): ImportedDeadline | null {
  const v = value.trim().replace(/[。；;，,]+$/, '');
  if (!v) return null;
  if (/长期|持续|常态|长效|动态/.test(v)) return { raw: v, date: null, kind: 'ongoing' };
  if (/每(?:年|季|月|半年|周)/.test(v)) return { raw: v, date: null, kind: 'recurring' };
  return { raw: v, date: null, kind: 'unknown' };
}

/**
 * Dates printed with spaces between their figures and units, as PDFs of official documents
 * set them ("到 2020 年底", "2020 年 3 月 20 日"), read as one date.
 */
function closeDateSpaces(text: string): string {
  return text
    // "2016 年 6 底前": a month whose 月 was lost before 底/末 (damaged but unambiguous, §5)
    .replace(/(?<=(?:19|20)\d{2}\s*年\s*)(1[0-2]|0?[1-9])\s*(?=[底末])/g, '$1月')
    .replace(/(?<=\d)[ \t\u3000]+(?=[年月日号])/g, '')
    .replace(/(?<=(?:\d|^|[^\u4e00-\u9fff])[年月])[ \t\u3000]+(?=\d|底|末|初|内|上半年|下半年|上旬|中旬|下旬)/g, '')
    .replace(/(?<=[到至于在前])[ \t\u3000]+(?=20\d{2}\s*年)/g, '');
}

/** Every deadline stated in an item's text, in order, identical raw/date pairs once. */
export function extractDeadlines(text0: string, ctx: DateContext): ImportedDeadline[] {
  const text = closeDateSpaces(text0);
  const found: Found[] = [];
  const fieldless = text.replace(FIELD_RE, (_all, value: string) => {
    const inField: Found[] = [];
    scanRelative(value, ctx, inField);
    scanYears(value, ctx, true, inField);
    scanMonths(value, ctx, true, inField);
    scanBare(value, ctx, inField, true);
    if (!inField.length) dottedDay(value, ctx, inField);
    if (!inField.length) fieldPeriod(value, ctx, inField);
    if (inField.length) found.push(...inField.map((f) => ({ ...f, at: -1, end: -1 })));
    else {
      const fb = fieldFallback(value);
      if (fb) found.push({ at: -1, end: -1, d: fb });
    }
    return ' '.repeat(_all.length);
  });
  const inText: Found[] = [];
  dottedSpan(fieldless, ctx, inText);
  scanRelative(fieldless, ctx, inText);
  scanYears(fieldless, ctx, false, inText);
  scanMonths(fieldless, ctx, false, inText);
  scanBare(fieldless, ctx, inText);
  inText.sort((a, b) => a.at - b.at);
  const out: ImportedDeadline[] = [];
  for (const f of [...found, ...inText]) {
    if (!out.some((d) => d.raw === f.d.raw && d.date === f.d.date)) out.push(f.d);
  }
  return out;
}

/** The shortest cycle an item states: 每月 → monthly, 每季度 → quarterly, 每年 → yearly. */
export function extractRecurrence(text: string): Recurrence | null {
  if (/每(?:个)?月|每半月|每周|每旬|每日|每天|按月(?:报送|调度|通报|统计|开展|上报|召开|更新)/.test(text)) return 'monthly';
  if (/每(?:个)?季度?(?!节)|每半年|按季度?(?:报送|调度|通报|统计|开展|上报|召开|更新)/.test(text)) return 'quarterly';
  if (/每(?:一)?年/.test(text)) return 'yearly';
  return null;
}
