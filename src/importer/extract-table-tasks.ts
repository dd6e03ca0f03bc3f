/**
 * Tasks given as a table (the 附件 "工作计划表/任务分工表"): a header row naming columns
 * such as 序号、工作任务、牵头单位、责任单位、配合单位、完成时限, optional section rows
 * ("一、…" across the table), then one task per row. Paths are section + 序号 (六.68) or
 * the 序号 alone. Unit columns give the roles their header states.
 */
import { markerOf } from './segment.ts';
import { columnKind } from './extract-flat-tables.ts';
import { unitsOfCell, type UnitRole } from './extract-units.ts';
import { ASSIST_WORD } from './unit-roles.ts';
import { isUnitCell } from './table-cells.ts';
import type { UnitAssignment } from './extract-units.ts';

export interface TableTask {
  path: string;
  pathKey: string;
  title: string;
  text: string;
  assignment: UnitAssignment;
  /** the 完成时限 cell, to be read as a deadline field */
  deadlineCell: string;
  /** what a person should check (unit names cut apart) */
  warnings: string[];
}

interface Columns { seq: number; task: number; lead: number[]; assist: number[]; owner: number[]; time: number }

const TASK_HEAD = /任务|工作|措施|举措|事项|内容|项目名称/;
/** Headers naming the task itself, as against its content or measures. */
const NAME_HEAD = /(?:任务|事项|名称|项目|工作)$/;
const CONTENT_HEAD = /内容|措施|举措|要求|目标|说明/;
const NOT_TASK_HEAD = /序号|编号|单位|部门|时限|时间|期限|类别|分类|领域|目标|指标|备注|责任人|领导|进度/;

const NOT_TASK_KIND = ['status', 'person', 'time', 'seq'];
/** A 序号 cell: "12", or an item of a row, "1.2". */
const SEQ = /^\d{1,4}(?:\.\d{1,3})?$/;

function findColumns(row: string[], body: string[][]): Columns | null {
  const h = row.map((c) => c.replace(/\s+/g, ''));
  const idx = (re: RegExp) => h.map((c, i) => (re.test(c) ? i : -1)).filter((i) => i >= 0);
  // "目标任务", "任务目标" name the task although they speak of goals; progress, people and times never do ("下一步工作打算")
  const taskCands = h.map((c, i) => ((TASK_HEAD.test(c) || columnKind(c) === 'task') && (!NOT_TASK_HEAD.test(c) || /(?:任务|事项)$|^(?:任务|事项)/.test(c)) && !NOT_TASK_KIND.includes(columnKind(c)!) ? i : -1)).filter((i) => i >= 0);
  if (!taskCands.length) return null;
  const avg = (i: number) => body.reduce((n, r) => n + (r[i]?.length ?? 0), 0);
  // "工作任务 | 具体内容": the task is the named column, its content only the explanation
  const named = taskCands.filter((i) => NAME_HEAD.test(h[i]!) && !CONTENT_HEAD.test(h[i]!));
  // …unless the named column is a category over several rows ("重点任务" merged, blank or
  // repeated below) while another column has a cell of its own in every row: that is the task
  const rows = body.filter((r) => r.filter((c) => c.trim()).length > 1);
  const cell = (r: string[], i: number) => (r[i] ?? '').replace(/\s+/g, '');
  const own = (i: number) => rows.length >= 2 && rows.every((r) => cell(r, i)) && new Set(rows.map((r) => cell(r, i))).size === rows.length;
  const categories = named.length > 0 && named.every((i) => !own(i)) && taskCands.some((i) => !named.includes(i) && own(i));
  const pool = categories ? taskCands.filter((i) => !named.includes(i) && own(i)) : named.length && named.length < taskCands.length ? named : taskCands;
  // a column whose cells carry the rows' own numbers, counting up ("1、…", "2、…", "3、…"), holds the items, whatever
  // its header says (a cell's own steps, "1.…2.…" in every row, count nothing)
  const rowNumbers = (i: number) => rows.map((r) => /^(\d{1,3})[、.．](?!\d)/.exec(cell(r, i))?.[1]).filter(Boolean).map(Number);
  const countsUp = (ns: number[]) => ns.length >= 2 && ns.length * 2 > rows.length && ns.every((n, k) => k === 0 || n === ns[k - 1]! + 1);
  const numberedCol = h.findIndex((_, i) => countsUp(rowNumbers(i)));
  const task = numberedCol >= 0 && !NOT_TASK_KIND.includes(columnKind(h[numberedCol]!)!) ? numberedCol : pool.sort((a, b) => avg(b) - avg(a))[0]!;
  // 牵头领导 / 责任人 columns name people, not units
  const person = idx(/领导|责任人|联系人|分管|负责人/);
  const lead = idx(/牵头/).filter((i) => !person.includes(i));
  const assist = idx(ASSIST_WORD).filter((i) => !lead.includes(i) && !person.includes(i));
  // a column of units by any name the header words know (检查主体, 股室, 责任科室) as well
  const owner = h.map((c, i) => (/责任单位|责任部门|承办|实施单位|落实单位|责任主体|主办|主责|单位/.test(c) || columnKind(c) === 'owner' ? i : -1))
    .filter((i) => i >= 0 && !lead.includes(i) && !assist.includes(i) && !person.includes(i));
  const time = idx(/时限|时间|期限|节点/)[0] ?? -1;
  if (!lead.length && !assist.length && !owner.length && time < 0) return null;
  return { seq: idx(/^(?:序号|编号|序|No\.?)$/i)[0] ?? -1, task, lead, assist, owner, time };
}

