/** The 汇总 sheet: per unit counts by status, completion rate and assessment score, ranked. */
import type ExcelJS from 'exceljs';
import { chineseDate, shanghaiDay } from '../lib/shanghai.ts';
import { percentText, shanghaiStamp } from './format.ts';
import { fill, labels } from './labels.ts';
import type { LedgerSummary, StatusCounts } from './summary.ts';
import { paintStatus, printSetup, styleBody, styleHeader, styleTitle } from './sheet-style.ts';

const COLUMNS = [
  ['rank', 6], ['unit', 22], ['total', 9], ['done', 8], ['review', 8], ['onTrack', 9], ['dueSoon', 7], ['overdue', 7],
  ['ongoing', 9], ['unknown', 8], ['rate', 9], ['onTime', 9], ['late', 9], ['returned', 9], ['lateSign', 9], ['score', 9], ['lastReport', 19],
] as const;

function countCells(c: StatusCounts): number[] {
  return [c.done, c.review, c.on_track, c.due_soon, c.overdue, c.ongoing, c.unknown];
}

export function addSummarySheet(wb: ExcelJS.Workbook, s: LedgerSummary, now: Date): ExcelJS.Worksheet {
  const l = labels();
  const ws = wb.addWorksheet(l.summarySheet, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = COLUMNS.map(([key, width]) => ({ key, width }));
  styleTitle(ws.addRow([fill(l.summaryTitle, { asOf: chineseDate(shanghaiDay(now)) })]), COLUMNS.length);
  styleHeader(ws.addRow(COLUMNS.map(([key]) => l.summaryColumns[key] ?? key)));
  for (const u of s.units) {
    const row = ws.addRow([
      u.rank, u.name, u.total, ...countCells(u.counts), percentText(u.counts.done, u.total), u.onTime, u.late, u.returned, u.lateSign, u.score,
      u.lastReportAt ? shanghaiStamp(u.lastReportAt) : '',
    ]);
    styleBody(row, COLUMNS.length);
    if (u.counts.overdue > 0) paintStatus(row.getCell('overdue'), 'overdue');
    if (u.counts.due_soon > 0) paintStatus(row.getCell('dueSoon'), 'due_soon');
  }
  const totals = s.units.reduce((a, u) => ({ onTime: a.onTime + u.onTime, late: a.late + u.late, returned: a.returned + u.returned, lateSign: a.lateSign + u.lateSign, score: a.score + u.score }), { onTime: 0, late: 0, returned: 0, lateSign: 0, score: 0 });
  const total = ws.addRow(['', l.summaryTotal, s.total, ...countCells(s.counts), percentText(s.counts.done, s.total), totals.onTime, totals.late, totals.returned, totals.lateSign, totals.score, '']);
  styleBody(total, COLUMNS.length);
  total.font = { bold: true };
  const note = ws.addRow([fill(l.scoreNote, { ...s.rules })]);
  ws.mergeCells(note.number, 1, note.number, COLUMNS.length);
  note.getCell(1).alignment = { wrapText: true };
  printSetup(ws, '1:2');
  return ws;
}
