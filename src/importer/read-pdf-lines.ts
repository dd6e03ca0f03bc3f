/**
 * Positioned pieces of PDF text → lines, in reading order. PDF coordinates are points with y
 * going up. pdf.js hands over runs of glyphs, sometimes two table cells in one run joined by a
 * space, sometimes a space as a run of its own; pieces are split at spaces (their x estimated
 * from the characters' widths) and joined again by the gaps between them: nothing between
 * Chinese characters and digits (Word and LibreOffice set "2025 年" apart only by spacing),
 * a space between two Latin words, and a cell break (tab) where the gap is wider than one and a half
 * characters, unless the text before it is an outline number ("1.   开展…").
 */

export interface PdfText {
  str: string;
  /** baseline start, points */
  x: number;
  y: number;
  /** advance width, points */
  w: number;
  /** font size, points */
  size: number;
}

/** A line's text split at wide gaps: one cell for a line of running text, several for a table row typed without rules. */
export interface PdfCell { x: number; x1: number; text: string }

export interface PdfLine {
  x: number;
  x1: number;
  y: number;
  size: number;
  cells: PdfCell[];
}

const wide = (ch: string) => /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2010-\u2027\u2460-\u24ff]/.test(ch);
const weight = (ch: string) => (wide(ch) ? 1 : ch === ' ' ? 0.3 : 0.55);

/** Splits a run at its spaces, each part placed by its share of the run's width. */
export function splitAtSpaces(t: PdfText): PdfText[] {
  const chars = [...t.str];
  const total = chars.reduce((s, c) => s + weight(c), 0) || 1;
  const unit = t.w / total;
  const out: PdfText[] = [];
  let at = 0;
  for (const m of t.str.matchAll(/\S+|\s+/g)) {
    const part = [...m[0]];
    const w = part.reduce((s, c) => s + weight(c), 0) * unit;
    if (m[0].trim()) out.push({ str: m[0], x: t.x + at, y: t.y, w, size: t.size });
    at += w;
  }
  return out;
}

export const OUTLINE_MARK = /^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[)）]|\d+(?:[.．]\d+)*[、.．)）]|\d+(?:[.．]\d+)+|[①-⑳]|第[一二三四五六七八九十百\d]+[条章节部分项])$/;

const latin = /[A-Za-z]$/;
const latinStart = /^[A-Za-z]/;

/** What goes between two pieces of one line, `gap` points apart. */
function joint(left: string, right: string, gap: number, size: number): '' | ' ' | '\t' {
  if (gap > 1.5 * size && !OUTLINE_MARK.test(left.trim())) return '\t';
  return gap > 0.15 * size && latin.test(left) && latinStart.test(right) ? ' ' : '';
}

/** Joins the pieces of one line (sorted by x) into its cells. */
function cellsOf(ps: PdfText[]): PdfCell[] {
  const cells: PdfCell[] = [];
  let cur: PdfCell | null = null;
  let lastEnd = 0;
  for (const p of ps) {
    if (!cur) { cur = { x: p.x, x1: p.x + p.w, text: p.str }; lastEnd = p.x + p.w; continue; }
    const j = joint(cur.text, p.str, p.x - lastEnd, p.size);
    if (j === '\t') { cells.push(cur); cur = { x: p.x, x1: p.x + p.w, text: p.str }; }
    else { cur.text += j + p.str; cur.x1 = p.x + p.w; }
    lastEnd = Math.max(lastEnd, p.x + p.w);
  }
  if (cur) cells.push(cur);
  return cells.map((c) => ({ ...c, text: c.text.replace(/\s+/g, (s) => (s.includes('\n') ? '\n' : ' ')).trim() })).filter((c) => c.text);
}

/** Pieces → lines, top to bottom; pieces whose baselines are within 40 % of a character are one line. */
export function linesOf(texts: PdfText[]): PdfLine[] {
  const ps = texts.flatMap(splitAtSpaces).sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfText[][] = [];
  for (const p of ps) {
    const g = groups[groups.length - 1];
    if (g && g[0]!.y - p.y <= 0.4 * Math.max(g[0]!.size, p.size)) g.push(p);
    else groups.push([p]);
  }
  return groups.map((g) => {
    const sorted = g.sort((a, b) => a.x - b.x);
    const cells = cellsOf(sorted);
    return { x: sorted[0]!.x, x1: Math.max(...sorted.map((p) => p.x + p.w)), y: Math.max(...g.map((p) => p.y)), size: Math.max(...g.map((p) => p.size)), cells };
  }).filter((l) => l.cells.length);
}

/** Joins the lines of one paragraph or cell: nothing between Chinese, a space between Latin words. */
export function joinWrapped(a: string, b: string): string {
  return a + (latin.test(a) && latinStart.test(b) ? ' ' : '') + b;
}
