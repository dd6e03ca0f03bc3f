/**
 * Task tables inside plain text. A table copied from Word or Excel keeps its cells apart by
 * tabs; a table laid out as text (a page or a converter's output) keeps them apart by runs
 * of spaces or by "|". Such a table starts at a header row naming its columns (序号 / 工作任务
 * / 牵头单位 / 完成时限 …); section rows ("一、粮食安全") and blank lines inside it do not end
 * it. A web table copied with one cell per line is read as well. The grids go to
 * extract-table-tasks like those of a spreadsheet.
 */
import { columnKind, isTimeCell, isUnitCell } from './table-cells.ts';
import { boxTables } from './read-box-tables.ts';

type Sep = 'tab' | 'pipe' | 'spaces' | 'space';

const HEADER_WORD = /^(?:序号|编号|序|备注|[\u4e00-\u9fff]{0,6}(?:任务|工作|措施|举措|事项|内容|名称|目标|指标|单位|部门|领导|责任人|时限|时间|期限|节点|进度|要求)(?:[(（][\u4e00-\u9fff、]{1,8}[)）])?)$/;
const SECTION_ROW = /^(?:[一二三四五六七八九十]{1,3}\s*[、.]|\(\s*[一二三四五六七八九十]{1,3}\s*\)|（[一二三四五六七八九十]{1,3}）)/;
const TIME_LIKE = /\d{4}\s*年|\d{1,2}\s*月|年底|年内|半年|季度|长期|持续|常态|每[年季月周]/;

function cellsOf(line: string, sep: Sep): string[] {
  const s = line.trim();
  if (sep === 'tab') return line.split('\t').map((c) => c.trim());
  if (sep === 'pipe') return s.replace(/^[|｜]|[|｜]$/g, '').split(/[|｜]/).map((c) => c.trim());
  return s.split(sep === 'spaces' ? /[ \u3000]{2,}|\t/ : /[ \u3000\t]+/).map((c) => c.trim());
}

/** The separator under which a line reads as a header row, if any. */
function headerSep(line: string): Sep | null {
  for (const sep of ['tab', 'pipe', 'spaces', 'space'] as const) {
    const cells = cellsOf(line, sep).filter(Boolean);
    if (cells.length < 3 || cells.length > 12) continue;
    // header words: those of a task table, and the column words any table has (类别, 完成情况, 成效)
    const named = cells.filter((c) => HEADER_WORD.test(c.replace(/\s+/g, '')) || columnKind(c) !== null).length;
    const task = cells.some((c) => /任务|工作|措施|事项|内容/.test(c) || columnKind(c) === 'task');
    if (named >= 3 && named >= cells.length - 1 && task) return sep;
    // a wider table with columns of its own (决策依据, 必要性说明 …): its 序号, task and unit or time columns make it one
    const kinds = cells.map((c) => columnKind(c));
    if (sep === 'tab' || sep === 'pipe') {
      if (kinds.includes('seq') && kinds.includes('task') && kinds.some((k) => k === 'lead' || k === 'owner' || k === 'time') && named * 2 >= cells.length) return sep;
    }
  }
  return null;
}

const isSeq = (h: string) => /^(?:序号|编号|序)$/.test(h);
const isTime = (h: string) => /时限|时间|期限|节点/.test(h);
const isUnit = (h: string) => /单位|部门/.test(h);
/** A cell of unit names, apart by 、 or by spaces only ("市甲局 乙集团"). */
const unitLike = isUnitCell;

/**
 * Fits a row's cells to the header's columns. With as many cells as columns they are taken
 * in order; otherwise (an empty cell left out, a long cell wrapped) each cell goes by what
 * it is: a number to 序号, a time to 完成时限, a unit list to the unit columns, text to the
 * task column and then the other text columns.
 */
