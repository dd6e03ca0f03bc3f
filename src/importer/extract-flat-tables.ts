/**
 * Task tables flattened to text by a web page or a converter: the cells of a header row
 * naming the columns (序号 / 目标与任务 / 分管县领导 / 牵头责任单位 / 责任单位 / 完成时限),
 * then rows that each start at a 序号 cell. Cells stand one per line, or several on a line
 * apart by "|" or by spaces; a header word may be wrapped ("责任股室" / "(单位)") or spaced
 * out ("工 作 任 务"); 序号 may skip numbers (81, 85, 87: an extract of a longer table).
 *
 * A row's cells are fitted to the header by what each cell is — a time, a list of unit
 * names, a person's name, text — in the header's order, because merged cells leave rows with
 * fewer cells than columns. Columns of people (分管领导, 责任人) and of progress (进展情况,
 * 完成情况) are never read: they name no unit and set no deadline. A text cell and a time
 * after the row's time ("5月底前动工" / "开工建设老年大学。" / "12月底前") is a second
 * sub-row of the same task, and its time is one more deadline.
 *
 * The result is a grid (header + rows) for extract-table-tasks, which reads it like any table.
 */
import { columnKind, isPersonCell, isTimeCell, isUnitCell, startsWithTime, unitCellText, type ColKind } from './table-cells.ts';

export { columnKind, isTimeCell } from './table-cells.ts';
import { spacedHeader, splitSpacedRow, withoutPeriod } from './flat-table-spaced.ts';

/** "工 作 任 务" → "工作任务": a header word spaced out or wrapped is one word. */
function unspace(s: string): string {
  return s.replace(/\s+/g, '');
}

/** `piped`: the line marks its cells with "|" — every cell is a whole cell, not one name of a list per line */
interface Cell { text: string; lineStart: boolean; line: number; piped: boolean }

/** The cells of a text, in order: lines split at "|"; each cell remembers whether it starts its line. */
function cellStream(lines: string[]): Cell[] {
  const out: Cell[] = [];
  lines.forEach((line, i) => {
    const s = line.trim();
    if (!s) return;
    const pieces = /[|｜]/.test(s) ? s.split(/[|｜]/).map((p) => p.trim()).filter(Boolean) : [s];
    const piped = /[|｜]/.test(s);
    pieces.forEach((p, k) => out.push({ text: p, lineStart: k === 0, line: i, piped }));
  });
  return out;
}

interface Header { kinds: ColKind[]; names: string[]; end: number; spaced: boolean; piped?: boolean }

/** A header at cell `at`: three or more header cells, one naming the task, one a unit or time column. */
function headerAt(cells: Cell[], at: number): Header | null {
  const spaced = spacedHeader(cells[at]!.text);
  if (spaced && cells[at]!.lineStart) {
    const kinds = spaced.map((c) => columnKind(withoutPeriod(c))!);
    return usable(kinds) ? { kinds, names: spaced, end: at + 1, spaced: true } : null;
  }
  const names: string[] = [];
  const kinds: ColKind[] = [];
  let j = at;
  for (; j < cells.length && names.length < 12; j += 1) {
    const t = unspace(cells[j]!.text);
    // the first row's 序号 ends the header: "1" is never half of a wrapped header word
    if (/^\d{1,3}[.、]?$/.test(t)) break;
    // a wrapped header word: "责任股室" then "(单位)"
    if (names.length && /^[(（][\u4e00-\u9fff、]{1,8}[)）]$/.test(t)) { names[names.length - 1] += t; continue; }
    // a header word wrapped over two cells: "责任" + "领导", "责任" + "科室", "攻坚目标" + "任务"
    const next = j + 1 < cells.length ? unspace(cells[j + 1]!.text) : '';
    // (in a header marked with "|", a whole column word after an unknown one — "拟抽查户数" then
    // "完成时间" — is a column of its own)
    const whole = cells[j]!.piped && !columnKind(t) && next.length >= 4 && columnKind(next) !== null;
    const joined = next && !whole && columnKind(t + next);
    // (a column word whose kind the joined word would change, "考核内容" before "单位", is no half of one)
    if (joined && (!columnKind(t) || (columnKind(t) === joined && /^(?:任务|单位|部门|科室|股室|领导|时限|时间|内容|事项)$/.test(next) && !columnKind(next)?.match(/seq/)))) {
      if (!columnKind(t) || !/^(?:任务|单位|部门|科室|股室|领导|时限|时间|内容|事项)$/.test(t)) {
        names.push(t + next);
        kinds.push(joined);
        j += 1;
        continue;
      }
    }
    const k = columnKind(t) ?? (names.length >= 2 && unknownColumn(cells, j) ? 'other' : null);
    if (!k) break;
    names.push(t);
    kinds.push(k);
  }
  measureColumn(names, kinds);
  yearsUnderParent(names, kinds);
  return names.length >= 3 && usable(kinds) ? { kinds, names, end: j, spaced: false, piped: cells.slice(at, j).every((c) => c.piped) } : null;
}

