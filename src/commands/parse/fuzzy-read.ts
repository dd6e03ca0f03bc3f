/**
 * Reading the words the bot acts on through slips of pinyin and handwriting input: 办洁 and
 * 半结 are 办结, 于期 and 愈期 are 逾期, 末完成 is 未完成, 己阅 is 已阅. The neighbours of each
 * character by sound (same pinyin, any reading, tone ignored) and by shape (decompositions) come
 * from maintained data through scripts/build-char-neighbours.ts (char-neighbours.json).
 *
 * A reading costs 1 per character that differs, and at most 1 is accepted, so an exact word
 * always wins: a word written out exactly is never read as another, a span overlapping an exact
 * word is left alone, and a neighbour that makes a real word with the characters around it (月末,
 * 板结, 那些, 自己) was written on purpose. The caller confirms a reading that would change state.
 */
import table from './char-neighbours.json' with { type: 'json' };
import { FUZZY_WORDS, SHAPE_ONLY } from './fuzzy-words.ts';

export interface Guess {
  /** normalised index of the slip */
  start: number;
  end: number;
  /** what the message says there (normalised) and the word it is read as */
  wrote: string;
  read: string;
}

interface Variant { word: string; cost: number; at: number }

const MAX_COST = 1;
let index: { variants: Map<string, Variant>; starts: Set<string>; words: Set<string>; exact: RegExp } | null = null;

function build(): NonNullable<typeof index> {
  const sound = table.sound as Record<string, string>;
  const shape = table.shape as Record<string, Record<string, number>>;
  const variants = new Map<string, Variant>();
  const add = (key: string, v: Variant) => {
    const old = variants.get(key);
    if (!old || v.cost < old.cost) variants.set(key, v);
  };
  for (const word of FUZZY_WORDS) {
    const cs = [...word];
    cs.forEach((ch, at) => {
      for (const c of sound[ch] ?? '') add(cs.map((x, k) => (k === at ? c : x)).join(''), { word, cost: 1, at });
      for (const [c, d] of Object.entries(shape[ch] ?? {})) add(cs.map((x, k) => (k === at ? c : x)).join(''), { word, cost: Math.max(d, 0.5), at });
    });
  }
  const single = table.single as Record<string, string>;
  for (const ch of SHAPE_ONLY) for (const c of single[ch] ?? '') add(c, { word: ch, cost: 1, at: 0 });
  for (const w of FUZZY_WORDS) variants.delete(w);
  const exact = new RegExp([...FUZZY_WORDS].sort((a, b) => b.length - a.length).join('|'), 'g');
  return { variants, starts: new Set([...variants.keys()].map((k) => k[0]!)), words: new Set(table.words.split(' ')), exact };
}

const CJK = /[\u3400-\u9fff]/;
const NUMERAL = /[\d〇零一二两三四五六七八九十百千万半几]/;
/** The end of a period (季度末, 年末, 月末前): a date, never 未. */
const PERIOD_END = /(?:年|月|周|季度|季|期|旬|学期)末/g;
const LENGTHS = [4, 3, 2, 1];

/** The slips in `s` read as vocabulary words: the text with each read in place (same length) and what was read. */
export function fuzzyRead(s: string): { s: string; guesses: Guess[] } {
  if (!CJK.test(s)) return { s, guesses: [] };
  index ??= build();
  const { variants, starts, words, exact } = index;
  const exactSpans = [...s.matchAll(exact)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const periodEnds = [...s.matchAll(PERIOD_END)].map((m) => m.index + m[0].length - 1);
  const guesses: Guess[] = [];
  let out = s;
  for (let i = 0; i < s.length; i += 1) {
    if (!starts.has(s[i]!)) continue;
    for (const len of LENGTHS) {
      const sub = s.slice(i, i + len);
      const v = sub.length === len ? variants.get(sub) : undefined;
      if (!v || v.cost > MAX_COST) continue;
      const end = i + len;
      // exact readings win: a span cutting into an exact word is not read
      if (exactSpans.some((e) => e.start < end && i < e.end && !(i <= e.start && e.end <= end))) continue;
      if (!plausible(s, i, end, v, words) || periodEnds.includes(i + v.at)) continue;
      guesses.push({ start: i, end, wrote: sub, read: v.word });
      out = out.slice(0, i) + v.word + out.slice(end);
      i = end - 1;
      break;
    }
  }
  return { s: out, guesses };
}

/** The slip is not a word written on purpose: neither the span nor its edge with the text around makes a word. */
function plausible(s: string, start: number, end: number, v: Variant, words: Set<string>): boolean {
  const sub = s.slice(start, end);
  const c = sub[v.at]!;
  if (sub.length === 2 && words.has(sub)) return false;
  if (sub.length === 1 && !CJK.test(s[end] ?? '')) return false; // 己 read as 已 only before what was done (己阅, 己定稿)
  // a figure after the slip starts a count, not a word (延其一个月 is 延期, though 其一 is a word)
  if (v.at === 0 && start > 0 && words.has(s[start - 1]! + c)) return false;
  if (v.at === sub.length - 1 && !NUMERAL.test(s[end] ?? '') && words.has(c + (s[end] ?? ''))) return false;
  return true;
}
