/**
 * Undoes hard line wraps. Text copied out of a PDF breaks every line at the page width,
 * inside sentences, dates ("20|25年6月底前") and unit names; official writing ends a
 * paragraph with 。；：or a closing bracket, and a heading is shorter than a full line. So
 * when many lines have one and the same width, a full-width line that does not end a
 * sentence runs on into the next one, unless that one starts an item or a field.
 */
import { markerOf } from './segment.ts';

/** Display width: Han and full-width forms count 1, ASCII ½ (as a PDF lays them out). */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x80 ? 0.5 : 1;
  return w;
}

/** The page width when the text is hard-wrapped at one, else null. */
export function wrapWidth(lines: string[]): number | null {
  const widths = lines.map((l) => Math.round(width(l.trimEnd()))).filter((w) => w >= 16);
  if (widths.length < 8) return null;
  const counts = new Map<number, number>();
  for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best = 0;
  let bestN = 0;
  for (const [w, n] of counts) {
    const near = n + (counts.get(w - 1) ?? 0);
    if (near > bestN || (near === bestN && w > best)) { best = w; bestN = near; }
  }
  return bestN >= Math.max(6, widths.length * 0.4) ? best : null;
}

const ENDS = /[。；;！？!?：:)）》”]$/;
const STARTS = /^(?:(?:牵头|配合|责任|协办|参与|主责|完成|时间|时限)[\u4e00-\u9fff]{0,4}\s*[:：]|第[一二三四五六七八九十]{1,3}部分)/;

/** Joins hard-wrapped lines back into paragraphs; text that is not hard-wrapped is returned as is. */
export function joinWrappedLines(text: string): string {
  const lines = text.split('\n');
  const w = wrapWidth(lines);
  if (w === null) return text;
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    const s = line.trim();
    const runsOn = prev !== undefined && width(prev.trimEnd()) >= w - 1.5 && !ENDS.test(prev.trimEnd()) && s && !markerOf(s) && !STARTS.test(s);
    if (runsOn) out[out.length - 1] = prev!.trimEnd() + s;
    else out.push(line);
  }
  return out.join('\n');
}