/**
 * A column the reader has no word for ("检查对象", "抽查方式", "拟抽查户数"), inside a header marked
 * with "|": a short label of its own, with a known column word among the next cells, is a column
 * that is not read (the header goes on past it instead of ending there).
 */
function unknownColumn(cells: Cell[], j: number): boolean {
  const c = cells[j]!;
  const t = unspace(c.text);
  if (!c.piped || !/^[\u4e00-\u9fff()（）]{2,10}$/.test(t)) return false;
  return cells.slice(j + 1, j + 5).some((n) => n.piped && columnKind(unspace(n.text)) !== null);
}

/**
 * A two-row header flattened: "序号 | 任务事项 | 年度目标 | 牵头责任部门 | 主要参与部门 | 2018年度 | 2019年度 |
 * 2020年度" — the year columns after the last top-level column stand under the one that names years
 * (年度目标, 分年度任务), and take its place, in order.
 */
function yearsUnderParent(names: string[], kinds: ColKind[]): void {
  let first = names.length;
  while (first > 0 && YEAR_COLUMN.test(names[first - 1]!)) first -= 1;
  if (names.length - first < 2) return;
  const parent = names.slice(0, first).findIndex((n) => /年度|分年/.test(n) && !YEAR_COLUMN.test(n));
  if (parent < 0) return;
  const years = names.splice(first);
  const yearKinds = kinds.splice(first);
  names.splice(parent, 1, ...years);
  kinds.splice(parent, 1, ...yearKinds);
}

/**
 * "单位" alone beside a 年度目标 and a 责任部门 column is the unit of measure (%, 万亩), not a
 * responsible unit: with another unit column in the header, it is read as an other column.
 */
function measureColumn(names: string[], kinds: ColKind[]): void {
  const bare = names.findIndex((n) => n === '单位');
  if (bare < 0) return;
  if (kinds.some((k, i) => i !== bare && (k === 'lead' || k === 'owner'))) kinds[bare] = 'other';
}

function usable(kinds: ColKind[]): boolean {
  return kinds.includes('task') && (kinds.includes('seq') || kinds.filter((k) => k !== 'task').length >= 2)
    && kinds.some((k) => k === 'lead' || k === 'owner' || k === 'assist' || k === 'time');
}

type CellKind = 'seq' | 'time' | 'unit' | 'person' | 'section' | 'place' | 'text';

const WORK_VERB = /^(?:建设|新建|改建|扩建|推进|推动|推广|加强|加快|开展|完善|建立|落实|实施|打造|创建|整治|提升|实现|完成|组织|做好|抓好|深化|强化|优化|健全)[\u4e00-\u9fff“]{2,}/;

/** A header naming where the work is done (建设地点), not who does it. */
const PLACE_HEADER = /地点|地址|位置|区域|所在地/;
/** A cell naming places only ("某某镇", "甲镇乙镇", "相关镇(街道)"): a 建设地点, when the table has one. */
const PLACE_CELL = /^(?:[\u4e00-\u9fff]{1,8}(?:镇|乡|街道|村|社区)(?:[(（][\u4e00-\u9fff、]{1,6}[)）])?)+$/;

/** What a cell may be, most likely first: a short name may be a person or a category. */
function kindsOfCell(text: string, header: Header): CellKind[] {
  const s = text.replace(/\s+/g, '');
  // "/", "—", "无" in a unit column: the row has no such unit
  if (/^(?:[\/／\-—－]+|无)$/.test(s)) return ['unit'];
  if (/^[一二三四五六七八九十]{1,3}、[\u4e00-\u9fff]{2,12}$/.test(s)) return ['section'];
  if (isTimeCell(s)) return ['time'];
  if (isUnitCell(s) && PLACE_CELL.test(s) && header.names.some((n) => PLACE_HEADER.test(n))) return ['place', 'unit'];
  // "建设美丽牧场": a cell that opens with the verb of a work item is its text, whatever it ends with
  if (WORK_VERB.test(s) && !/(?:局|委|办|厅|中心|政府|公司)$/.test(s)) return ['text'];
  // names apart by spaces only are a unit cell too (isUnitCell reads the spaces)
  if (isUnitCell(s) || isUnitCell(text)) return ['unit'];
  if (/^[^、，,；;]+。$/.test(s) && isUnitCell(s.slice(0, -1))) return ['text', 'unit'];
  if (header.kinds.includes('person') && isPersonCell(s)) return ['person', 'text'];
  return ['text'];
}

