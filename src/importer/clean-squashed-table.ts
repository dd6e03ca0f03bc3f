/**
 * A table whose cells a document site's preview ran together, header and rows on one line:
 * "序重点任务具体举措责任单位1开展…遏制。市农业农村局、各乡镇(街道)2全面推行…". The header is
 * read as a run of column words after 序/序号 (each a word extract-flat-tables knows), the rows
 * as the numbers 1, 2, 3 … that follow on, each standing where the row before ends (after a
 * unit's name or a stop) and opening text. Each row is laid out again as a table of one cell
 * per line: its 序号, its text up to the last stop, and what follows that stop (its units).
 * The site's page markers ("2、" opening each page) inside the table are dropped. Any other
 * text is returned as it is.
 */
import { columnKind } from './table-cells.ts';
import { isUnitName, splitUnits } from './split-units.ts';
import { splitRunTogether } from './unit-names.ts';

/** Where a row's number may stand: after the end of a name, a role word or a sentence of the row before. */
const ROW_BEFORE = /(?:[局委办府心队司院所站道镇乡区县市会部室组团社厅)）。；;”]|落实|负责|牵头|配合|参与)$/;
/** What a row's number opens: its first cell's text (not a figure and its unit: "2个", "3年"). */
const ROW_AFTER = /^[\u4e00-\u9fff“"(（](?<![年月日个项人万元亿条])/;

/** The column words of a run ("重点任务具体举措责任单位"), longest first, or null. */
function columnRun(s: string, at: number, depth = 0, failed = new Set<string>()): { words: string[]; end: number } | null {
  // the first row's number: 1, or any number in an extract that starts further on ("(上接第三版)…21树立…")
  if (depth >= 2 && /^\d{1,3}(?!\d)[\u4e00-\u9fff“"(（]/.test(s.slice(at, at + 5))) return { words: [], end: at };
  // a position that led nowhere at this depth leads nowhere again (the search stays linear)
  if (depth >= 10 || failed.has(`${at}:${depth}`)) return null;
  for (let len = 8; len >= 2; len -= 1) {
    const piece = s.slice(at, at + len);
    const kind = /^[\u4e00-\u9fff()（）]+$/.test(piece) ? columnKind(piece) : null;
    if (!kind || kind === 'seq') continue;
    // never a column word cut before its noun ("工作任务责任" | "单位…", "工作任务责" | "任单位…")
    if (/^(?:单位|部门|科室|处室|股室|时限|时间|任单位|头单位|合单位)/.test(s.slice(at + len))) continue;
    const rest = columnRun(s, at + len, depth + 1, failed);
    if (rest) return { words: [piece, ...rest.words], end: rest.end };
  }
  failed.add(`${at}:${depth}`);
  return null;
}

/** The start of each row's number, n, n + 1, n + 2 … in order, from `from` (where row n stands). */
function rowStarts(s: string, from: number): number[] {
  const starts = [from];
  for (let n = Number(/^\d+/.exec(s.slice(from))![0]) + 1; ; n += 1) {
    const num = String(n);
    let found = -1;
    for (let at = s.indexOf(num, starts[starts.length - 1]! + 1); at >= 0 && at < starts[starts.length - 1]! + 2000; at = s.indexOf(num, at + 1)) {
      if (/\d/.test(s[at - 1] ?? '') || /\d/.test(s[at + num.length] ?? '')) continue;
      if (ROW_BEFORE.test(s.slice(0, at)) && ROW_AFTER.test(s.slice(at + num.length))) { found = at; break; }
    }
    if (found < 0) return starts;
    starts.push(found);
  }
}

/** One row laid out as cells: its text up to the last stop, then what follows it. */
function rowCells(row: string): string[] {
  const stop = row.lastIndexOf('。');
  if (stop < 0 || stop === row.length - 1) return [row];
  return [row.slice(0, stop + 1), row.slice(stop + 1)];
}

/** The text with a run-together table laid out one cell per line; see the module comment. */
export function unsquashTable(text: string): string {
  const head = /序号?(?=[\u4e00-\u9fff])/g;
  for (const m of text.matchAll(head)) {
    const run = columnRun(text, m.index! + m[0].length);
    if (!run) continue;
    const kinds = run.words.map((w) => columnKind(w));
    if (!kinds.includes('task') || !kinds.some((k) => k === 'lead' || k === 'owner' || k === 'assist' || k === 'time')) continue;
    // the table runs on to the text's end; a page marker ("\n\n2、") between its pages goes
    const body = text.slice(run.end).replace(/\n+\s*\d{1,2}、(?=\S)/g, '');
    const starts = rowStarts(body, 0);
    if (starts.length < 2) continue;
    const rows = starts.map((at, k) => body.slice(at, starts[k + 1] ?? body.length));
    const lines = rows.flatMap((r) => {
      const num = /^\d+/.exec(r)![0];
      return [num, ...rowCells(r.slice(num.length))];
    });
    return [text.slice(0, m.index!), '序号', ...run.words, ...lines].join('\n');
  }
  return text;
}

/** Column words of a header whose cells ran together ("…落实措施牵头单位责任单位完成时限备注"). */
const HEADER_WORDS = /牵头(?:责任)?单位|责任单位|配合单位|协办单位|完成时限|完成时间|时间节点/g;
/** A time cell closing a row: "2022年9月底", "11月底前", "长期坚持", "2022年12月". */
const TAIL_TIME = /(?:(?:19|20)\d{2}年)?(?:\d{1,2}月(?:底|末|中旬|上旬|下旬|\d{1,2}日)?|年底|年内|上半年|下半年)(?:前|以前|完成)?$|(?:长期坚持|长期|持续推进|持续)$/;

/**
 * A table whose rows kept their own lines but whose cells ran together in each: a header line
 * of column words with no stop ("序号…落实措施牵头单位责任单位完成时限备注"), then rows whose
 * text ends in a stop followed at once by the unit cells and the time cell ("…进行督办。市甲局市乙局
 * 市级相关单位,各区县政府2022年9月底"). Each such tail is written back as the row's
 * "责任单位：" and "完成时限：" fields. Only tails that are nothing but unit names (and a time) are.
 */
export function unsquashRowTails(text: string): string {
  const lines = text.split('\n');
  // run together: no "|" and no space between its words (a header laid out in cells is the row reader's)
  const header = lines.findIndex((l) => {
    const s = l.trim();
    return s.length <= 80 && !/[\s|｜。；;，,:：()（）“”"]/.test(s) && (s.match(HEADER_WORDS) ?? []).length >= 2;
  });
  if (header < 0) return text;
  let changed = 0;
  const out = lines.map((line, i) => {
    if (i <= header) return line;
    const stop = line.lastIndexOf('。');
    const tail = stop >= 0 ? line.slice(stop + 1).trim() : '';
    if (!tail) return line;
    const time = TAIL_TIME.exec(tail);
    const list = time ? tail.slice(0, time.index) : tail;
    const names = splitUnits(list).flatMap((n) => splitRunTogether(n, isUnitName) ?? [n]);
    if (!names.length || !names.every(isUnitName)) return line;
    changed += 1;
    return [line.slice(0, stop + 1), `责任单位：${names.join('、')}`, ...(time ? [`完成时限：${time[0]}`] : [])].join('\n');
  });
  return changed ? out.join('\n') : text;
}
