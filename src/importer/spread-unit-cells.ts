/**
 * A task table flattened to text, one cell per line, whose unit column is merged over several
 * rows: the header names the column on a line of its own ("责任科室", "落实单位(部门)"), and
 * after the numbered requirements of a group comes one line holding only unit names, often
 * with a role tail ("A科、B中心按职责分工落实"). That line is the unit cell of every numbered
 * item since the previous unit cell (labelling rules §4: unit columns of a task table). It is
 * written back as a "责任单位：…" field under each of those items, so that the item-level
 * reader sees it; the unit cells of the items' sub-rows ("——…" lines, each with its own) add
 * their names to it. Tables whose rows carry a 序号 cell are left to the row reader. A cell cut off by the end of the text ("…按职责分工落") still names its units.
 *
 * With the header cut off (a page excerpt starting mid-table), the same table is seen by its
 * rows: numbered items each followed by lines holding nothing but unit names (a 责任单位 and a
 * 配合单位 cell) and perhaps a person's name (责任人), in a text that marks no unit otherwise.
 * Unit lines before the first item belong to a row whose task cell is not there and are left.
 */
import { isBodyName, isUnitName, splitUnits } from './split-units.ts';
import { isPersonCell } from './table-cells.ts';
import { hasUnitMarker } from './extract-units.ts';

/** A header cell naming a unit column, alone on its line. */
const COLUMN = /^(?:落实|责任|牵头|承办|负责|主责|实施|责任落实)(?:科室|单位|部门|处室|股室)(?:[(（/、]?(?:科室|单位|部门|处室)[)）]?)?$/;
const ITEM = /^(?:\d{1,3}[.．、](?!\d)|[(（]\d{1,3}[)）])\s*\S/;
const OUTLINE = /^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])/;
/** Role tails closing a cell; the end of a text may cut one off anywhere ("按职责分"). */
const TAILS = ['按职责分工落实', '按职责分工负责', '按照职责分工落实', '按照职责分工负责', '按职责落实', '按职责负责'];
const ROLE_END = /(?:负责落实|抓好落实|落实|负责|牵头)$/;

function withoutTail(s: string): string {
  const at = s.lastIndexOf('按');
  if (at > 0 && TAILS.some((t) => t.startsWith(s.slice(at)))) return s.slice(0, at);
  return s.replace(ROLE_END, '');
}

/** The unit names of a line that holds nothing else, or null. */
export function unitCellNames(line: string): string[] | null {
  const s = line.replace(/[|｜]\s*$/, '').trim();
  if (!s || s.length > 80 || ITEM.test(s) || OUTLINE.test(s) || /[。；;:：]/.test(s)) return null;
  const list = withoutTail(s).replace(/等(?:有关|相关)?(?:部门|单位|科室)?$/, '');
  const names = splitUnits(list);
  return names.length && names.every(isUnitName) ? names : null;
}

/** Writes each merged unit cell of a flattened task table back under the items it covers. */
export function spreadUnitCells(text0: string): string {
  const text = continuedFields(text0);
  const lines = text.split('\n');
  const header = lines.findIndex((l) => COLUMN.test(l.replace(/[|｜\s]/g, '')));
  if (header < 0) return rowUnitCells(lines) ?? text;
  // a table whose rows carry a 序号 cell of their own is read row by row (extract-flat-tables)
  if (lines.slice(header + 1).some((l) => /^\d{1,3}\s*[|｜]?$/.test(l.trim()))) return text;
  const blocks: string[][] = [lines.slice(0, header + 1)];
  let pending: string[][] = [];
  // the unit cell last written, which the cells of the same items' sub-rows ("——…") add to
  let last: { fields: { block: string[]; at: number }[]; names: string[] } | null = null;
  let spread = 0;
  for (const line of lines.slice(header + 1)) {
    const t = line.trim();
    if (ITEM.test(t)) { const b = [line]; blocks.push(b); pending.push(b); last = null; continue; }
    if (OUTLINE.test(t)) { pending = []; last = null; }
    const names: string[] | null = pending.length || last ? unitCellNames(t) : null;
    if (!names) { blocks[blocks.length - 1]!.push(line); continue; }
    if (!pending.length && last) {
      last.names = [...new Set([...last.names, ...names])];
      for (const f of last.fields) f.block[f.at] = `责任单位：${last.names.join('、')}`;
      continue;
    }
    for (const b of pending) b.push(`责任单位：${names.join('、')}`);
    last = { fields: pending.map((b) => ({ block: b, at: b.length - 1 })), names };
    spread += 1;
    pending = [];
  }
  return spread ? blocks.flat().join('\n') : text;
}

/**
 * A headerless flattened table: every numbered item whose text is followed by unit-name lines
 * (then perhaps a 责任人 line) gets those names as its "责任单位：" field. Needs two such rows, and
 * no unit marker anywhere else in the text (a plan that marks its units is not a bare table).
 */
function rowUnitCells(lines: string[]): string | null {
  const out: string[] = [];
  let item = false;
  let rows = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (ITEM.test(t)) item = true;
    // "抄送:…", "附件:…": the text after the items, whose lines of names are no row's cells
    else if (/^[\u4e00-\u9fff]{2,8}\s*[:：]/.test(t)) item = false;
    const names: string[] = [];
    let j = i;
    while (item && !ITEM.test(t) && j < lines.length) {
      const cell = unitCellNames(lines[j]!.trim());
      if (!cell) break;
      names.push(...cell);
      j += 1;
    }
    if (!names.length) { out.push(lines[i]!); continue; }
    out.push(`责任单位：${[...new Set(names)].join('、')}`);
    // the row's 责任人 cell: a person, never a unit
    while (j < lines.length && isPersonCell(lines[j]!.trim())) j += 1;
    rows += 1;
    item = false;
    i = j - 1;
  }
  // the text-wide marker test last: it is the costly one, and most texts have no such rows
  return rows >= 2 && !hasUnitMarker(lines.join('\n')) ? out.join('\n') : null;
}

/** A unit field with its value on its line: "配合单位:县发改委、环保局". */
const UNIT_FIELD = /(?:单位|部门|科室|处室|股室)\s*[:：]\s*[^:：\s]/;

/**
 * A unit field wrapped onto the next line ("配合单位:县发改委、环保局" / "各乡镇(街道)、黎阳建管办"):
 * a line of nothing but names right after it continues its list.
 */
function continuedFields(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    const names = prev !== undefined && UNIT_FIELD.test(prev) && !/[。；;]\s*$/.test(prev) ? unitCellNames(line.trim()) : null;
    // not the rest of a name the line broke ("…、园区党工" / "委、…", "…、高新区" / "党工委和管委会、…"):
    // the line before ends in a body's whole name, and the next opens with a name of its own (the two
    // read together are no body: "各乡镇人" + "民政府" is one)
    const lastBefore = prev?.split(/[:：、，,]/).pop()?.trim() ?? '';
    if (names && names[0]!.length >= 3 && isUnitName(lastBefore) && isBodyName(lastBefore) && !isBodyName(lastBefore + names[0]!)) out[out.length - 1] = `${prev!.replace(/[、，,\s]+$/, '')}、${names.join('、')}`;
    else out.push(line);
  }
  return out.length === lines.length ? text : out.join('\n');
}
