/**
 * Sub-items written inline, each with its own unit marker: "1.深化甲改革。(1)推行乙。…(市A局牵头
 * 负责)(2)完善丙。…(市A局牵头负责)". Each (n) carries its own assignment, so each is the lowest
 * numbered level that does (labelling rules §1.1), and the line is broken before each (n) so
 * that the outline reads them as items. An enumeration that shares one unit line after its last
 * point ("一是…二是…(X负责)", "(1)…(2)….(X负责)") stays inside its item (§1.5): every point but the
 * last must close with a marker of its own.
 */
import { hasUnitMarker } from './extract-units.ts';

/** An inline sub-item marker after a sentence end or a closing bracket: (1), （2）, ③. */
const INLINE = /(?<=[。；;)）])\s*(?:[(（](\d{1,2})[)）]|([①-⑳]))/g;

const numOf = (m: RegExpMatchArray) => (m[1] ? Number(m[1]) : m[2]!.charCodeAt(0) - 0x245f);

/** The line broken before its inline sub-items when each of them states its own units; else null. */
function breakLine(line: string): string | null {
  const found = [...line.matchAll(INLINE)];
  // the numbers run 1, 2, 3 … from the first one
  const start = found.findIndex((m) => numOf(m) === 1);
  if (start < 0) return null;
  const run: RegExpMatchArray[] = [];
  for (const m of found.slice(start)) if (numOf(m) === run.length + 1) run.push(m);
  if (run.length < 2) return null;
  const cuts = run.map((m) => m.index!);
  const pieces = cuts.map((at, k) => line.slice(at, cuts[k + 1] ?? line.length));
  // every piece but the last closes with its own marker (the last may be cut off by the text's end)
  const closes = (p: string) => /[)）〕]\s*[。；;]?\s*$/.test(p) && hasUnitMarker(p);
  if (!pieces.slice(0, -1).every(closes)) return null;
  return [line.slice(0, cuts[0]).trimEnd(), ...pieces.map((p) => p.trim())].filter(Boolean).join('\n');
}

/**
 * "…(牵头单位:X;协办单位:Y) 23.编制…": a numbered item run on after the previous one's unit
 * bracket, as a PDF page whose items are paragraphs of wrapped lines gives them. Numbers that
 * follow on (22, 23, 24 …, from wherever the text starts) each closing the item before with its
 * own marker are items; the text is broken before each of them, across the wrapped lines.
 */
const RUN_ON = /(?<=[。；;)）.]\s*|[\u4e00-\u9fff]\s+)(\d{1,3})[.．、](?=[\u4e00-\u9fff])/g;

function breakRunOnItems(text: string): string {
  const found = [...text.matchAll(RUN_ON)].filter((m) => text[m.index! - 1] !== '\n' && m.index! > 0);
  const cuts = new Set<number>();
  for (let i = 0; i < found.length; i += 1) {
    const run = [found[i]!];
    for (const m of found.slice(i + 1)) if (Number(m[1]) === Number(run[run.length - 1]![1]) + 1) run.push(m);
    if (run.length < 2) continue;
    // each item before the next closes with its own unit marker
    const pieces = run.slice(0, -1).map((m, k) => text.slice(m.index!, run[k + 1]!.index!));
    if (!pieces.every((p) => /[)）〕]\s*[。；;]?\s*$/.test(p) && hasUnitMarker(p))) continue;
    for (const m of run) cuts.add(m.index!);
    i += run.length - 1;
  }
  if (!cuts.size) return text;
  let out = '';
  let from = 0;
  for (const at of [...cuts].sort((a, b) => a - b)) {
    out += `${text.slice(from, at).trimEnd()}\n`;
    from = at;
  }
  return out + text.slice(from);
}

/** Breaks lines whose inline sub-items each carry their own unit marker; other lines are kept. */
export function splitOwnedItems(text: string): string {
  const items = breakRunOnItems(text);
  if (!/[。；;)）]\s*(?:[(（]1[)）]|①)/.test(items)) return items;
  return items.split('\n').map((line) => breakLine(line) ?? line).join('\n');
}