const ACCEPTS: Record<CellKind, ColKind[]> = {
  seq: ['seq'],
  time: ['time'],
  unit: ['lead', 'owner', 'assist'],
  person: ['person'],
  section: ['category'],
  place: ['other'],
  text: ['category', 'task', 'time', 'status', 'other'],
};

/**
 * Fits a row's cells (without its 序号) to the header's columns. With as many cells as
 * columns they are taken in order; otherwise each goes to the next column, in the header's
 * order, that takes a cell of its kind. Returns the cells by column and the times of later sub-rows.
 */
function fitRow(cells0: string[], header: Header): { byCol: string[][]; section: string | null } {
  const cells = header.piped ? cells0 : joinWrappedNames(cells0);
  const n = header.kinds.length;
  const byCol: string[][] = header.kinds.map(() => []);
  let section: string | null = null;
  const seqCol = header.kinds.indexOf('seq');
  // a category column before the 序号 is read before the row (a merged cell), never in it
  const cols = header.kinds.map((_, i) => i).filter((i) => i !== seqCol && !(i === 0 && seqCol === 1 && header.kinds[0] === 'category'));
  // as many cells as columns are taken in order, unless a cell cannot stand in its column
  // (a stray figure where the time is, a second unit where the time is)
  // a column named by its year ("2018年度") holds what is due that year, in any words
  const yearColumn = (k: number) => YEAR_COLUMN.test(header.names[k] ?? '');
  const fits = (c: string, k: number) => {
    const kind = header.kinds[cols[k]!]!;
    if (kind === 'time') return isTimeCell(c) || startsWithTime(c) || yearColumn(cols[k]!);
    if (kind === 'lead' || kind === 'owner' || kind === 'assist') return kindsOfCell(c, header).includes('unit') || !c.trim();
    return true;
  };
  if (cells.length === cols.length && !header.spaced && cells.every(fits)) {
    cells.forEach((c, k) => byCol[cols[k]!]!.push(c));
    return { byCol, section };
  }
  const taskCol = header.kinds.indexOf('task');
  const timeCol = header.kinds.indexOf('time');
  const describedCol = header.kinds.findIndex((kd, i) => kd === 'task' && i !== taskCol);
  const unitCol = header.kinds.findIndex((kd) => kd === 'owner' || kd === 'lead');
  let subRow = false;
  // a last column of another office (评分部门) after the responsible one: a row's last unit cell is its
  const lastCol = n - 1;
  const assessor = header.kinds[lastCol] === 'other' && /部门|单位/.test(header.names[lastCol] ?? '');
  const kindSets = cells.map((c) => kindsOfCell(c, header));
  // text before the task column in the header (a category) only when the row has a text for every text
  // column: a row with fewer lacks the cells merged over it from above, the category first
  const textRuns = kindSets.filter((k) => k.includes('text')).length;
  const textCols = header.kinds.filter((kd) => kd === 'category' || kd === 'task').length;
  let at = 0;
  for (let i = 0; i < cells.length; i += 1) {
    const cell = cells[i]!;
    if (kindSets[i]![0] === 'section') { section = cell.replace(/\s+/g, '').split('、')[0]!; continue; }
    if (assessor && i === cells.length - 1 && kindSets[i]![0] === 'unit' && kindSets.filter((k) => k[0] === 'unit').length >= 2) { byCol[lastCol]!.push(cell); continue; }
    // (a report's cell after the row's time, "三季度增幅7.4%", is its progress, not a second time)
    const takes = (kind: CellKind, k: number) => k !== seqCol
      && (ACCEPTS[kind].includes(header.kinds[k]!) || (kind === 'time' && (header.kinds[k] === 'status' || header.kinds[k] === 'other') && timeCol >= 0 && timeCol < k && byCol[timeCol]!.length > 0))
      && cols.includes(k)
      && !(kind === 'text' && header.kinds[k] === 'category' && (textRuns < Math.max(2, textCols) || k > taskCol || byCol[taskCol]!.length > 0))
      && !(kind === 'text' && header.kinds[k] === 'time' && !startsWithTime(cell) && !(subRow && SOME_TIME.test(cell)) && !yearColumn(k))
      && !(kind === 'place' && !PLACE_HEADER.test(header.names[k]!));
    let k = at;
    while (k < n && !kindSets[i]!.some((kd) => takes(kd, k))) k += 1;
    let kind = k < n ? kindSets[i]!.find((kd) => takes(kd, k))! : kindSets[i]![0]!;
    // a second numbered task in the row ("56.做好…" then, after its report cells, "86.深入推进…"):
    // the row holds two items of the document it reports on; the cells after it fill the columns again
    if (taskCol >= 0 && at > taskCol && NUMBERED.test(cell) && byCol[taskCol]!.some((c) => NUMBERED.test(c))) {
      k = taskCol;
      kind = 'text';
    }
    // a unit after the row's last column starts a sub-row of the same task (a 民生实事 with two
    // projects, each with its unit, content and times): its cells fill the columns from the unit on
    if (k >= n && kindSets[i]![0] === 'unit' && unitCol >= 0) {
      k = unitCol;
      kind = 'unit';
      subRow = true;
    }
    if (k >= n) {
      // text or a time left after the last column: a wrapped cell or a sub-row without its own
      // unit; its text goes with the row's description, its time is one more deadline
      if (kind === 'time' && timeCol >= 0) byCol[timeCol]!.push(cell);
      else if (kind === 'text' && taskCol >= 0 && at > taskCol) byCol[describedCol >= 0 ? describedCol : taskCol]!.push(cell);
      continue;
    }
    byCol[k]!.push(cell);
    // a unit column takes one name per line; any other column one cell
    at = (kind === 'unit' && !header.piped) || (kind === 'text' && header.spaced && header.kinds[k] === 'task') ? k : k + 1;
  }
  return { byCol, section };
}

