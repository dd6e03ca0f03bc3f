/**
 * A PDF's pages (positioned text and ruling lines) → the text and tables every reader hands
 * over (RawDocument): one line per paragraph, tables as rows of cells, in reading order.
 * - Ruled tables are read by their grid (read-pdf-grid.ts); a table that goes on over a page
 *   break is one table, its repeated header row dropped.
 * - Rows typed without rules (cells apart by wide gaps) become a table when at least two
 *   lines have three cells; a line whose first column is empty continues the row above
 *   (a task wrapped in its cell).
 * - Lines of running text are joined into paragraphs where a line runs to the right margin
 *   and the next starts at the left one, not with an outline number; page numbers go.
 * The joined text is what the .docx reader gives for the same document, so a plan exported
 * to PDF imports to the same tasks.
 */
import { ruledTables, type PdfGrid, type PdfRule } from './read-pdf-grid.ts';
import { joinWrapped, linesOf, OUTLINE_MARK, type PdfLine, type PdfText } from './read-pdf-lines.ts';

export type { PdfText } from './read-pdf-lines.ts';
export type { PdfRule } from './read-pdf-grid.ts';

export interface PdfPage { width: number; height: number; texts: PdfText[]; rules: PdfRule[] }

type Block =
  | { kind: 'line'; line: PdfLine; page: number; right: number; left: number }
  | { kind: 'table'; rows: string[][]; xs: number[] | null; page: number; first: boolean };

const PAGE_NUMBER = /^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/;

const lineText = (l: PdfLine) => l.cells.map((c) => c.text).join('\t');
const startsOutline = (s: string) => OUTLINE_MARK.test(/^\S+?(?=[\u4e00-\u9fff]|$)/.exec(s)?.[0] ?? '') || /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|[①-⑳])/.test(s);

/** Column of a cell: the last anchor at or left of it. */
const columnOf = (anchors: number[], x: number, tol: number) => Math.max(0, anchors.findLastIndex((a) => a <= x + tol));

/** Rows typed without rules: runs of lines with ≥ 2 cells, at least two of them with ≥ 3. */
function unruledTables(lines: PdfLine[]): { lines: PdfLine[]; tables: { at: number; rows: string[][] }[] } {
  const keep: PdfLine[] = [];
  const tables: { at: number; rows: string[][] }[] = [];
  for (let i = 0; i < lines.length;) {
    if (lines[i]!.cells.length < 3) { keep.push(lines[i]!); i += 1; continue; }
    const tol = lines[i]!.size * 0.8;
    let j = i + 1;
    const firstX = lines[i]!.cells[0]!.x;
    while (j < lines.length) {
      const l = lines[j]!;
      const gap = lines[j - 1]!.y - l.y;
      if (gap > 2.6 * l.size) break;
      if (l.cells.length < 2 && l.cells[0]!.x <= firstX + tol * 2) break;
      j += 1;
    }
    const block = lines.slice(i, j);
    if (block.filter((l) => l.cells.length >= 3).length < 2) { keep.push(lines[i]!); i += 1; continue; }
    const anchors: number[] = [];
    for (const x of block.filter((l) => l.cells.length >= 3).flatMap((l) => l.cells.map((c) => c.x)).sort((a, b) => a - b)) {
      if (!anchors.length || x - anchors[anchors.length - 1]! > tol) anchors.push(x);
    }
    const rows: string[][] = [];
    for (const l of block) {
      const cells = Array.from({ length: anchors.length }, () => '');
      for (const c of l.cells) { const k = columnOf(anchors, c.x, tol); cells[k] = cells[k] ? joinWrapped(cells[k]!, c.text) : c.text; }
      const last = rows[rows.length - 1];
      if (last && !cells[0]) cells.forEach((c, k) => { if (c) last[k] = last[k] ? joinWrapped(last[k]!, c) : c; });
      else rows.push(cells);
    }
    tables.push({ at: keep.length, rows });
    i = j;
  }
  return { lines: keep, tables };
}

