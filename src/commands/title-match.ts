/**
 * Ranks tasks by how well a reference in the speaker's own words names their title:
 * `医保支付改革` → 深化医保支付方式改革, `人材队伍建设` → 加强基层医疗卫生人才队伍建设, `医宝支付` (a
 * pinyin slip), `医保` → 医疗保障 (an abbreviation keeps its words' first characters in order).
 *
 * A reference character matches a title character written the same, or read the same (pinyin
 * without tone, any reading: pinyin-pro); the score is the share of the reference matched in
 * order (a longest common subsequence), an exact character counting more than a homophone,
 * with a little for how much of the title is covered so a shorter title wins a tie. Pure.
 */
import { normalise } from './parse/normalise.ts';
import { sameSound } from './parse/sound.ts';

export interface Scored<T> { item: T; score: number }

export type TitleRanking<T> =
  | { kind: 'winner'; best: Scored<T>; ranked: Scored<T>[] }
  | { kind: 'close'; close: Scored<T>[]; ranked: Scored<T>[] }
  | { kind: 'nothing'; ranked: Scored<T>[] };

/** Below this share of the reference matched, a title is not named at all. */
export const MIN_SCORE = 0.6;
/** A winner is ahead of the next title by at least this much. */
export const MARGIN = 0.12;
const HOMOPHONE = 0.7;
const ABBREVIATED = 0.85;
/** A reference found in a task's text (托育 in the text of 一老一小) counts less than in its title. */
const IN_TEXT = 0.9;
const TEXT_CHARS = 400;

function similarity(a: string, b: string): number {
  if (a === b) return 1;
  return sameSound(a, b) ? HOMOPHONE : 0;
}

const squash = (s: string) => normalise(s).s.replace(/[\s\p{P}\p{S}]/gu, '');

/** The weighted longest common subsequence of `q` in `t`. */
function matched(q: string[], t: string[]): number {
  let prev = new Array<number>(t.length + 1).fill(0);
  for (let i = 1; i <= q.length; i += 1) {
    const cur = new Array<number>(t.length + 1).fill(0);
    for (let j = 1; j <= t.length; j += 1) {
      cur[j] = Math.max(prev[j]!, cur[j - 1]!, prev[j - 1]! + similarity(q[i - 1]!, t[j - 1]!));
    }
    prev = cur;
  }
  return prev[t.length]!;
}

/**
 * How well `ref` names `title`, 0–1 (plus up to 0.05 for covering the title). A reference of
 * two-character words may stand for the title's abbreviation of them (医疗保障 → 医保, 人力资源 →
 * 人资: the first character of each word), counted a little less.
 */
export function titleScore(ref: string, title: string): number {
  const q = [...squash(ref)];
  const full = lcsScore(q, title);
  if (q.length < 4 || q.length % 2 || q.length > 8) return full;
  return Math.max(full, ABBREVIATED * lcsScore(q.filter((_, i) => i % 2 === 0), title));
}

function lcsScore(q: string[], title: string): number {
  const t = [...squash(title)];
  if (q.length < 2 || !t.length) return 0;
  const m = matched(q, t);
  if (m < 1.6) return 0; // two characters at least
  return m / q.length + 0.05 * Math.min(1, m / t.length);
}

/** The best run of the text as long as `ref`, read character by character (same or homophone). */
export function textScore(ref: string, text: string): number {
  const q = [...squash(ref)];
  const t = [...squash(text.slice(0, TEXT_CHARS))];
  if (q.length < 2) return 0;
  let best = 0;
  for (let i = 0; i + q.length <= t.length; i += 1) {
    if (similarity(q[0]!, t[i]!) === 0 && similarity(q[1]!, t[i + 1]!) === 0) continue;
    let m = 0;
    for (let k = 0; k < q.length; k += 1) m += similarity(q[k]!, t[i + k]!);
    best = Math.max(best, m);
  }
  return best >= 1.6 ? best / q.length : 0;
}

/** Each further piece a reference is found in costs this much. */
const PIECE_COST = 0.05;

/**
 * A reference put together from words of the task's title and text (智慧医院电子病历 → 推进智慧医院建设 …
 * 电子病历应用水平; 按病种付费 → 按病种分值付费): the share of it found as pieces of two characters or
 * more, taken longest first, less a little for each piece beyond the first.
 */
export function pieceScore(ref: string, text: string): number {
  const q = squash(ref);
  const t = squash(text.slice(0, TEXT_CHARS));
  if (q.length < 4) return 0;
  let found = 0;
  let pieces = 0;
  for (let i = 0; i < q.length;) {
    let len = 0;
    for (let n = q.length - i; n >= 2; n -= 1) if (t.includes(q.slice(i, i + n))) { len = n; break; }
    if (len) { found += len; pieces += 1; i += len; } else i += 1;
  }
  return pieces ? Math.max(0, found / q.length - PIECE_COST * (pieces - 1)) : 0;
}

/** The candidates ranked by title (or, for less, their text); a clear winner, a close call among the best, or nothing. */
export function rankTitles<T extends { title: string; text?: string | null }>(ref: string, candidates: T[]): TitleRanking<T> {
  const ranked = candidates.map((item) => ({ item, score: Math.max(titleScore(ref, item.title), item.text ? IN_TEXT * Math.max(textScore(ref, item.text), pieceScore(ref, `${item.title}${item.text}`)) : 0) }))
    .filter((s) => s.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score);
  if (!ranked.length) return { kind: 'nothing', ranked };
  const [best, second] = ranked as [Scored<T>, Scored<T> | undefined];
  if (!second || best.score - second.score >= MARGIN) return { kind: 'winner', best, ranked };
  return { kind: 'close', close: ranked.filter((s) => best.score - s.score < MARGIN).slice(0, 5), ranked };
}
