/**
 * Tables drawn with box characters, as old documents converted to text carry them:
 *
 *   ┌──┬────┬──────────────┬──────────┐
 *   │序号│责任单位│ 任务目标     │ 完成时间 │
 *   ├──┼────┼──────────────┼──────────┤
 *   │ 1 │ 金水区 │1.新建绿地…   │2006.11.30│
 *   │ │ ├──────────────┼──────────┤
 *   │ │ │2.新建游园…   │2006.11.30│
 *
 * A cell runs from one rule to the next: its lines are one text. A rule drawn under only some
 * columns ("│ │ ├───┼───┤") ends the row there, and the cells not ruled off (序号 1, 金水区) are
 * merged over the rows that follow, so each of those rows carries them. A 序号 merged over
 * rows whose cells are numbered ("1.", "2.") numbers them under it: 1.1, 1.2. The grids go to
 * extract-table-tasks like any table's.
 */
import { columnKind } from './table-cells.ts';

/** The characters that draw columns, and those that draw rules. */
const BARS = /[│┃║├┤┼┬┴┌┐└┘┣┫╋┳┻┏┓┗┛╠╣╬╦╩╔╗╚╝╞╡╪╟╢╫]/;
const BARS_ALL = new RegExp(BARS.source, 'g');
const BAR_AT_END = new RegExp(`${BARS.source}\\s*$`);
const RULE_CHARS = /^[\s─━═┄┅┈┉\-│┃║├┤┼┬┴┌┐└┘┣┫╋┳┻┏┓┗┛╠╣╬╦╩╔╗╚╝╞╡╪╟╢╫]+$/;
const HORIZONTAL = /[─━═┄┅┈┉\-]/;
/** A line that draws a rule: bars and at least one horizontal stroke (bars alone are a blank line of cells). */
const isRule = (line: string) => RULE_CHARS.test(line) && HORIZONTAL.test(line);

/**
 * Cells between the bars of a line: what stands before the first bar is outside, and so is what
 * follows the last unless the line was cut there (a page's excerpt ending inside a cell).
 */
function between(line: string): string[] {
  const parts = line.split(BARS_ALL).slice(1);
  return BAR_AT_END.test(line) ? parts.slice(0, -1) : parts;
}

/** Every box-drawn table of a text, as rows of cells (the first row its header). */
export function boxTables(lines: string[]): string[][][] {
  const out: string[][][] = [];
  let block: string[] = [];
  const flush = () => {
    const grid = block.length >= 3 ? gridOf(block) : null;
    if (grid) out.push(grid);
    block = [];
  };
  for (const line of lines) {
    if ((line.match(BARS_ALL)?.length ?? 0) >= 2) block.push(line);
    else flush();
  }
  flush();
  return out;
}

function gridOf(lines: string[]): string[][] | null {
  const width = Math.max(...lines.filter((l) => !isRule(l)).map((l) => between(l).length));
  if (width < 2) return null;
  const rows: { cells: string[]; carried: boolean[] }[] = [];
  let acc: string[] = Array(width).fill('');
  let carried: boolean[] = Array(width).fill(false);
  let filled = false;
  for (const line of lines) {
    if (isRule(line)) {
      const segs = between(line);
      // a rule across the whole width (or a border) ends every cell
      const closed = segs.length === width ? segs.map((s) => HORIZONTAL.test(s)) : Array(width).fill(true);
      if (filled) rows.push({ cells: acc.map((c) => c.trim()), carried });
      if (filled || closed.every(Boolean)) {
        acc = acc.map((c, i) => (closed[i] ? '' : c));
        carried = closed.map((c) => !c);
      }
      filled = false;
      continue;
    }
    const cells = between(line);
    cells.forEach((c, i) => {
      if (i >= width) return;
      const t = c.trim();
      // the lines of one cell run together (Chinese text wraps without a space), a merged one's too
      if (t) acc[i] = `${acc[i]}${t}`;
    });
    if (cells.some((c) => c.trim())) filled = true;
  }
  if (filled) rows.push({ cells: acc.map((c) => c.trim()), carried });
  if (rows.length < 2) return null;
  return numberMergedItems(rows);
}

/**
 * Rows under one merged 序号 whose task cells are numbered ("1.新建…", "2.新建…") are items
 * of that row: 1.1, 1.2, their numbers taken off the text.
 */
function numberMergedItems(rows: { cells: string[]; carried: boolean[] }[]): string[][] {
  const kinds = rows[0]!.cells.map((c) => columnKind(c));
  const seq = kinds.indexOf('seq');
  const task = kinds.indexOf('task');
  const grid = rows.map((r) => [...r.cells]);
  if (seq < 0 || task < 0) return grid;
  const ITEM = /^\s*(\d{1,2})\s*[.、．]/;
  for (let i = 1; i < rows.length; i += 1) {
    // a group: a row, then the rows that carry its 序号
    let j = i + 1;
    while (j < rows.length && rows[j]!.carried[seq]) j += 1;
    const group = grid.slice(i, j);
    // numbered 1, 2, 3 … in order: the rows' own items, not a figure that opens a cell
    if (group.length > 1 && group.every((r, k) => Number(ITEM.exec(r[task]!)?.[1]) === k + 1)) {
      for (const r of group) {
        const n = ITEM.exec(r[task]!)![1]!;
        r[seq] = `${r[seq]}.${n}`;
        r[task] = r[task]!.replace(ITEM, '');
      }
    }
    i = j - 1;
  }
  return grid;
}

/** The text with its box-drawn lines left blank: they are read as tables (boxTables), never as prose. */
export function blankBoxLines(text: string): string {
  return text.split('\n').map((l) => ((l.match(BARS_ALL)?.length ?? 0) >= 2 ? '' : l)).join('\n');
}
