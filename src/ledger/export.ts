/**
 * The ledger workbook (督办台账): one sheet per plan, the 汇总 sheet by unit with scores,
 * the 全程留痕 trail sheet, and a very hidden snapshot that import.ts reads back.
 * Used by `npx duban ledger export` and by "导出台账" in chat.
 */
import ExcelJS from 'exceljs';
import type { LedgerStore } from '../store/ledger.ts';
import type { AssessmentRules } from './assessment.ts';
import { loadLedger, type LedgerView } from './load.ts';
import { addPlanSheet, sheetName, shownCells } from './plan-sheet.ts';
import { addSummarySheet } from './summary-sheet.ts';
import { addTrailSheet } from './trail-sheet.ts';
import { buildTrail } from './trail.ts';
import { META_SHEET, writeSnapshot } from './snapshot.ts';
import { fill, labels } from './labels.ts';
import { chineseDate, shanghaiDay } from '../lib/shanghai.ts';

export interface ExportOptions {
  /** one plan; omitted = every active plan */
  planId?: string;
  /** only this unit's tasks */
  unitId?: string;
  now: Date;
  rules?: Partial<AssessmentRules>;
  /** PUBLIC_BASE_URL: the 佐证材料 cells link to the task's dashboard page */
  baseUrl?: string;
}

/** Builds the workbook from a loaded view and the trail records. */
export async function buildWorkbook(ledger: Pick<LedgerStore, 'trail'>, view: LedgerView, opts: { baseUrl?: string } = {}): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Duban';
  wb.created = view.now;
  const taken = new Set([labels().summarySheet, labels().trailSheet, META_SHEET]);
  const sheets: [string, string][] = [];
  for (const plan of view.plans) {
    const name = sheetName(plan.title, taken);
    addPlanSheet(wb, name, plan, view.now, opts);
    sheets.push([name, plan.id]);
  }
  addSummarySheet(wb, view.summary, view.now);
  const tasks = view.plans.flatMap((p) => p.tasks);
  addTrailSheet(wb, view.plans, buildTrail(tasks, await ledger.trail(tasks.map((t) => t.id))));
  writeSnapshot(wb, view.now, sheets, tasks.map((task) => ({ task, shown: shownCells(task) })));
  return wb;
}

/** The .xlsx bytes of the ledger at `now`. */
export async function exportLedger(ledger: Pick<LedgerStore, 'plans' | 'trail'>, opts: ExportOptions): Promise<Buffer> {
  const wb = await buildWorkbook(ledger, await loadLedger(ledger, opts), { baseUrl: opts.baseUrl });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 督办台账（2025年11月20日）.xlsx — the name the file is sent under. */
export function ledgerFileName(now: Date): string {
  return `${fill(labels().ledgerFileName, { asOf: chineseDate(shanghaiDay(now)) })}.xlsx`;
}