function sectionOf(row: string[]): { seg: string } | null {
  const cells = [...new Set(row.map((c) => c.trim()).filter(Boolean))];
  if (cells.length !== 1) return null;
  const m = markerOf(cells[0]!);
  return m && (m.kind === 'cn' || m.kind === 'cnParen') ? { seg: m.seg } : null;
}

/** A category cell that is a section heading: "四、教育文化". */
function categorySection(cell: string): string | null {
  const m = markerOf(cell.trim());
  return m && m.kind === 'cn' && m.rest.length >= 2 && m.rest.length <= 16 && !/[。；;，,]/.test(m.rest) ? m.seg : null;
}

function titleOfCell(cell: string): string {
  const s = cell.replace(/\s+/g, '');
  const i = s.indexOf('。');
  return (i >= 0 ? s.slice(0, i) : s).replace(/^\d{1,3}[.、]\s*/, '');
}

function assignmentOf(row: string[], cols: Columns, warnings: string[] = [], runTogether = false): UnitAssignment {
  const marked: { name: string; role: UnitRole; cutFrom?: string }[] = [];
  for (const i of cols.lead) marked.push(...unitsOfCell(row[i] ?? '', 'lead', { runTogether }));
  for (const i of cols.owner) marked.push(...unitsOfCell(row[i] ?? '', 'owner', { runTogether }));
  for (const i of cols.assist) marked.push(...unitsOfCell(row[i] ?? '', 'assist', { runTogether }));
  // a row a merged cell shortened has its cells shifted left: its unit columns are empty and the
  // cell before them is its list of units
  const unitCells = [...cols.lead, ...cols.owner, ...cols.assist];
  if (!marked.length && unitCells.length && unitCells.every((i) => !(row[i] ?? '').trim())) {
    const left = Math.min(...unitCells) - 1;
    if (left > cols.task && left !== cols.seq && isUnitCell(row[left] ?? '')) marked.push(...unitsOfCell(row[left]!, 'owner', { runTogether }));
  }
  for (const cut of new Set(marked.map((m) => m.cutFrom).filter(Boolean))) {
    warnings.push(`责任单位“${cut}”中没有分隔符，已拆分为${marked.filter((m) => m.cutFrom === cut).map((m) => m.name).join('、')}，请核对`);
  }
  const units = [...new Set(marked.map((m) => m.name))];
  const lead = new Set(marked.filter((m) => m.role === 'lead').map((m) => m.name));
  const assist = new Set(marked.filter((m) => m.role === 'assist' && !lead.has(m.name)).map((m) => m.name));
  return { units, leadUnits: units.filter((u) => lead.has(u)), assistUnits: units.filter((u) => assist.has(u)) };
}

/** Adds a continuation row to its task: text, units (with their roles) and time, and says so. */
function continueRow(task: TableTask, row: string[], cols: Columns, flattened: boolean): void {
  const a = assignmentOf(row, cols, task.warnings, flattened);
  const add = (to: string[], from: string[]) => { for (const u of from) if (!to.includes(u)) to.push(u); };
  add(task.assignment.units, a.units);
  add(task.assignment.leadUnits, a.leadUnits);
  add(task.assignment.assistUnits, a.assistUnits.filter((u) => !task.assignment.leadUnits.includes(u)));
  task.text = `${task.text}\n${row.filter(Boolean).join('\n')}`;
  // a task cell wrapped mid-sentence ("…完善甲制度," / "建立甲台账。") goes on in the title
  const more = (row[cols.task] ?? '').trim();
  if (more && /[，,、]$/.test(task.title)) task.title = titleOfCell(task.title + more);
  const time = cols.time >= 0 ? (row[cols.time] ?? '').trim() : '';
  if (time) task.deadlineCell = task.deadlineCell ? `${task.deadlineCell}；${time}` : time;
  task.warnings.push('表格中序号为空的一行已并入本项，请核对');
}

