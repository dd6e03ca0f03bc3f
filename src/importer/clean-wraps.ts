/**
 * Undoes hard line wraps. Text copied out of a PDF breaks every line at the page width,
 * inside sentences, dates ("20|25年6月底前") and unit names; official writing ends a
 * paragraph with 。；：or a closing bracket, and a heading is shorter than a full line. So
 * when many lines have one and the same width, a full-width line that does not end a
 * sentence runs on into the next one, unless that one starts an item or a field. Whatever
 * the width, a line left inside a bracket ("(县应急局牵") or a date ("…，1" before "0月底前")
 * runs on too, and so does "(2)…" after a line with its "(1)" inline.
 */
import { markerOf } from './segment.ts';
import { intToChinese } from '../tasks/path-key.ts';

/** The page width when the text is hard-wrapped at one, else null. */
export function wrapWidth(lines: string[]): number | null {
  const widths = lines.map((l) => Math.round(pageWidth(l.trimEnd()))).filter((w) => w >= 16);
  if (widths.length < 8) return null;
  const counts = new Map<number, number>();
  for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best = 0;
  let bestN = 0;
  for (const [w, n] of counts) {
    const near = n + (counts.get(w - 1) ?? 0);
    if (near > bestN || (near === bestN && w > best)) { best = w; bestN = near; }
  }
  return bestN >= Math.max(6, widths.length * 0.3) ? best : null;
}

/**
 * Width a line may have had on the page: the clean-up has already made full-width spaces,
 * brackets and stops half-width ("　　10．" → "  10."), so these may count 1.
 */
function pageWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) >= 0x80 || /[ ().,:;%+/=<>~\-]/.test(ch) ? 1 : 0.5;
  return w;
}

const ENDS = /[。；;！？!?：:)）》”]$/;
/** A bracket inside a collective's name ("各县(市、区)" before "人民政府") does not end a line either. */
const NAME_ASIDE = /[县区镇乡市][(（][^()（）]{1,5}[)）]$/;
/** A field label left without its value at a line end ("牵头单位：") runs on all the same. */
const OPEN_FIELD = /(?:单位|部门|时限|时间)\s*[:：]$/;
const STARTS = /^(?:(?:牵头|配合|责任|负责|主要|协办|参与|主责|完成|时间|时限|进度)[\u4e00-\u9fff]{0,4}\s*[:：]|第[一二三四五六七八九十]{1,3}部分)/;

/**
 * "（2）…" at the start of a line whose (1) stands inside the line before ("…整治。（1）…；")
 * was put there by the wrap: an enumeration is written all inline or all on lines of its own.
 */
function inlineSibling(prev: string, line: string): boolean {
  const m = markerOf(line);
  if (!m || m.num < 2 || m.num > 20 || !['cnParen', 'numParen', 'numHalf', 'circled'].includes(m.kind)) return false;
  const n = m.num - 1;
  const marks = m.kind === 'circled' ? [String.fromCharCode(0x2460 + n - 1)]
    : m.kind === 'numHalf' ? [`${n})`]
    : m.kind === 'cnParen' ? [`(${intToChinese(n)})`, `（${intToChinese(n)}）`] : [`(${n})`, `（${n}）`];
  const p = prev.trim();
  return marks.some((k) => { const at = p.lastIndexOf(k); return at > 0 && /[。；;：:，,]/.test(p[at - 1]!); });
}

/** Whether a line leaves a bracket open ("(各县(市、区)" before "人民政府负责)"): it cannot end a paragraph. */
function openBracket(line: string): boolean {
  let depth = 0;
  for (const ch of line) {
    if (ch === '(' || ch === '（') depth += 1;
    else if ((ch === ')' || ch === '）') && depth > 0) depth -= 1;
  }
  return depth > 0;
}

/** A date cut by the wrap: "…20|26年", "…2026年|1月底前", "…2026年1月|底前". */
function splitDate(end: string, next: string): boolean {
  // a line that is only a figure is a table cell ("1000" before "6月开工"), unless the two halves make a year
  const figure = /^\d+$/.test(end.trim());
  return (/\d$/.test(end) && /^\d*[年月日号%]/.test(next) && (!figure || /^(?:19|20)\d{2}年/.test(end.trim() + next)))
    || (/(?:^|\D)(?:19|20)\d{2}年$/.test(end) && /^\d{1,2}月/.test(next))
    || (/(?:^|\D)(?:19|20)\d{2}年\d{1,2}月$/.test(end) && /^(?:\d{1,2}[日号]|[底末初]|[上中下]旬)/.test(next));
}

/** Joins hard-wrapped lines back into paragraphs; text that is not hard-wrapped is returned as is. */
export function joinWrappedLines(text: string): string {
  const all = text.split('\n');
  // a page or a .docx gives every line its own paragraph, so blank lines stand between all
  // of them and say nothing: the lines are joined as if they were not there
  const filled = all.filter((l) => l.trim());
  const spaced = filled.length >= 8 && all.filter((l, i) => l.trim() && !(all[i + 1] ?? '').trim()).length >= filled.length * 0.8;
  if (spaced) return joinLines(filled).join('\n\n');
  return joinLines(all).join('\n');
}

/**
 * A bracket left open is closed by one of the next lines ("(县应急局牵" before "头，县财政局配合)");
 * one that no line near closes is a slip of the writer ("50%(马站未开工"), and it ends with its cell.
 */
function closedSoon(lines: string[], i: number): boolean {
  return lines.slice(i, i + 3).some((l) => /[)）]/.test(l));
}

function joinLines(lines: string[]): string[] {
  const w = wrapWidth(lines);
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    const prev = out[out.length - 1];
    const s = line.trim();
    const sibling = prev !== undefined && inlineSibling(prev, s);
    const next = Boolean(s) && (!markerOf(s) || sibling) && !STARTS.test(s) && !line.includes('\t');
    const end = prev?.trimEnd() ?? '';
    const full = prev !== undefined && w !== null && pageWidth(end) >= w - 1.5 && (!ENDS.test(end) || OPEN_FIELD.test(end) || openBracket(end) || NAME_ASIDE.test(end));
    // whatever the page width, a line cannot end inside a bracket or a date
    const broken = prev !== undefined && !prev.includes('\t') && ((openBracket(end) && closedSoon(lines, i)) || sibling || splitDate(end, s));
    if (next && (full || broken)) out[out.length - 1] = end + s;
    else out.push(line);
  }
  return out;
}
