/**
 * One ledger row → its edits. A field counts as edited only when the cell differs from
 * what was exported (the snapshot); if the system changed that field since the export,
 * the edit becomes a conflict instead of an overwrite.
 */
import type ExcelJS from 'exceljs';
import type { ChangeSet, FieldChange, UnitsValue } from './change-set.ts';
import { fill, labels } from './labels.ts';
import { dueText } from './model.ts';
import { READONLY_COLUMNS, type PlanColumn } from './plan-sheet.ts';
import { cellText, parseDue, sameDue, sameSet, splitTargets, splitUnits, type unitResolver } from './read-cells.ts';
import type { Due, Editable, SnapshotTask } from './snapshot.ts';

export type RowCells = Partial<Record<PlanColumn, ExcelJS.CellValue>>;

export interface RowContext {
  sheet: string;
  row: number;
  resolve: ReturnType<typeof unitResolver>;
  unitName: (id: string) => string;
}

export interface ParsedRow { title: string; units: UnitsValue; due: Due; targets: string[] }

const problem = (key: string, data: Record<string, unknown> = {}) => fill(labels().importProblems[key] ?? key, data);

/** Reads the editable cells; returns the problems instead when any cell cannot be read. */
export function parseRow(cells: RowCells, ctx: RowContext, base: Editable | null): ParsedRow | { problems: string[] } {
  const problems: string[] = [];
  const title = 'title' in cells ? cellText(cells.title) : base?.title ?? '';
  if (!title) problems.push(problem('noTitle'));
  const units: UnitsValue = { leads: [], others: [], written: {} };
  for (const side of ['leads', 'others'] as const) {
    if (!(side in cells)) { units[side] = base?.[side] ?? []; continue; }
    for (const w of splitUnits(cellText(cells[side]))) {
      const r = ctx.resolve(w);
      if (!r.ok) { problems.push(problem(r.reason, { value: w })); continue; }
      if (!units.leads.includes(r.id) && !units.others.includes(r.id)) units[side].push(r.id);
      units.written[r.id] = w;
    }
  }
  if (!units.leads.length && !units.others.length) problems.push(problem('noUnits'));
  const due = 'due' in cells ? parseDue(cells.due ?? null) : base?.due ?? { date: null, kind: 'unknown' as const };
  if (!due) problems.push(problem('badDate', { value: cellText(cells.due ?? null) }));
  const targets = 'targets' in cells ? splitTargets(cellText(cells.targets)) : base?.targets ?? [];
  return problems.length ? { problems } : { title, units, due: due!, targets };
}

export function unitsText(u: Pick<UnitsValue, 'leads' | 'others'>, name: (id: string) => string): string {
  const l = labels();
  const list = (ids: string[]) => ids.map(name).join('、') || l.none;
  return `${l.columns.leads}：${list(u.leads)}；${l.columns.others}：${list(u.others)}`;
}

export const dueLabel = (d: Due) => dueText(d.date, d.kind);

type Field = FieldChange['field'];
interface FieldRule<V> { same(a: V, b: V): boolean; text(v: V): string }

function fieldRules(name: (id: string) => string): { [K in Field]: FieldRule<Extract<FieldChange, { field: K }>['after']> } {
  return {
    title: { same: (a, b) => a.trim() === b.trim(), text: (v) => v },
    targets: { same: (a, b) => splitTargets(a.join('\n')).join('\n') === splitTargets(b.join('\n')).join('\n'), text: (v) => v.join('；') || labels().none },
    due: { same: sameDue, text: dueLabel },
    units: { same: (a, b) => sameSet(a.leads, b.leads) && sameSet(a.others, b.others), text: (v) => unitsText(v, name) },
  };
}

/**
 * Compares an existing task's row with its snapshot and the current facts, adding changes,
 * conflicts and ignored edits to `cs`.
 */
export function compareRow(cs: ChangeSet, ctx: RowContext, task: { id: string; path: string; title: string }, snap: SnapshotTask, current: Editable, parsed: ParsedRow, cells: RowCells): void {
  const rules = fieldRules(ctx.unitName);
  const asUnits = (e: Editable): UnitsValue => ({ leads: e.leads, others: e.others, written: {} });
  const values = {
    title: [snap.facts.title, current.title, parsed.title],
    targets: [snap.facts.targets, current.targets, parsed.targets],
    due: [snap.facts.due, current.due, parsed.due],
    units: [asUnits(snap.facts), asUnits(current), parsed.units],
  } as const;
  for (const field of ['title', 'units', 'due', 'targets'] as const) {
    const rule = rules[field] as FieldRule<unknown>;
    const [exported, now, edited] = values[field] as readonly [unknown, unknown, unknown];
    if (rule.same(edited, exported)) continue;
    if (rule.same(edited, now)) continue; // already so in the system
    const where = { sheet: ctx.sheet, row: ctx.row };
    if (!rule.same(exported, now)) {
      cs.conflicts.push({ ...where, message: `${task.path} ${labels().fields[field]}：${problem('conflict', { current: rule.text(now) })}` });
      continue;
    }
    cs.changes.push({
      kind: 'update', field, before: now, after: edited, ...where, taskId: task.id, planId: snap.planId, path: task.path, title: task.title,
      beforeText: rule.text(now), afterText: rule.text(edited),
    } as FieldChange);
  }
  for (const col of READONLY_COLUMNS) {
    if (!(col in cells) || snap.shown[col] === undefined) continue;
    if (cellText(cells[col] ?? null) === snap.shown[col]) continue;
    const message = col === 'seq' ? problem('pathFixed') : problem('readonly', { column: labels().columns[col] });
    cs.ignored.push({ sheet: ctx.sheet, row: ctx.row, message: `${task.path} ${message}` });
  }
}