function fit(cells0: string[], header: string[], mergedLeft = false): string[] {
  const n = header.length;
  // empty cells a row has beyond the header ("…| |") are no cells
  const cells = cells0.length > n && cells0.slice(n).every((c) => !c) ? cells0.slice(0, n) : cells0;
  if (cells.length === n) return cells;
  // a category cell merged over several rows stands in its first row only: the others start at the second column
  if (cells.length === n - 1 && columnKind(header[0]!) === 'category') return ['', ...cells];
  const out: string[] = new Array<string>(n).fill('');
  const rest = [...cells];
  const seq = header.findIndex(isSeq);
  if (seq >= 0 && /^\d{1,4}$/.test(rest[0] ?? '')) out[seq] = rest.shift()!;
  const time = header.findIndex(isTime);
  if (time >= 0 && rest.length && TIME_LIKE.test(rest[rest.length - 1]!) && rest[rest.length - 1]!.length <= 40) out[time] = rest.pop()!;
  const unitCols = header.map((h, i) => (isUnit(h) ? i : -1)).filter((i) => i >= 0);
  const units: string[] = [];
  while (rest.length > 1 && units.length < unitCols.length && unitLike(rest[rest.length - 1]!)) units.unshift(rest.pop()!);
  units.forEach((u, k) => { out[unitCols[k]!] = u; });
  const textCols = header.map((_, i) => (i !== seq && i !== time && !unitCols.includes(i) ? i : -1)).filter((i) => i >= 0);
  if (textCols.length && rest.length > textCols.length) rest.splice(textCols.length - 1, rest.length, rest.slice(textCols.length - 1).join(''));
  // a row under cells merged from the rows above, the empty cells at its end standing for them ("1.2 绘制甲图 |
  // 市甲局 乙集团 | 2022年11月 | |||"): the text before its units is that of the columns just before the unit
  // column; the merged ones, further left, it leaves out
  const firstFilled = Math.min(...[...units.map((_, k) => unitCols[k]!), ...(out[time] ? [time] : [])]);
  const before = textCols.filter((i) => i < firstFilled);
  if (mergedLeft && units.length && rest.length < before.length) {
    before.slice(before.length - rest.length).forEach((col, k) => { out[col] = rest[k]!; });
    return out;
  }
  rest.forEach((c, k) => { if (textCols[k] !== undefined) out[textCols[k]!] = c; });
  return out;
}

/**
 * A web table copied as text with one cell per line: header words on consecutive lines,
 * then each row starting at a line holding its 序号 alone. A row ends at the next 序号 or
 * section row; the table ends at a blank line after a complete row, or at a row too long
 * to be one.
 */
function cellLineBlocks(lines: string[]): string[][][] {
  const out: string[][][] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (!isSeq(lines[i]!.trim())) continue;
    const header: string[] = [];
    let j = i;
    while (j < lines.length && HEADER_WORD.test(lines[j]!.replace(/\s+/g, '')) && header.length < 12) header.push(lines[j++]!.replace(/\s+/g, ''));
    if (header.length < 3 || !header.some((h) => /任务|工作|措施|事项|内容/.test(h)) || !header.some((h) => isUnit(h) || isTime(h))) continue;
    const rows: string[][] = [header];
    let row: string[] | null = null;
    let last = 0;
    const flush = () => { if (row) rows.push(fit(row, header)); row = null; };
    for (; j < lines.length; j += 1) {
      const s = lines[j]!.trim();
      const num = /^\d{1,4}$/.test(s) ? Number(s) : NaN;
      if (!s) { if (row && row.length >= header.length) break; continue; }
      if (num > last && num <= last + 3) { flush(); row = [s]; last = num; continue; }
      if (s.length <= 30 && SECTION_ROW.test(s) && (!row || row.length >= header.length - 1)) { flush(); rows.push([s]); continue; }
      if (!row || row.length >= header.length + 2) break;
      row.push(s);
    }
    flush();
    while (rows.length && rows[rows.length - 1]!.length === 1) rows.pop();
    if (rows.length >= 2) out.push(rows);
    i = j - 1;
  }
  return out;
}

function tabBlocks(lines: string[]): string[][][] {
  const out: string[][][] = [];
  let cur: string[][] = [];
  const close = () => {
    while (cur.length && cur[cur.length - 1]!.length === 1) cur.pop();
    if (cur.length >= 2) out.push(cur);
    cur = [];
  };
  for (const line of lines) {
    const cells = line.split('\t');
    if (cells.length >= 3) { cur.push(cells.map((c) => c.trim())); continue; }
    const s = line.trim();
    if (cur.length && !s) continue;
    if (cur.length && cells.length === 1 && s.length <= 30 && SECTION_ROW.test(s)) { cur.push([s]); continue; }
    close();
  }
  close();
  return out;
}

