/**
 * Task tables as files: .xlsx through exceljs (merged cells read as their master's text,
 * so a unit written once for several rows applies to each) and .csv (RFC 4180 quoting).
 */
import ExcelJS from 'exceljs';

/** A cell's text; a date cell (a 完成时限 typed as a date) reads as it is written in Chinese, 2025年12月31日. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v instanceof Date && !Number.isNaN(v.getTime())) return `${v.getUTCFullYear()}年${v.getUTCMonth() + 1}月${v.getUTCDate()}日`;
  return (cell.text ?? '').toString().trim();
}

/** Every worksheet of a workbook as rows of cell texts. */
export async function readXlsx(buf: Buffer): Promise<string[][][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const tables: string[][][] = [];
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= ws.columnCount; c += 1) {
        const cell = row.getCell(c);
        const src = cell.isMerged ? cell.master : cell;
        cells.push(cellText(src));
      }
      if (cells.some(Boolean)) rows.push(cells);
    });
    if (rows.length) tables.push(rows);
  });
  return tables;
}

/** Parses CSV text (comma or tab separated, double-quoted fields may hold separators and newlines). */
export function parseCsv(text: string): string[][] {
  const first = text.slice(0, text.indexOf('\n') >>> 0);
  const sep = (first.match(/\t/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 1; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) { row.push(cell.trim()); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell.trim()); cell = '';
      if (row.some(Boolean)) rows.push(row);
      row = [];
    } else cell += ch;
  }
  row.push(cell.trim());
  if (row.some(Boolean)) rows.push(row);
  return rows;
}

/** Whether a text is a CSV task table: its first lines hold separated header cells. */
export function looksLikeCsv(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim()).slice(0, 5);
  if (lines.length < 2) return false;
  const header = lines.find((l) => /序号|任务|单位|时限/.test(l));
  if (!header) return false;
  const commas = (l: string) => Math.max(l.split(',').length, l.split('\t').length) - 1;
  return commas(header) >= 2 && lines.filter((l) => commas(l) >= 2).length >= Math.min(2, lines.length);
}