/** A column named by its year: "2018年度". */
const YEAR_COLUMN = /^((?:19|20)\d{2})\s*年度$/;

/** A cell that opens with an item number of its own: "56.做好…". */
const NUMBERED = /^\s*\d{1,3}[.、．]\s*[\u4e00-\u9fff]/;

/** A time anywhere in a sub-row's cell ("泵站改造3月开工,7月完工"). */
const SOME_TIME = /\d{1,2}\s*月|[一二三四]季度|年内|年底|年末|[上下]半年/;

/**
 * A unit name the page wrapped over two cells ("区新兴产业" / "服务中心", "区综合行政" / "执法局"):
 * a short piece that opens as a body's name does (市, 县, 区 …) but is no unit, and a short
 * organ name after it ("服务中心", "执法局") that with it makes one name.
 */
function joinWrappedNames(cells: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < cells.length; i += 1) {
    const a = cells[i]!.replace(/\s+/g, '');
    const b = (cells[i + 1] ?? '').replace(/\s+/g, '');
    if (b && /^[省市县区镇乡](?!域)[\u4e00-\u9fff()（）]{1,9}$/.test(a) && !isUnitCell(a) && /^[\u4e00-\u9fff()（）]{2,6}$/.test(b) && isUnitCell(b) && isUnitCell(a + b)) {
      out.push(a + b);
      i += 1;
    } else out.push(cells[i]!);
  }
  return out;
}