/** Display column of each cell's start on a line laid out with spaces (Han and full-width count 2). */
function cellColumns(line: string, sep: Sep): { text: string; col: number }[] {
  const out: { text: string; col: number }[] = [];
  let col = 0;
  let i = 0;
  const chars = [...line];
  while (i < chars.length) {
    while (i < chars.length && /[ \u3000\t|｜]/.test(chars[i]!)) { col += chars[i]!.charCodeAt(0) < 0x80 ? 1 : 2; i += 1; }
    if (i >= chars.length) break;
    const start = col;
    let text = '';
    while (i < chars.length && !(sep === 'pipe' ? /[|｜]/.test(chars[i]!) : sep === 'space' ? /[ \u3000\t]/.test(chars[i]!) : /\t/.test(chars[i]!) || (/[ \u3000]/.test(chars[i]!) && /[ \u3000]/.test(chars[i + 1] ?? '')))) {
      text += chars[i]; col += chars[i]!.charCodeAt(0) < 0x80 ? 1 : 2; i += 1;
    }
    out.push({ text: text.trim(), col: start });
  }
  return out.filter((c) => c.text);
}

/**
 * A line of a laid-out table that carries on the row above (a long cell wrapped): its
 * pieces join the cells whose header stands nearest to the left of them.
 */
function continueRow(row: string[], line: string, header: { text: string; col: number }[], sep: Sep): void {
  const pieces = cellColumns(line, sep);
  for (const piece of pieces) {
    let k = 0;
    header.forEach((h, i) => { if (h.col <= piece.col + 1) k = i; });
    if (pieces.length === 1) k = Math.max(0, header.findIndex((h) => /任务|工作|措施|事项|内容/.test(h.text) && !/单位|部门|时/.test(h.text)));
    const joint = isUnit(header[k]?.text ?? '') && row[k] && !/[、，,]$/.test(row[k]!) ? '、' : '';
    row[k] = (row[k] ?? '') + joint + piece.text;
  }
}

/**
 * In a row laid out with single spaces, a cell wrapped inside its column leaves its last
 * character alone between spaces ("加强水资源保 护"): no cell of a task table is one Han
 * character, so it is joined to the cell before it.
 */
function joinWrappedChars(cells: string[]): string[] {
  const out: string[] = [];
  for (const c of cells) {
    if (out.length > 1 && /^[\u4e00-\u9fff]$/.test(c)) out[out.length - 1] += c;
    else out.push(c);
  }
  return out;
}

/**
 * The lower row of a two-row "|" header: the line after the header, all header words, as many
 * as the columns the header's last named cell spans (itself and the empty cells after it).
 */
function subHeader(lines: string[], at: number): { header: string[]; span: number; next: number } | null {
  const physical = cellsOf(lines[at]!, 'pipe');
  while (physical.length && !physical[physical.length - 1]) physical.pop();
  const raw = cellsOf(lines[at]!, 'pipe');
  const trailing = raw.length - physical.length;
  let j = at + 1;
  while (j < lines.length && !lines[j]!.trim()) j += 1;
  const lower = j < lines.length ? cellsOf(lines[j]!, 'pipe').filter(Boolean) : [];
  const word = (c: string) => HEADER_WORD.test(c.replace(/\s+/g, '')) || columnKind(c) !== null;
  const words = lower.length >= 2 && lower.some(word) && lower.every((c) => c.length <= 10 && /^[\u4e00-\u9fff()（）]+$/.test(c));
  if (!words || lower.length > trailing + 1 || physical.some((c) => !c)) return null;
  return { header: [...physical.slice(0, -1), ...lower], span: lower.length, next: j + 1 };
}

