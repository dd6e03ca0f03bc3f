/** Cell styles shared by the ledger sheets: status fills (red/yellow/green), header, borders. */
import type ExcelJS from 'exceljs';
import type { TaskStatus } from '../tasks/status.ts';

/** Fill and font colour per status, the traffic lights offices read at a glance. */
export const STATUS_COLORS: Record<TaskStatus, { fill: string; font: string }> = {
  overdue: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  due_soon: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  on_track: { fill: 'FFC6EFCE', font: 'FF006100' },
  done: { fill: 'FF8FD19E', font: 'FF0B4F1C' },
  review: { fill: 'FFDDEBF7', font: 'FF1F4E79' },
  ongoing: { fill: 'FFE2EFDA', font: 'FF375623' },
  unknown: { fill: 'FFEDEDED', font: 'FF595959' },
};

const thin: ExcelJS.Border = { style: 'thin', color: { argb: 'FFBFBFBF' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

export function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

export const FONT = '宋体';

export function styleTitle(row: ExcelJS.Row, lastCol: number): void {
  row.worksheet.mergeCells(row.number, 1, row.number, lastCol);
  row.height = 30;
  const c = row.getCell(1);
  c.font = { name: FONT, size: 16, bold: true };
  c.alignment = { horizontal: 'center', vertical: 'middle' };
}

export function styleHeader(row: ExcelJS.Row): void {
  row.height = 24;
  row.eachCell((c) => {
    c.font = { name: FONT, size: 11, bold: true };
    c.fill = solid('FFD9E1F2');
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
  });
}

export function styleBody(row: ExcelJS.Row, lastCol: number): void {
  for (let i = 1; i <= lastCol; i += 1) {
    const c = row.getCell(i);
    c.font = { name: FONT, size: 10.5 };
    c.alignment = { vertical: 'top', wrapText: true };
    c.border = BORDER;
  }
}

export function paintStatus(cell: ExcelJS.Cell, status: TaskStatus): void {
  const col = STATUS_COLORS[status];
  cell.fill = solid(col.fill);
  cell.font = { name: FONT, size: 10.5, bold: true, color: { argb: col.font } };
  cell.alignment = { horizontal: 'center', vertical: 'top' };
}

/** Landscape, one page wide, header rows repeated on every printed page. */
export function printSetup(ws: ExcelJS.Worksheet, titleRows: string): void {
  ws.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: titleRows, horizontalCentered: true };
}
