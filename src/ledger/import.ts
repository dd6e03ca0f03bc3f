/**
 * Reads a ledger the office edited back into a reviewed change set: corrected titles,
 * units, deadlines and targets of existing tasks, and new tasks typed into empty rows.
 * Nothing is written here; `applyLedgerChanges` (apply.ts) writes after confirmation.
 * Rows that cannot be read are listed by row number, and removed rows delete nothing.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { checkContainer, containerKind } from '../lib/container-limits.ts';
import { AppError } from '../lib/errors.ts';
import { pathKey } from '../tasks/path-key.ts';
import type { LedgerStore } from '../store/ledger.ts';
import { emptyChangeSet, type ChangeSet } from './change-set.ts';
import { dayOfDate } from './format.ts';
import { fill, labels } from './labels.ts';
import { PLAN_COLUMNS, type PlanColumn } from './plan-sheet.ts';
import { cellText, splitTargets, unitResolver } from './read-cells.ts';
import { compareRow, dueLabel, parseRow, unitsText, type RowCells, type RowContext } from './read-row.ts';
import { META_SHEET, readSnapshot, type Editable, type Snapshot } from './snapshot.ts';

interface ReadContext {
  cs: ChangeSet;
  snap: Snapshot;
  current: Map<string, Editable & { path: string }>;
  resolve: ReturnType<typeof unitResolver>;
  unitName: (id: string) => string;
  nextSeq: (planId: string) => Promise<number>;
  pathTaken: (planId: string, path: string) => Promise<boolean>;
}

const problem = (key: string, data: Record<string, unknown> = {}) => fill(labels().importProblems[key] ?? key, data);

/** Header row (within the first rows) → column number per known column. */
function findColumns(ws: ExcelJS.Worksheet): { header: number; cols: Map<PlanColumn, number> } | null {
  const byLabel = new Map(PLAN_COLUMNS.map((c) => [labels().columns[c.key], c.key]));
  for (let r = 1; r <= Math.min(6, ws.rowCount); r += 1) {
    const cols = new Map<PlanColumn, number>();
    ws.getRow(r).eachCell((c, i) => { const k = byLabel.get(cellText(c.value)); if (k) cols.set(k, i); });
    if (cols.has('title') && cols.size >= 3) return { header: r, cols };
  }
  return null;
}

async function readNewRow(x: ReadContext, ctx: RowContext, planId: string, cells: RowCells, newPaths: Set<string>): Promise<void> {
  const parsed = parseRow(cells, ctx, null);
  if ('problems' in parsed) { x.cs.problems.push({ sheet: ctx.sheet, row: ctx.row, message: parsed.problems.join('；') }); return; }
  let path = cellText(cells.seq ?? null);
  if (!path) {
    let n = await x.nextSeq(planId);
    while (newPaths.has(String(n)) || (await x.pathTaken(planId, String(n)))) n += 1;
    path = String(n);
  }
  const key = pathKey(path);
  if (!key) { x.cs.problems.push({ sheet: ctx.sheet, row: ctx.row, message: problem('badPath', { value: path }) }); return; }
  if (newPaths.has(path) || (await x.pathTaken(planId, path))) { x.cs.problems.push({ sheet: ctx.sheet, row: ctx.row, message: problem('pathTaken', { value: path }) }); return; }
  newPaths.add(path);
  x.cs.creates.push({
    kind: 'create', sheet: ctx.sheet, row: ctx.row, planId, path, pathKey: key, title: parsed.title, targets: splitTargets(parsed.targets.join('\n')),
    due: parsed.due, dueText: dueLabel(parsed.due), units: parsed.units, unitsText: unitsText(parsed.units, x.unitName),
  });
}