/** Tables laid out with spaces or "|": a header row, then numbered rows and section rows. */
function laidOutBlocks(lines: string[]): string[][][] {
  const out: string[][][] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const sep = headerSep(lines[i]!);
    if (!sep || sep === 'tab') continue;
    let header = cellsOf(lines[i]!, sep).filter(Boolean);
    const headerCols = cellColumns(lines[i]!, sep);
    const numbered = /^(?:序号|编号|序)$/.test(header[0]!);
    // a header over two rows: "… | 计划安排 | |" above "程序环节 | 时间安排": the lower row names the
    // columns the last one spans, and a later line of that many cells is a sub-row of them
    const below = sep === 'pipe' ? subHeader(lines, i) : null;
    if (below) header = below.header;
    const rows: string[][] = [header];
    // a row typed with single spaces in a table laid out with runs of them
    const split = (s: string) => {
      const cells = cellsOf(s, sep).filter(Boolean);
      const single = sep === 'space' || (sep === 'spaces' && cells.length < header.length - 1);
      return single ? joinWrappedChars(cellsOf(s, 'space').filter(Boolean)) : cells;
    };
    const isRow = (s: string) => {
      const cells = split(s);
      // "索引号: | … | 成文日期: | …": a page's label and value fields after the table, no row
      return cells.length >= 2 && (!numbered || /^\d{1,4}$/.test(cells[0]!)) && !/[:：]$/.test(cells[0]!);
    };
    const isSection = (s: string) => s.length <= 30 && SECTION_ROW.test(s) && cellsOf(s, sep).filter(Boolean).length === 1;
    let j = below ? below.next : i + 1;
    for (; j < lines.length; j += 1) {
      const s = lines[j]!.trim();
      if (!s || /^[-—=|｜+\s]+$/.test(s)) continue;
      if (isSection(s)) { rows.push([s]); continue; }
      const sub = below && rows.length > 1 ? cellsOf(s, sep).filter(Boolean) : [];
      if (below && sub.length && sub.length <= below.span && !/^\d{1,4}$/.test(sub[0]!)) {
        const prev = rows[rows.length - 1]!;
        sub.forEach((c, k) => { const at = header.length - below.span + k; prev[at] = prev[at] ? `${prev[at]}；${c}` : c; });
        continue;
      }
      // empty cells closing a "|" row stand for cells merged from the rows above, on its left
      if (isRow(s)) { rows.push(fit(split(s), header, sep === 'pipe' && /[|｜]\s*[|｜]\s*$/.test(s))); continue; }
      // a wrapped cell: only between rows, never after the last one
      const next = lines.slice(j + 1).find((l) => l.trim())?.trim() ?? '';
      const prev = rows[rows.length - 1]!;
      if (prev.length > 1 && numbered && (isRow(next) || isSection(next))) { continueRow(prev, lines[j]!, headerCols, sep); continue; }
      break;
    }
    while (rows.length && rows[rows.length - 1]!.length === 1) rows.pop();
    if (rows.length >= 2) out.push(rows);
    i = j - 1;
  }
  return out;
}

/** A row of a "|" table: its number, then its cells ("1 | 完成甲改造。 | 县甲局 | 已完成… |"). */
const PIPE_ROW = /^\s*(\d{1,3})\s*[|｜](.+)$/;

/**
 * A "|" table whose header the page cut off (an excerpt starting at row 1): three or more rows,
 * numbered upwards, each with a text cell after its number and a cell of unit names in the same
 * column. The header is read from the rows: 序号, the task (the first text cell), the unit cell's
 * column, and a column of times where every row has one. Lines holding only "|" between rows
 * are the rows' empty ends.
 */
function headerlessPipeBlocks(lines: string[]): string[][][] {
  const out: string[][][] = [];
  let rows: { num: number; cells: string[] }[] = [];
  const flush = () => {
    const grid = headerlessGrid(rows);
    if (grid) out.push(grid);
    rows = [];
  };
  for (const line of lines) {
    const m = PIPE_ROW.exec(line);
    if (m) {
      const num = Number(m[1]);
      if (rows.length && !(num > rows[rows.length - 1]!.num && num <= rows[rows.length - 1]!.num + 12)) flush();
      rows.push({ num, cells: cellsOf(m[2]!, 'pipe').filter(Boolean) });
    } else if (line.trim() && !/^[\s|｜]+$/.test(line)) flush();
  }
  flush();
  return out;
}

function headerlessGrid(rows: { num: number; cells: string[] }[]): string[][] | null {
  if (rows.length < 3) return null;
  const width = Math.min(...rows.map((r) => r.cells.length));
  if (width < 2) return null;
  const every = (col: number, test: (c: string) => boolean) => rows.every((r) => test(r.cells[col]!));
  const unitCol = [...Array(width).keys()].find((k) => k > 0 && every(k, unitLike));
  if (unitCol === undefined || !every(0, (c) => c.length >= 4 && !unitLike(c))) return null;
  const timeCol = [...Array(width).keys()].find((k) => k > 0 && k !== unitCol && every(k, isTimeCell));
  const cols = [0, unitCol, ...(timeCol !== undefined ? [timeCol] : [])];
  return [['序号', '工作任务', '责任单位', ...(timeCol !== undefined ? ['完成时限'] : [])], ...rows.map((r) => [String(r.num), ...cols.map((k) => r.cells[k]!)])];
}

/** Every task-table-like block of a plain text, as rows of cells. */
export function textTables(text: string): string[][][] {
  const lines = text.split('\n');
  const found = [...boxTables(lines), ...tabBlocks(lines), ...laidOutBlocks(lines), ...cellLineBlocks(lines)];
  return found.length ? found : headerlessPipeBlocks(lines);
}
