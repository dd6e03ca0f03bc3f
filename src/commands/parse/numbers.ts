/**
 * Numbers as officials write them — digits or Chinese (二十, 两, 〇) — and the progress
 * percentage of a message: 60%, ６０％, 百分之六十, 六十%, 七成, 八成五 (85), 一半 (50),
 * 进度60; approximations give the stated number (八成多 → 80); "from … to …" gives the later
 * figure; indicator values (占比12%, 使用率95%) are not progress.
 */
import type { Span } from './spans.ts';
import { nearSound } from './sound.ts';
import { overlaps } from './spans.ts';

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Chinese or Arabic numerals → integer (二十六 → 26, 二〇二六 → 2026, 12 → 12); NaN when not a number. */
export function toInt(text: string): number {
  const s = text.trim().replace(/^廿/, '二十').replace(/^卅/, '三十'); // 廿五 = 25, 卅 = 30
  if (/^\d+$/.test(s)) return Number(s);
  if (!s || !/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return Number.NaN;
  if (!/[十百千]/.test(s)) return Number([...s].map((c) => DIGIT[c]).join(''));
  let total = 0;
  let cur = 0;
  for (const c of s) {
    const d = DIGIT[c];
    if (d !== undefined) cur = d;
    else {
      total += (cur || 1) * UNIT[c]!;
      cur = 0;
    }
  }
  return total + cur;
}

/** A numeral (digits or Chinese) as a regex source. */
export const NUM = '(?:\\d+|[零〇一二两三四五六七八九十百]+)';

interface Hit { value: number; start: number; end: number; vague: boolean }

/** num/den as a percentage; not a fraction of progress unless 0 < num ≤ den ≤ 10. */
function fraction(num: number, den: number): number {
  return num > 0 && den >= 2 && den <= 10 && num <= den ? Math.round((100 * num) / den) : Number.NaN;
}

const PATTERNS: { re: RegExp; value: (m: RegExpExecArray) => number; vague?: true }[] = [
  // `提高10个百分点` is a change, not a level: 个百分点 is never progress
  { re: /(\d{1,3}(?:\.\d+)?)\s*多?\s*%/g, value: (m) => Math.floor(Number(m[1])) },
  { re: /(\d{1,3}(?:\.\d+)?)\s*(?:percent|per cent|pct)\b/g, value: (m) => Math.floor(Number(m[1])) },
  { re: /百分之\s*(\d{1,3}|[零〇一二两三四五六七八九十百]{1,4})/g, value: (m) => toInt(m[1]!) },
  { re: /([一二两三四五六七八九十百]{1,4})\s*多?\s*%/g, value: (m) => toInt(m[1]!) },
  { re: /进度\s*(?:为|是|:)?\s*(?:零|0)(?![\d.%])/g, value: () => 0 },
  { re: /百分百/g, value: () => 100 },
  // fractions: 三分之二 → 67; "完成了2/3" (a fraction only after a progress word: 2/3 is also a date)
  { re: /([一二两三四五六七八九十])\s*分之\s*([一二两三四五六七八九])/g, value: (m) => fraction(toInt(m[2]!), toInt(m[1]!)) },
  { re: /(?<=(?:完成|进度|进展|完成了|完成约|进度为|进度是)\s*)(\d)\s*\/\s*(\d{1,2})(?![\d/.])/g, value: (m) => fraction(Number(m[1]), Number(m[2])) },
  { re: /(?<![一二三四五六七八九十\d])[一二三四五六七八]([二三四五六七八九])成(?![一二三四五六七八九半])/g, value: (m) => toInt(m[1]!) * 10 },
  { re: /(?<![一二三四五六七八九十\d])(\d|[一二两三四五六七八九十])成(?:([一二三四五六七八九])(?!成)|(半))?/g, value: (m) => toInt(m[1]!) * 10 + (m[3] ? 5 : m[2] ? toInt(m[2]) : 0) },
  // 进度五层, 进度六城: 成 typed by its sound (an input method's fuzzy sounds included), only as a figure of 进度
  { re: /(?<=进度\s*(?:为|是|:|达到?|到了?)?\s*(?:约|大约|大概|差不多)?\s*)([一二两三四五六七八九])([\u4e00-\u9fff])/g, value: (m) => (m[2] !== '成' && nearSound(m[2]!, '成') ? toInt(m[1]!) * 10 : Number.NaN) },
  // 进度八十: a figure in words after 进度, ending the clause
  { re: /(?<=进度\s*(?:为|是|:|达到?|到了?)?\s*(?:约|大约|大概|差不多)?\s*)([一二三四五六七八九]?十[一二三四五六七八九]?|一百)(?=\s*(?:$|[,，。;；!！]|了|吧|啦|左右))/g, value: (m) => toInt(m[1]!) },
  // 过半, 一半: a rough figure, which a figure stated beside it makes precise (进度过半，大概55%)
  { re: /(?:完成|进度|进展)(?:了|已|已经)?(?:约|大约|大概)?(?:一半|过半)|(?<![之的])一半|(?<![超])过半(?!数)/g, value: () => 50, vague: true },
  { re: /进度\s*(?:已经|已|目前|现在)?\s*(?:达到|达|到了|到|为|是|:)?\s*(?:约|大约|大概)?\s*(\d{1,3})(?![\d.%个天日号月周年项条]|\s*%)/g, value: (m) => Number(m[1]) },
];

/** 离90%还差, 目标95%, 耗材部分82%: a target, or a part's figure, is not the task's progress. */
const INDICATOR = /(?:(?<![隔分脱])离|距离?|目标(?:值|是|为)?)\s*$|部分(?!完成)|占比|占(?:总|全部|计划|年度)|比例|比重|[^效]率|覆盖|增长|增幅|下降|降低|控制在|不低于|不少于|不超过|达标/g;
/** 完成比例 and 完成率 measure the task itself. */
const OWN_RATE = /(?:完成|进度)(?:比例|比率|率)/g;
const PROGRESS_WORD = /进度|进展|完成|推进/g;
/** The whole task named before a figure: 整体, 总体, overall. */
const WHOLE = /(?:整体|总体|全部|总的|综合|overall|in total)[^,，。;；\d%]{0,8}$/;
const PREVIOUS = /(?:上次|之前|此前|原来|原先|上周|上月)(?:的)?(?:进度|进展|完成)?(?:是|为|的|了)?\s*$/;

function lastIndexOf(re: RegExp, s: string): number {
  let last = -1;
  for (const m of s.matchAll(re)) last = m.index;
  return last;
}

/** `s` with the spans taken (a task's path: 第二部分第一项) blanked, so their words are read as no indicator. */
function blank(s: string, taken: Span[]): string {
  let out = s;
  for (const t of taken) out = out.slice(0, t.start) + ' '.repeat(t.end - t.start) + out.slice(t.end);
  return out;
}

/** Is the figure at `start` a task indicator (占比, 使用率 …) rather than progress? */
function isIndicator(s: string, start: number): boolean {
  const clause = (s.slice(Math.max(0, start - 14), start).split(/[,，。;；!！?？]/).pop() ?? '').replace(OWN_RATE, '完成');
  const ind = lastIndexOf(INDICATOR, clause);
  return ind >= 0 && ind > lastIndexOf(PROGRESS_WORD, clause);
}

/** The progress percentage named in `s`, or null; `taken` spans (task paths, dates) are skipped. */
export function findPercent(s: string, taken: Span[] = []): number | null {
  return findProgress(s, taken).percent;
}

/**
 * The progress percentage, and `over`: a progress figure above 100 (进度120%) that is no
 * valid percentage, so the message can be refused rather than read as having none.
 */
export function findProgress(s: string, taken: Span[] = []): { percent: number | null; over: number | null; span: Span | null } {
  const hits: Hit[] = [];
  let over: number | null = null;
  for (const p of PATTERNS) {
    for (const m of s.matchAll(p.re)) {
      if (hits.length >= 16) break;
      const hit = { value: p.value(m), start: m.index, end: m.index + m[0].length, vague: p.vague ?? false };
      if (!Number.isFinite(hit.value) || hit.value < 0) continue;
      if (overlaps(taken, hit) || hits.some((h) => h.start < hit.end && hit.start < h.end)) continue;
      if (isIndicator(blank(s, taken), hit.start)) continue;
      if (hit.value > 100) {
        over ??= hit.value;
        continue;
      }
      hits.push(hit);
    }
  }
  const picked = pickPercent(s, hits);
  return { percent: picked?.value ?? null, over, span: picked ? { start: picked.start, end: picked.end } : null };
}

function pickPercent(s: string, hits: Hit[]): Hit | null {
  if (!hits.length) return null;
  hits.sort((a, b) => a.start - b.start);
  const current = hits.filter((h) => !PREVIOUS.test(s.slice(Math.max(0, h.start - 6), h.start)));
  const stated = current.filter((h) => !h.vague);
  const list = stated.length ? stated : current.length ? current : hits;
  // coverage 88%，整体 about 75%: the figure said of the whole is the task's progress
  const whole = list.filter((h) => WHOLE.test(s.slice(Math.max(0, h.start - 12), h.start)));
  if (whole.length === 1 && list.length > 1) return whole[0]!;
  for (let i = list.length - 1; i > 0; i -= 1) {
    const between = s.slice(list[i - 1]!.end, list[i]!.start);
    if (/到|至|→|->|提高|提升|增加|升|变成|上升/.test(between)) return list[i]!;
  }
  return list[0]!;
}