async function readSheet(x: ReadContext, ws: ExcelJS.Worksheet, planId: string): Promise<void> {
  const found = findColumns(ws);
  if (!found) { x.cs.problems.push({ sheet: ws.name, row: 0, message: problem('noHeader') }); return; }
  const seen = new Map<string, number>();
  const newPaths = new Set<string>();
  for (let r = found.header + 1; r <= ws.rowCount; r += 1) {
    const row = ws.getRow(r);
    const cells: RowCells = {};
    for (const [k, i] of found.cols) cells[k] = row.getCell(i).value;
    const id = cellText(cells.id ?? null);
    const editable = (['seq', 'title', 'leads', 'others', 'due', 'targets'] as const).some((k) => cellText(cells[k] ?? null));
    if (!id && !editable) continue;
    const ctx: RowContext = { sheet: ws.name, row: r, resolve: x.resolve, unitName: x.unitName };
    if (!id) { await readNewRow(x, ctx, planId, cells, newPaths); continue; }
    const snap = x.snap.tasks.get(id);
    const current = x.current.get(id);
    const fail = (message: string) => x.cs.problems.push({ sheet: ws.name, row: r, message });
    if (!snap || !current) { fail(problem('badId')); continue; }
    if (snap.planId !== planId) { fail(problem('wrongPlan')); continue; }
    if (seen.has(id)) { fail(problem('duplicateId', { other: seen.get(id) })); continue; }
    seen.set(id, r);
    const parsed = parseRow(cells, ctx, snap.facts);
    if ('problems' in parsed) { fail(parsed.problems.join('；')); continue; }
    compareRow(x.cs, ctx, { id, path: current.path, title: current.title }, snap, current, parsed, cells);
  }
  for (const [id, s] of x.snap.tasks) {
    if (s.planId === planId && !seen.has(id)) x.cs.missing.push({ sheet: ws.name, path: x.current.get(id)?.path ?? '', title: s.facts.title });
  }
}

/** The plan a sheet holds: by its exported name, else by the task ids in it (a renamed sheet). */
function planOfSheet(ws: ExcelJS.Worksheet, snap: Snapshot): string | null {
  const named = snap.sheets.get(ws.name);
  if (named) return named;
  const found = findColumns(ws);
  const idCol = found?.cols.get('id');
  if (!found || !idCol) return null;
  const plans = new Set<string>();
  for (let r = found.header + 1; r <= ws.rowCount; r += 1) {
    const p = snap.tasks.get(cellText(ws.getRow(r).getCell(idCol).value))?.planId;
    if (p) plans.add(p);
  }
  return plans.size === 1 ? [...plans][0]! : null;
}

async function currentFacts(ledger: LedgerStore, ids: string[]) {
  const rows = await ledger.editableFacts(ids);
  return new Map(rows.map((t) => [t.id, {
    path: '', title: t.title, targets: t.targets, due: { date: dayOfDate(t.dueDate), kind: t.dueKind },
    leads: t.assignments.filter((a) => a.role === 'lead').map((a) => a.unitId), others: t.assignments.filter((a) => a.role !== 'lead').map((a) => a.unitId),
  }]));
}

/** An edited ledger (.xlsx bytes) → the change set to show before applying. */
export async function readLedgerChanges(ledger: LedgerStore, buffer: Buffer): Promise<ChangeSet> {
  await checkContainer(buffer);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (e) {
    throw new AppError('BAD_DOCUMENT', { reason: 'unreadable', cause: (e as Error).message });
  }
  const snap = readSnapshot(wb);
  if (!snap) return { ...emptyChangeSet(), problems: [{ sheet: '', row: 0, message: problem('notLedger') }] };
  const units = await ledger.unitDirectory();
  const names = new Map(units.map((u) => [u.id, u.name]));
  const current = await currentFacts(ledger, [...snap.tasks.keys()]);
  const paths = await ledger.taskPaths([...current.keys()]);
  for (const p of paths) current.get(p.id)!.path = p.path;
  const writes = ledger.writes;
  const x: ReadContext = {
    cs: emptyChangeSet(snap.exportedAt), snap, current, resolve: unitResolver(units), unitName: (id) => names.get(id) ?? id,
    nextSeq: writes.nextSeq, pathTaken: writes.pathTaken,
  };
  const skip = new Set([META_SHEET, labels().summarySheet, labels().trailSheet]);
  for (const ws of wb.worksheets) {
    if (skip.has(ws.name)) continue;
    const planId = planOfSheet(ws, snap);
    if (planId) await readSheet(x, ws, planId);
    else if (ws.actualRowCount > 0) x.cs.problems.push({ sheet: ws.name, row: 0, message: problem('unknownSheet') });
  }
  return x.cs;
}

/**
 * True when the workbook is a ledger Duban exported (it carries the hidden snapshot sheet).
 * Any file sent to the bot comes here first: it passes the container limits (a bomb is
 * refused with their AppError), and only a workbook naming the snapshot sheet is loaded.
 */
export async function isLedgerWorkbook(buffer: Buffer): Promise<boolean> {
  if (containerKind(buffer) !== 'zip') return false;
  await checkContainer(buffer);
  const wb = new ExcelJS.Workbook();
  try {
    const book = await (await JSZip.loadAsync(buffer)).file('xl/workbook.xml')?.async('string');
    if (!book?.includes(META_SHEET)) return false;
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return false;
  }
  return readSnapshot(wb) !== null;
}
