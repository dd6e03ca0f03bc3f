/**
 * Tables drawn with rules: the horizontal and vertical lines that touch each other form a
 * grid; a text piece belongs to the cell its middle falls in, whatever its baseline, so a
 * 完成时限 centred in a three-line row stays in that row. A missing rule between two grid
 * cells means a merged cell, whose text is repeated in each row and column it covers, as the
 * .docx and web readers do with rowspan and colspan (a 牵头单位 written once for three tasks).
 */
import { joinWrapped, linesOf, splitAtSpaces, type PdfText } from './read-pdf-lines.ts';

export interface PdfRule { x0: number; y0: number; x1: number; y1: number }

export interface PdfGrid {
  /** column edges, left to right */
  xs: number[];
  /** row edges, top to bottom (descending y) */
  ys: number[];
  rows: string[][];
}

const NEAR = 2;

/** Values within NEAR of each other as one (their mean), sorted ascending. */
function cluster(values: number[]): number[] {
  const out: number[][] = [];
  for (const v of [...values].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1]! <= NEAR) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
}

function find(parent: number[], i: number): number {
  while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
  return i;
}

/** Groups of rules that touch: each is one table (or a frame, dropped later). */
function components(hs: PdfRule[], vs: PdfRule[]): { hs: PdfRule[]; vs: PdfRule[] }[] {
  const all = [...hs, ...vs];
  const parent = all.map((_, i) => i);
  const join = (a: number, b: number) => { parent[find(parent, a)] = find(parent, b); };
  hs.forEach((h, i) => vs.forEach((v, j) => {
    if (v.x0 >= h.x0 - NEAR && v.x0 <= h.x1 + NEAR && h.y0 >= v.y0 - NEAR && h.y0 <= v.y1 + NEAR) join(i, hs.length + j);
  }));
  // collinear pieces of one long rule (writers draw a border cell by cell)
  hs.forEach((a, i) => hs.forEach((b, j) => { if (i < j && Math.abs(a.y0 - b.y0) <= NEAR && a.x0 <= b.x1 + NEAR && b.x0 <= a.x1 + NEAR) join(i, j); }));
  const groups = new Map<number, { hs: PdfRule[]; vs: PdfRule[] }>();
  all.forEach((r, i) => {
    const g = groups.get(find(parent, i)) ?? { hs: [], vs: [] };
    (i < hs.length ? g.hs : g.vs).push(r);
    groups.set(find(parent, i), g);
  });
  return [...groups.values()];
}

/** The text of one cell: its lines joined, a line ending well short of the cell's right edge ending a paragraph. */
function cellText(texts: PdfText[], right: number): string {
  const lines = linesOf(texts);
  let out = '';
  lines.forEach((l, i) => {
    const text = l.cells.map((c) => c.text).join('');
    if (i === 0) { out = text; return; }
    const prev = lines[i - 1]!;
    out = prev.x1 < right - 2.5 * prev.size ? `${out}\n${text}` : joinWrapped(out, text);
  });
  return out;
}

/**
 * The ruled tables of a page, and the text pieces left outside them. Grids of one cell (a
 * frame around a title or the page) are not tables.
 */
export function ruledTables(texts: PdfText[], rules: PdfRule[]): { grids: PdfGrid[]; rest: PdfText[] } {
  const hs = rules.filter((r) => r.y1 - r.y0 < 1.5 && r.x1 - r.x0 > 3);
  const vs = rules.filter((r) => r.x1 - r.x0 < 1.5 && r.y1 - r.y0 > 3);
  let rest = texts.flatMap(splitAtSpaces);
  const grids: PdfGrid[] = [];
  for (const comp of components(hs, vs)) {
    const ys = cluster(comp.hs.map((h) => h.y0)).reverse();
    const xs = cluster(comp.vs.map((v) => v.x0));
    if (ys.length < 2 || xs.length < 3) continue;
    const nr = ys.length - 1;
    const nc = xs.length - 1;
    const vAt = (x: number, lo: number, hi: number) => comp.vs.some((v) => Math.abs(v.x0 - x) <= NEAR && v.y0 - NEAR <= (lo + hi) / 2 && (lo + hi) / 2 <= v.y1 + NEAR);
    const hAt = (y: number, lo: number, hi: number) => comp.hs.some((h) => Math.abs(h.y0 - y) <= NEAR && h.x0 - NEAR <= (lo + hi) / 2 && (lo + hi) / 2 <= h.x1 + NEAR);
    const parent = Array.from({ length: nr * nc }, (_, i) => i);
    for (let r = 0; r < nr; r += 1) {
      for (let c = 0; c < nc; c += 1) {
        if (c + 1 < nc && !vAt(xs[c + 1]!, ys[r + 1]!, ys[r]!)) parent[find(parent, r * nc + c)] = find(parent, r * nc + c + 1);
        if (r + 1 < nr && !hAt(ys[r + 1]!, xs[c]!, xs[c + 1]!)) parent[find(parent, r * nc + c)] = find(parent, (r + 1) * nc + c);
      }
    }
    const inCell = new Map<number, PdfText[]>();
    const outside: PdfText[] = [];
    for (const t of rest) {
      const cx = t.x + t.w / 2;
      const cy = t.y + t.size * 0.35;
      const c = xs.findIndex((x, i) => i < nc && cx >= x && cx <= xs[i + 1]!);
      const r = ys.findIndex((y, i) => i < nr && cy <= y && cy >= ys[i + 1]!);
      if (c < 0 || r < 0) { outside.push(t); continue; }
      const root = find(parent, r * nc + c);
      inCell.set(root, [...(inCell.get(root) ?? []), t]);
    }
    rest = outside;
    const rightOf = (root: number) => xs[Math.max(...parent.map((_, i) => i).filter((i) => find(parent, i) === root).map((i) => i % nc)) + 1]!;
    const texts = new Map([...inCell].map(([root, ts]) => [root, cellText(ts, rightOf(root))]));
    const rows: string[][] = [];
    for (let r = 0; r < nr; r += 1) {
      const row = Array.from({ length: nc }, (_, c) => texts.get(find(parent, r * nc + c)) ?? '');
      if (row.some(Boolean)) rows.push(row);
    }
    if (rows.length) grids.push({ xs, ys, rows });
  }
  return { grids: grids.sort((a, b) => b.ys[0]! - a.ys[0]!), rest };
}
