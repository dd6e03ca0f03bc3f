/**
 * Text normalisation for matching, with a way back to the message as written.
 *
 * Rules match on a normalised copy (full-width → half-width, traditional → simplified,
 * lower case, emoji and WeCom emoticon codes blanked, regional function words read as
 * standard Mandarin (dialect.ts)), but the labelling rules keep task
 * keywords and reasons AS WRITTEN (typos, traditional characters, `３．１`). So every
 * normalised UTF-16 unit remembers the span of the original code point it came from, and
 * `rawSlice` maps a normalised span back to the original text.
 */
import { Converter } from 'opencc-js/t2cn';
import { dialectChar, readDialect } from './dialect.ts';

/** A normalised text and, per UTF-16 unit, the [from, to) span of its source in `raw`. */
export interface Norm {
  raw: string;
  s: string;
  from: number[];
  to: number[];
}

const toSimplified: (s: string) => string = Converter({ from: 't', to: 'cn' });
const simplifiedCache = new Map<string, string>();

/** Traditional → simplified for one character; keeps the result only when it is one character too. */
function simplify(ch: string): string {
  const hit = simplifiedCache.get(ch);
  if (hit !== undefined) return hit;
  const out = toSimplified(ch);
  const one = [...out].length === 1 ? out : ch;
  if (simplifiedCache.size < 20_000) simplifiedCache.set(ch, one);
  return one;
}

const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u200D\u20E3]/u;
const INVISIBLE = /[\u200B\u200C\u2060\uFEFF\u00AD]/;
const CJK = /[\u3400-\u9FFF\uF900-\uFAFF]/;

/** One code point → its normalised form ('' drops it, ' ' blanks it). */
function normChar(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCodePoint(c - 0xfee0).toLowerCase();
  if (c === 0x3000 || c === 0xa0 || ch === '\t') return ' ';
  if (INVISIBLE.test(ch)) return '';
  if (ch === '➡' || ch === '⇒' || ch === '⟶') return '→'; // 30%➡️60%: an arrow, not decoration
  if (EMOJI.test(ch)) return ' ';
  if (ch === '。') return '。';
  if (ch === '【' || ch === '〔') return '[';
  if (ch === '】' || ch === '〕') return ']';
  if (ch === '〇') return '〇';
  if (c < 128) return ch.toLowerCase();
  if (CJK.test(ch)) return dialectChar(ch) ?? simplify(ch);
  return ch;
}

/** Normalises `raw` keeping the source span of every output unit. */
export function normalise(raw: string): Norm {
  let s = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of raw) {
    const out = normChar(ch);
    for (let k = 0; k < out.length; k += 1) {
      from.push(i);
      to.push(i + ch.length);
    }
    s += out;
    i += ch.length;
  }
  return { raw, s: readDialect(s), from, to };
}

/** The original text behind the normalised span [start, end). */
export function rawSlice(n: Norm, start: number, end: number): string {
  if (end <= start || start >= n.s.length) return '';
  return n.raw.slice(n.from[start]!, n.to[Math.min(end, n.s.length) - 1]!);
}

/** A sub-view of a normalised text (same raw string, so slices stay as written). */
export function subNorm(n: Norm, start: number, end: number): Norm {
  return { raw: n.raw, s: n.s.slice(start, end), from: n.from.slice(start, end), to: n.to.slice(start, end) };
}

/** Replaces the normalised span [start, end) with spaces (a consumed part no later rule should see). */
export function blank(n: Norm, start: number, end: number): Norm {
  return { ...n, s: n.s.slice(0, start) + ' '.repeat(Math.max(0, end - start)) + n.s.slice(end) };
}

/**
 * Runs of spaces become one space (keeping the source span of the first), so patterns with
 * optional spaces stay linear on any input.
 */
export function collapseSpaces(n: Norm): Norm {
  let s = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < n.s.length; i += 1) {
    const ch = n.s[i]!;
    if (ch === ' ' && (s.length === 0 || s[s.length - 1] === ' ')) continue;
    s += ch;
    from.push(n.from[i]!);
    to.push(n.to[i]!);
  }
  if (s.endsWith(' ')) {
    s = s.slice(0, -1);
    from.pop();
    to.pop();
  }
  return { raw: n.raw, s, from, to };
}

/** WeCom emoticon codes such as [强], [抱拳], [OK]: blanked, their names returned. */
export function stripEmoticons(n: Norm): { norm: Norm; codes: string[] } {
  const codes: string[] = [];
  let norm = n;
  for (const m of n.s.matchAll(/\[([^\[\]\d\s]{1,4})\]/g)) {
    if (codes.length >= 32) break;
    if (n.raw[n.from[m.index]!] !== '[') continue; // 【卫健局】 and 【二（三）】 are titles, not emoticons
    codes.push(m[1]!);
    norm = blank(norm, m.index, m.index + m[0].length);
  }
  return { norm, codes };
}

/** True when a character is a CJK ideograph. */
export function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && CJK.test(ch);
}

/** Emoji that count as a nod (👍, 👌, 🙏, ✅, 💪, 🫡): used for bare acknowledgements. */
export function hasNodEmoji(raw: string): boolean {
  return /[\u{1F44D}\u{1F44C}\u{1F64F}\u{2705}\u{1F4AA}\u{1FAE1}\u{1F91D}\u{2714}\u{1F197}]/u.test(raw);
}