/**
 * The items of another document a row reports on, each under its own number ("56.做好…",
 * "86.深入推进…" in one 工作任务 cell of a 落实情况 table): each is a task of the row. Numbers
 * that run 1, 2, 3 … are the points of one task (§1.5), and a cell without them is one task.
 */
function citedItems(cell: string): ({ num: number; text: string } | null)[] {
  const lines = cell.split('\n').map((l) => l.trim()).filter(Boolean);
  const items = lines.map((l) => /^(\d{1,3})[.、．]\s*(?=[\u4e00-\u9fff])/.exec(l)).flatMap((m, i) => (m ? [{ num: Number(m[1]), text: lines[i]!.slice(m[0].length) }] : []));
  if (items.length < 2 || items[0]!.num === 1) return [null];
  return items;
}

const HEADER_CELL = /^(?:序号|编号|[\u4e00-\u9fff]{0,6}(?:任务|工作|措施|举措|事项|内容|名称|目标|单位|部门|领导|责任人|时限|时间|期限|节点|备注))$/;
const headerLike = (row: string[]) => row.filter((c) => HEADER_CELL.test(c.replace(/\s+/g, ''))).length >= Math.max(3, row.length - 1);

/**
 * A header over two rows ("责任单位" spanning "牵头单位 | 配合单位" below it) becomes one
 * row: where the lower cell differs from the upper one, the lower one names the column.
 */
function mergeTwoRowHeader(table: string[][]): string[][] {
  const at = table.findIndex(headerLike);
  const next = table[at + 1];
  if (at < 0 || !next || !headerLike(next) || next.length !== table[at]!.length) return table;
  const merged = table[at]!.map((c, i) => (next[i] && next[i] !== c ? next[i]! : c));
  return [...table.slice(0, at), merged, ...table.slice(at + 2)];
}

/**
 * Tasks of one table, or [] when it is not a task table. `flattened`: the table was read back
 * from text, where unit names may have lost the separators between them.
 */
export function tableTasks(table0: string[][], flattened = false): TableTask[] {
  const table = mergeTwoRowHeader(table0);
  const at = table.findIndex((r, i) => findColumns(r, table.slice(i + 1)) !== null);
  if (at < 0) return [];
  const cols = findColumns(table[at]!, table.slice(at + 1))!;
  const header = table[at]!.join('|');
  const out: TableTask[] = [];
  let section: string | null = null;
  let sectionNum = 0;
  let running = 0;
  let numbered = false;
  for (const row of table.slice(at + 1)) {
    if (row.join('|') === header) continue;
    const sec = sectionOf(row);
    if (sec) { section = sec.seg; sectionNum += 1; continue; }
    const taskCell = (row[cols.task] ?? '').trim();
    if (!taskCell) continue;
    // a category cell merged over its rows ("四、教育文化" in the first of them) is their section
    const merged = cols.task > 0 && cols.seq !== 0 ? categorySection(row[0] ?? '') : null;
    if (merged && merged !== section) { section = merged; sectionNum += 1; }
    const seqCell = cols.seq >= 0 ? (row[cols.seq] ?? '').trim() : '';
    // a row without its 序号 under a numbered row carries that row on (a cell wrapped into a
    // second row, or a 序号 merged over sub-rows): it is the same task
    const prev = out[out.length - 1];
    if (cols.seq >= 0 && !seqCell && prev && numbered) {
      continueRow(prev, row, cols, flattened);
      continue;
    }
    // a 序号 may number an item of a row (1.1, 1.2: read-box-tables numbers the items under a merged 序号)
    numbered = SEQ.test(seqCell);
    running += 1;
    // without a 序号 column, the number the task cell opens with ("14.改扩建…") is the row's
    const ownNum = /^(\d{1,3})[.、．]\s*[^\d\s]/.exec(taskCell.replace(/\s+/g, ''));
    const seq = SEQ.test(seqCell) ? seqCell : cols.seq < 0 && ownNum ? ownNum[1]! : String(running);
    const path = section ? `${section}.${seq}` : seq;
    const keyHead = section ? `${markerOf(`${section}、x`)?.num ?? sectionNum}.` : '';
    const warnings: string[] = [];
    const assignment = assignmentOf(row, cols, warnings, flattened);
    const deadlineCell = cols.time >= 0 ? (row[cols.time] ?? '') : '';
    for (const item of citedItems(taskCell)) {
      out.push({
        path: item ? `${path}.${item.num}` : path,
        pathKey: `${keyHead}${seq}${item ? `.${item.num}` : ''}`,
        title: titleOfCell(item ? item.text : taskCell),
        text: item ? item.text : row.filter(Boolean).join('\n'),
        assignment: item ? { units: [...assignment.units], leadUnits: [...assignment.leadUnits], assistUnits: [...assignment.assistUnits] } : assignment,
        deadlineCell,
        warnings: [...warnings],
      });
    }
  }
  return out;
}
