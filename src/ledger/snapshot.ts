/**
 * What a ledger looked like when exported, kept in a very hidden sheet: which sheet is
 * which plan, and each task's editable facts. On import a cell counts as edited only when
 * it differs from this snapshot, so a change made in chat after the export is never
 * undone by an old workbook.
 */
import type ExcelJS from 'exceljs';
import { z } from 'zod';
import type { LedgerTask } from './model.ts';
import { cellText } from './read-cells.ts';

export const META_SHEET = '_duban';
const MARK = 'duban-ledger';

export const Due = z.object({ date: z.string().nullable(), kind: z.enum(['date', 'inferred', 'recurring', 'ongoing', 'unknown']) });
export type Due = z.infer<typeof Due>;

export const Editable = z.object({
  title: z.string(),
  leads: z.array(z.string()),
  others: z.array(z.string()),
  due: Due,
  targets: z.array(z.string()),
});
/** The facts an office may correct in the ledger; units are unit ids. */
export type Editable = z.infer<typeof Editable>;

export function editableOf(t: LedgerTask): Editable {
  return { title: t.title, leads: t.leads.map((u) => u.id), others: t.others.map((u) => u.id), due: { date: t.due, kind: t.dueKind }, targets: t.targets };
}

/** A task as exported: its editable facts and the text of the read-only cells. */
export interface SnapshotTask {
  planId: string;
  facts: Editable;
  shown: Record<string, string>;
}

export interface Snapshot {
  exportedAt: string;
  sheets: Map<string, string>;
  tasks: Map<string, SnapshotTask>;
}

export function writeSnapshot(wb: ExcelJS.Workbook, exportedAt: Date, sheets: [string, string][], tasks: { task: LedgerTask; shown: Record<string, string> }[]): void {
  const ws = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  ws.addRow([MARK, 1, exportedAt.toISOString()]);
  for (const [name, planId] of sheets) ws.addRow(['sheet', name, planId]);
  for (const { task, shown } of tasks) ws.addRow(['task', task.id, task.planId, JSON.stringify(editableOf(task)), JSON.stringify(shown)]);
}

/** Cells as text: office suites may rewrite plain strings as rich text when re-saving. */
const text = cellText;

/** The snapshot, or null when the workbook was not exported by Duban (or the sheet was damaged). */
export function readSnapshot(wb: ExcelJS.Workbook): Snapshot | null {
  const ws = wb.getWorksheet(META_SHEET);
  if (!ws || text(ws.getCell(1, 1).value) !== MARK) return null;
  const snap: Snapshot = { exportedAt: text(ws.getCell(1, 3).value), sheets: new Map(), tasks: new Map() };
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const kind = text(row.getCell(1).value);
    if (kind === 'sheet') snap.sheets.set(text(row.getCell(2).value), text(row.getCell(3).value));
    if (kind === 'task') {
      const facts = Editable.safeParse(parseJson(text(row.getCell(4).value)));
      const shown = z.record(z.string(), z.string()).safeParse(parseJson(text(row.getCell(5).value)));
      if (facts.success) snap.tasks.set(text(row.getCell(2).value), { planId: text(row.getCell(3).value), facts: facts.data, shown: shown.success ? shown.data : {} });
    }
  });
  return snap;
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
