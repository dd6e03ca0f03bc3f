/**
 * One sheet per plan in the shape offices hand upward: 序号、任务、牵头单位、责任单位、
 * 完成时限、目标、最新进展、进度%、状态、最近报送时间、延期情况, status cells filled red,
 * yellow or green, header frozen, widths sized for Chinese text. A hidden last column
 * carries the task id so an edited sheet can be read back (import.ts).
 */
import { statusLabel } from '../render/labels.ts';
import type ExcelJS from 'exceljs';
import { chineseDate, shanghaiDay } from '../lib/shanghai.ts';
import { shanghaiStamp } from './format.ts';
import { fill, labels } from './labels.ts';
import type { LedgerPlan, LedgerTask } from './model.ts';
import { paintStatus, printSetup, styleBody, styleHeader, styleTitle } from './sheet-style.ts';

/** Column order and widths (in characters; a Chinese character is about two). */
export const PLAN_COLUMNS = [
  { key: 'seq', width: 9 },
  { key: 'title', width: 40 },
  { key: 'leads', width: 16 },
  { key: 'others', width: 22 },
  { key: 'due', width: 17 },
  { key: 'targets', width: 36 },
  { key: 'latest', width: 40 },
  { key: 'percent', width: 8 },
  { key: 'status', width: 10 },
  { key: 'lastReport', width: 19 },
  { key: 'extension', width: 26 },
  { key: 'signing', width: 30 },
  { key: 'evidence', width: 30 },
  { key: 'id', width: 38 },
] as const;
export type PlanColumn = (typeof PLAN_COLUMNS)[number]['key'];

/** Rows above the data: the title, then the header. */
export const HEADER_ROW = 2;

const names = (u: { name: string }[]) => u.map((x) => x.name).join('、');

/** The cell values of a task's row, by column. */
export function taskCells(t: LedgerTask): Record<PlanColumn, string | number> {
  return {
    seq: t.path, title: t.title, leads: names(t.leads), others: names(t.others), due: t.dueText,
    targets: t.targets.join('\n'), latest: t.latest, percent: t.percent, status: statusLabel(t.status),
    lastReport: t.lastReportAt ? shanghaiStamp(t.lastReportAt) : '', extension: t.extensionText, signing: t.signingText, evidence: evidenceText(t.evidence), id: t.id,
  };
}

/** 佐证材料 cell: "3份：验收报告.pdf、现场照片1.png、…" (the files themselves: the task's page on the dashboard). */
function evidenceText(names: string[]): string {
  if (!names.length) return '';
  const shown = names.slice(0, 5).join('、');
  return `${names.length}份：${shown}${names.length > 5 ? '等' : ''}`;
}

export function addPlanSheet(wb: ExcelJS.Workbook, name: string, plan: LedgerPlan, now: Date, opts: { baseUrl?: string } = {}): ExcelJS.Worksheet {
  const l = labels();
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }] });
  ws.columns = PLAN_COLUMNS.map((c) => ({ key: c.key, width: c.width, hidden: c.key === 'id' }));
  const last = PLAN_COLUMNS.length - 1;
  styleTitle(ws.addRow([fill(l.sheetTitle, { plan: plan.origin ? `${plan.title}（${plan.origin}）` : plan.title, asOf: chineseDate(shanghaiDay(now)) })]), last);
  styleHeader(ws.addRow(PLAN_COLUMNS.map((c) => l.columns[c.key])));
  for (const t of plan.tasks) {
    const row = ws.addRow(taskCells(t));
    styleBody(row, PLAN_COLUMNS.length);
    row.getCell('percent').numFmt = '0"%"';
    row.getCell('percent').alignment = { horizontal: 'center', vertical: 'top' };
    row.getCell('seq').alignment = { horizontal: 'center', vertical: 'top' };
    paintStatus(row.getCell('status'), t.status);
    // the files open from the task's page on the dashboard (admins logged in, or a dashboard link)
    if (opts.baseUrl && t.evidence.length) row.getCell('evidence').value = { text: String(row.getCell('evidence').value), hyperlink: `${opts.baseUrl.replace(/\/$/, '')}/dashboard/task/${t.id}` };
  }
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: last } };
  printSetup(ws, `1:${HEADER_ROW}`);
  return ws;
}

/** Columns the record fills (reports, status): shown, never read back as edits. */
export const READONLY_COLUMNS = ['seq', 'latest', 'percent', 'status', 'lastReport', 'extension', 'signing', 'evidence'] as const satisfies readonly PlanColumn[];

/** The read-only cells as text, kept in the snapshot so an edit to them can be reported. */
export function shownCells(t: LedgerTask): Record<string, string> {
  const c = taskCells(t);
  return Object.fromEntries(READONLY_COLUMNS.map((k) => [k, String(c[k])]));
}

/** A legal, unique sheet name (≤31 characters, none of []:*?/\). */
export function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, '').trim().slice(0, 28) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name); i += 1) name = `${base}(${i})`;
  taken.add(name);
  return name;
}
