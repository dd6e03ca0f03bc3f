/** The 定期报送 sheet: each recent cycle's 报送率 by unit (added only when some plan or task has a report cycle). */
import type ExcelJS from 'exceljs';
import { chineseDate, shanghaiDay } from '../lib/shanghai.ts';
import { percentText } from './format.ts';
import { fill, labels } from './labels.ts';
import { unitsOf, type LedgerPlan } from './model.ts';
import { cycleRates, type CycleRate } from './signing.ts';
import { printSetup, styleBody, styleHeader, styleTitle } from './sheet-style.ts';

const COLUMNS = [['cycle', 44], ['unit', 22], ['expected', 10], ['reported', 10], ['rate', 10]] as const;

/** Every unit's 报送率 in the last three cycles that began by `now`, latest cycle first. */
export function planCycleRates(plans: LedgerPlan[], now: Date): CycleRate[] {
  const tasks = plans.flatMap((p) => p.tasks).map((t) => ({ cycle: t.cycle, state: t.state, createdAt: t.createdAt, doneAt: t.doneAt, units: unitsOf(t), reportTimes: t.reportTimes }));
  return cycleRates(tasks, now);
}

export function addCycleSheet(wb: ExcelJS.Workbook, rates: CycleRate[], now: Date): void {
  const l = labels().cycles;
  const ws = wb.addWorksheet(l.sheet, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = COLUMNS.map(([key, width]) => ({ key, width }));
  styleTitle(ws.addRow([fill(l.title, { asOf: chineseDate(shanghaiDay(now)) })]), COLUMNS.length);
  styleHeader(ws.addRow(COLUMNS.map(([key]) => l.columns[key] ?? key)));
  for (const r of rates) styleBody(ws.addRow([r.cycle, r.unit.name, r.expected, r.reported, percentText(r.reported, r.expected)]), COLUMNS.length);
  printSetup(ws, '1:2');
}