/** A page's blocks in reading order: ruled tables and lines by their top, unruled tables where their lines were. */
function pageBlocks(page: PdfPage, n: number): Block[] {
  const { grids, rest } = ruledTables(page.texts, page.rules);
  const lines = linesOf(rest).filter((l, i, all) => !((i === 0 || i === all.length - 1) && PAGE_NUMBER.test(lineText(l).trim())));
  const { lines: running, tables } = unruledTables(lines);
  const rights = running.filter((l) => l.cells.length === 1).map((l) => l.x1).sort((a, b) => a - b);
  const right = rights.length ? rights[Math.floor(rights.length * 0.9)]! : page.width;
  const left = running.length ? Math.min(...running.map((l) => l.x)) : 0;
  const blocks: { y: number; order: number; block: Block }[] = [];
  running.forEach((line, i) => blocks.push({ y: line.y, order: i, block: { kind: 'line', line, page: n, right, left } }));
  tables.forEach((t) => {
    const y = t.at < running.length ? running[t.at]!.y + 0.5 : -Infinity;
    blocks.push({ y, order: t.at - 0.5, block: { kind: 'table', rows: t.rows, xs: null, page: n, first: false } });
  });
  grids.forEach((g: PdfGrid) => blocks.push({ y: g.ys[0]!, order: -1, block: { kind: 'table', rows: g.rows, xs: g.xs, page: n, first: false } }));
  const sorted = blocks.sort((a, b) => b.y - a.y || a.order - b.order).map((b) => b.block);
  if (sorted[0]?.kind === 'table') sorted[0].first = true;
  return sorted;
}

/** Whether line `b` goes on the paragraph of line `a`. */
function continues(a: Extract<Block, { kind: 'line' }>, b: Extract<Block, { kind: 'line' }>): boolean {
  if (a.line.cells.length > 1 || b.line.cells.length > 1) return false;
  const text = lineText(a.line);
  const tol = (/[A-Za-z0-9]$/.test(text) ? 3 : 1.5) * a.line.size;
  if (a.line.x1 < a.right - tol || a.right - a.left < 200) return false;
  if (Math.abs(a.line.size - b.line.size) > 1.5 || b.line.x > b.left + 0.6 * b.line.size) return false;
  if (a.page === b.page && a.line.y - b.line.y > 2.4 * a.line.size) return false;
  return !startsOutline(lineText(b.line));
}

const sameColumns = (a: number[] | null, b: number[] | null) => !!a && !!b && a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= 3);

/** The document's text and tables from its pages. */
export function layoutPdf(pages: PdfPage[]): { text: string; tables: string[][][] } {
  const blocks = pages.flatMap((p, n) => pageBlocks(p, n));
  const out: string[] = [];
  const tables: { rows: string[][]; xs: number[] | null; out: number }[] = [];
  let prev: Block | null = null;
  for (const b of blocks) {
    if (b.kind === 'table') {
      const last = tables[tables.length - 1];
      if (prev?.kind === 'table' && prev === blocks[blocks.indexOf(b) - 1] && b.first && b.page === prev.page + 1 && last && sameColumns(last.xs, b.xs)) {
        const rows = b.rows[0]!.join('\t') === last.rows[0]!.join('\t') ? b.rows.slice(1) : b.rows;
        last.rows.push(...rows);
        out[last.out] = last.rows.map((r) => r.map((c) => c.replace(/\n/g, '')).join('\t')).join('\n');
      } else {
        tables.push({ rows: b.rows.map((r) => [...r]), xs: b.xs, out: out.length });
        out.push(b.rows.map((r) => r.map((c) => c.replace(/\n/g, '')).join('\t')).join('\n'));
      }
    } else if (prev?.kind === 'line' && continues(prev, b)) {
      out[out.length - 1] = joinWrapped(out[out.length - 1]!, lineText(b.line));
    } else {
      out.push(lineText(b.line));
    }
    prev = b;
  }
  return { text: out.join('\n'), tables: tables.map((t) => t.rows) };
}
