/** The 全程留痕 sheet: every event of every task, task by task, with Shanghai times. */
import type ExcelJS from 'exceljs';
import { shanghaiStamp } from './format.ts';
import { labels } from './labels.ts';
import type { LedgerPlan } from './model.ts';
import type { TrailEvent } from './trail.ts';
import { printSetup, styleBody, styleHeader } from './sheet-style.ts';

const COLUMNS = [['plan', 20], ['seq', 9], ['title', 30], ['at', 19], ['event', 14], ['who', 18], ['content', 60]] as const;

export function addTrailSheet(wb: ExcelJS.Workbook, plans: LedgerPlan[], trail: Map<string, TrailEvent[]>): ExcelJS.Worksheet {
  const l = labels();
  const ws = wb.addWorksheet(l.trailSheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map(([key, width]) => ({ key, width }));
  styleHeader(ws.addRow(COLUMNS.map(([key]) => l.trailColumns[key] ?? key)));
  for (const p of plans) {
    for (const t of p.tasks) {
      for (const e of trail.get(t.id) ?? []) {
        styleBody(ws.addRow([p.title, t.path, t.title, shanghaiStamp(e.at), e.label, e.who, e.content]), COLUMNS.length);
      }
    }
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  printSetup(ws, '1:1');
  return ws;
}