/** The grid of one flattened table: a header row (seq, task, units, time) and its rows. */
function gridOf(header: Header, rows: Row[]): string[][] {
  const keep = header.kinds.map((k, i) => (['task', 'lead', 'owner', 'assist', 'time'].includes(k) ? i : -1)).filter((i) => i >= 0);
  const task = header.kinds.indexOf('task');
  // with several task-like columns, the first that names the task is the task; the later ones
  // (内容, 措施, 安排, 目标, 情况) describe it
  const tasks = header.kinds.map((k, i) => (k === 'task' ? i : -1)).filter((i) => i >= 0);
  const named = tasks.find((i) => !/内容|措施|安排|目标|情况|要求|分解/.test(header.names[i]!)) ?? task;
  const cols = keep.filter((i) => header.kinds[i] !== 'task' || i === named);
  const label = (i: number) => ({ task: '工作任务', lead: '牵头单位', owner: '责任单位', assist: '配合单位', time: '完成时限' } as Record<string, string>)[header.kinds[i]!]!;
  // the describing columns stay with the row as its 说明, so that the row's text is whole
  const described = tasks.filter((i) => i !== named);
  const grid: string[][] = [['序号', ...cols.map(label), ...(described.length ? ['说明'] : [])]];
  let section: string | null = null;
  for (const r of rows) {
    if (r.section && r.section !== section) { section = r.section; grid.push([`${section}、`]); }
    const fitted = fitRow(r.cells, header);
    if (fitted.section && fitted.section !== section) { section = fitted.section; grid.push([`${section}、`]); }
    const cell = (i: number) => {
      const parts = fitted.byCol[i]!;
      if (header.kinds[i] === 'task') return parts.join('\n');
      // under a column named by its year ("2018年度"), what a row states is due by that year's end
      const year = YEAR_COLUMN.exec(header.names[i]!)?.[1];
      if (header.kinds[i] === 'time') return parts.map((p) => (year && !/(?:19|20)\d{2}/.test(p) ? `${year}年底前` : p)).join('；');
      return parts.map(unitCellText).join('、');
    };
    grid.push([r.seq, ...cols.map(cell), ...(described.length ? [described.map(cell).filter(Boolean).join('\n')] : [])]);
  }
  return grid;
}

const SEQ = /^(\d{1,3})(?:[.、]\s*)?$/;

interface Row { seq: string; cells: string[]; section?: string }

/**
 * A section row spanning the table ("一、2025年主要预期目标", "六、惠民生、增福祉"): a 一、 heading on
 * a line of its own, followed by a row's 序号 or by the next section row (a section whose rows
 * an extract left out). Its rows' paths are section + 序号 (六.68).
 */
const SECTION_CELL = /^([一二三四五六七八九十]{1,3})、(?=\S)[^。]{2,120}$/;
function sectionAt(cells: Cell[], j: number, header: Header): string | null {
  const c = cells[j]!;
  const m = SECTION_CELL.exec(c.text.trim());
  if (!m || !c.lineStart) return null;
  for (let k = j + 1; k < cells.length; k += 1) {
    const t = cells[k]!.text.trim();
    if (SECTION_CELL.test(t) && cells[k]!.lineStart) continue;
    const seq = SEQ.test(t.replace(/\s+/g, '')) || (header.spaced && /^\d{1,3}\s+\S/.test(t));
    return seq ? m[1]! : null;
  }
  return m[1]!;
}

/** A 序号 header cell: without one a text holds no flattened table (rows start at their 序号). */
const SEQ_HEADER = /(?:^|\n)[ \t|｜]*(?:序\s*号|编\s*号|序)(?:[ \t]*[|｜]|[ \t]*\n|[ \t]+\S)/;

/** Every flattened task table of a text, as grids. */
export function flatTables(text: string): string[][][] {
  return flatTableSpans(text).map((t) => t.grid);
}

/** A line holding "1" alone: the first row of a table whose 序号 column has another name. */
const FIRST_ROW = /(?:^|\n)[ \t]*1[ \t]*(?:\n|$)/;

/**
 * Every flattened task table of a text, with the lines it spans (0-based, first and last):
 * numbered lines inside a table's rows ("1.…2.…" in a 进展情况 cell) are cell text, not items.
 */
