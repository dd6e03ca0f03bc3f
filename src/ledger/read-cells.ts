/**
 * Reading what people type into ledger cells: deadlines (2025年12月31日, 2025-12-31,
 * 2025年12月底, an Excel date, 持续推进, 待补充), unit lists (区卫生健康局、区财政局, or
 * aliases such as 卫健局) and target lists (one per line).
 */
import type ExcelJS from 'exceljs';
import { isRealDay, lastDayOfMonth } from '../lib/shanghai.ts';
import { unitAliases, unitKey } from '../tasks/unit-aliases.ts';
import type { Due } from './snapshot.ts';
import { labels } from './labels.ts';

/** The text of any cell value: rich text, formulas, hyperlinks and dates included. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('result' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text).trim();
    return '';
  }
  return String(v).trim();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A deadline cell → Due, or null when it cannot be read. */
export function parseDue(v: ExcelJS.CellValue): Due | null {
  // exceljs gives date cells as UTC midnight of the calendar day shown
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : { date: v.toISOString().slice(0, 10), kind: 'date' };
  const s = cellText(v).normalize('NFKC').replace(/\s+/g, '').replace(/前$|之前$/, '');
  const w = labels().dueWords;
  if (w.unknown.includes(s)) return { date: null, kind: 'unknown' };
  if (w.ongoing.includes(s)) return { date: null, kind: 'ongoing' };
  if (w.recurring.includes(s)) return { date: null, kind: 'recurring' };
  const full = /^(\d{4})(?:年|[-/.])(\d{1,2})(?:月|[-/.])(\d{1,2})日?$/.exec(s);
  if (full) {
    const day = `${full[1]}-${pad(+full[2]!)}-${pad(+full[3]!)}`;
    return isRealDay(day) ? { date: day, kind: 'date' } : null;
  }
  const month = /^(\d{4})(?:年|[-/.])(\d{1,2})月?(?:底|末)?$/.exec(s);
  if (month && +month[2]! >= 1 && +month[2]! <= 12) return { date: lastDayOfMonth(+month[1]!, +month[2]!), kind: 'date' };
  const year = /^(\d{4})年(?:底|末)$/.exec(s);
  if (year) return { date: `${year[1]}-12-31`, kind: 'date' };
  return null;
}

/** Two deadlines mean the same when they name the same day, or the same kind of no-day. */
export function sameDue(a: Due, b: Due): boolean {
  const key = (d: Due) => d.date ?? (d.kind === 'ongoing' || d.kind === 'recurring' ? d.kind : 'unknown');
  return key(a) === key(b);
}

export function splitTargets(s: string): string[] {
  return s.split(/\r?\n|[；;]/).map((x) => x.trim()).filter(Boolean);
}

export function splitUnits(s: string): string[] {
  return s.split(/[、，,；;/\s]+/).map((x) => x.trim()).filter(Boolean);
}

export interface UnitEntry { id: string; name: string; aliases: string[] }

/** Name or alias → unit ids; a spelling shared by two units resolves to both (ambiguous). */
export function unitResolver(units: UnitEntry[]): (written: string) => { ok: true; id: string; name: string } | { ok: false; reason: 'unknownUnit' | 'ambiguousUnit' } {
  const byName = new Map<string, Set<string>>();
  const add = (k: string, id: string) => byName.set(unitKey(k), (byName.get(unitKey(k)) ?? new Set()).add(id));
  for (const u of units) for (const a of [u.name, ...u.aliases]) add(a, u.id);
  const names = new Map(units.map((u) => [u.id, u.name]));
  return (written) => {
    const exact = units.find((u) => unitKey(u.name) === unitKey(written));
    if (exact) return { ok: true, id: exact.id, name: exact.name };
    const hits = new Set<string>();
    for (const a of [written, ...unitAliases(written)]) for (const id of byName.get(unitKey(a)) ?? []) hits.add(id);
    if (hits.size === 1) {
      const id = [...hits][0]!;
      return { ok: true, id, name: names.get(id)! };
    }
    return { ok: false, reason: hits.size ? 'ambiguousUnit' : 'unknownUnit' };
  };
}

export function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}