export function flatTableSpans(text: string): { grid: string[][]; from: number; to: number }[] {
  if (!SEQ_HEADER.test(text) && !FIRST_ROW.test(text)) return [];
  const cells = cellStream(text.split('\n'));
  const out: { grid: string[][]; from: number; to: number }[] = [];
  for (let i = 0; i < cells.length; i += 1) {
    const header = headerAt(cells, i);
    if (!header) continue;
    // a first column under another name ("任务项", "项次") whose first row is numbered 1 is the 序号
    if (!header.kinds.includes('seq') && !header.spaced && /^1[.、]?$/.test(cells[header.end]?.text.trim() ?? '') && cells[header.end]!.lineStart) {
      const kinds: ColKind[] = ['seq', ...header.kinds.slice(1)];
      if (usable(kinds)) header.kinds = kinds;
    }
    // a table whose 序号 column has no header word, after a category column merged over its rows
    // ("工作任务 | 具体要求 | 责任科室 | 时限要求" above "强化…公开 | 1 | 对…公布 | 办公室 | 年底前")
    if (!header.kinds.includes('seq') && !header.spaced && header.kinds[0] === 'task' && header.kinds.filter((k) => k === 'task').length >= 2
      && /^1[.、]?$/.test(cells[header.end + 1]?.text.trim() ?? '') && kindsOfCell(cells[header.end]?.text ?? '', header)[0] === 'text') {
      header.kinds = ['category', 'seq', ...header.kinds.slice(1)];
      header.names = [header.names[0]!, '序号', ...header.names.slice(1)];
    }
    if (!header.kinds.includes('seq') && !SEQ_HEADER.test(text) && !FIRST_ROW.test(text)) continue;
    const rows: Row[] = [];
    const categoryFirst = header.kinds[0] === 'category' && header.kinds[1] === 'seq';
    let last = 0;
    let section: string | undefined;
    let j = header.end;
    for (; j < cells.length; j += 1) {
      const c = cells[j]!;
      let text = c.text;
      const sec = sectionAt(cells, j, header);
      if (sec) { section = sec; continue; }
      // a section row whose numeral and title stand in cells of their own ("一" / "交通安全方面" / "1" …)
      const bareSection = /^([一二三四五六七八九十]{1,3})$/.exec(text.trim());
      const title = cells[j + 1]?.text.trim() ?? '';
      if (bareSection && title.length >= 2 && title.length <= 30 && !SEQ.test(title) && SEQ.test((cells[j + 2]?.text ?? '').replace(/\s+/g, ''))) {
        section = bareSection[1]!;
        j += 1;
        continue;
      }
      let m = SEQ.exec(text.replace(/\s+/g, ''));
      // a row laid out on one line with spaces: "1 居民消费价格涨幅3%左右 发展改革委"
      const inline = header.spaced && c.lineStart ? /^(\d{1,3})\s+(.+)$/.exec(text) : null;
      if (inline) { m = inline; text = inline[2]!; }
      const num = m ? Number(m[1]) : NaN;
      // after a section row the numbers may jump: an extract leaves out the rows of other sections
      const jumped = section !== undefined && section !== rows[rows.length - 1]?.section;
      // an extract of a long table jumps (6, then 52 …): a number after a complete row, before a task's text, is a row
      const nextText = cells[j + 1]?.text.replace(/\s+/g, '') ?? '';
      const extract = rows.length > 0 && rows[rows.length - 1]!.cells.length >= header.kinds.length - 2
        && nextText.length >= 10 && !isUnitCell(nextText) && !isTimeCell(nextText);
      // a number past the next one (5 after 1) is a row only once the open row is whole — its cells
      // filled, or its time given where the time is the last column — else it is a figure of the row (户数 5)
      const open = rows[rows.length - 1];
      const timeLast = header.kinds[header.kinds.length - 1] === 'time';
      const timeNext = timeLast && isTimeCell(cells[j + 1]?.text ?? '') && !open?.cells.some((x) => isTimeCell(x));
      const whole = open !== undefined && !timeNext && (open.cells.length >= header.kinds.length - 2 || (timeLast && isTimeCell(open.cells[open.cells.length - 1] ?? '')));
      const skips = num > last + 1 && !header.spaced;
      const seqOk = m && (c.lineStart || !header.spaced) && (rows.length ? num > last && ((num <= last + 12 && (!skips || whole || !header.piped)) || jumped || extract) : true);
      if (seqOk) {
        rows.push({ seq: String(num), cells: inline ? splitSpacedRow(text) : [], ...(section ? { section } : {}) });
        last = num;
        continue;
      }
      // a category cell merged over rows, in a column before the 序号 ("农业高质高效" / "1"): it
      // stands before the first row it covers; it names a group, no task, and is passed over
      if (categoryFirst && /^\d{1,3}$/.test(cells[j + 1]?.text.trim() ?? '') && Number(cells[j + 1]!.text.trim()) === last + 1
        && text.trim().length <= 16 && kindsOfCell(text, header)[0] === 'text') {
        continue;
      }
      // a second header row under merged header cells ("检查事项" over "一般事项 | 重点事项") before the first row
      if (!rows.length && header.piped && c.piped && columnKind(unspace(text)) !== null) continue;
      if (!rows.length) break;
      // a new header or a long paragraph after the last row ends the table
      if (headerAt(cells, j)) break;
      if (header.spaced && c.lineStart) { rows[rows.length - 1]!.cells.push(...splitSpacedRow(text)); continue; }
      rows[rows.length - 1]!.cells.push(text);
    }
    if (rows.length) out.push({ grid: gridOf(header, rows), from: cells[i]!.line, to: cells[j - 1]!.line });
    i = j - 1;
  }
  return out;
}
