/**
 * The importer's entry point: document bytes → ImportedPlan. Refuses what cannot be a plan
 * (empty, over 20 MB, binary junk, unreadable encoding, no tasks) with an AppError whose
 * message an admin can act on. Only save.ts touches the store.
 */
import { AppError } from '../lib/errors.ts';
import type { ImportedPlan } from './types.ts';
import { readDocument } from './read.ts';
import { decodeText } from './read-text.ts';
import { textTables } from './read-text-tables.ts';
import { buildPlan } from './build-plan.ts';
import { breakInlineItems, readMeeting } from './extract-minutes.ts';
import { minutesPlan } from './minutes-plan.ts';
import { cleanText } from './clean.ts';

export type { ImportedPlan, ImportedTask, ImportedDeadline, DocMeta } from './types.ts';
export { formatTree, toEvalJson, withoutDeadline, pastDue } from './format.ts';
export { buildPlan } from './build-plan.ts';

/** Largest document accepted: plans are a few hundred KB; 20 MB leaves room for embedded images. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * A text whose first lines hold commas is taken for CSV by content; prose written with ASCII
 * commas ("…,加强…,落实…。") is not a table: its rows do not share one column count, and its
 * cells end sentences. Such a text is read as plain text. (A file named .csv stays CSV.)
 */
export function proseNotCsv(rows: string[][]): boolean {
  const filled = rows.filter((r) => r.filter((c) => c.trim()).length >= 2);
  if (filled.length < 3) return false;
  const counts = new Map<number, number>();
  for (const r of filled) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  const modal = Math.max(...counts.values());
  const sentences = filled.filter((r) => r.some((c) => /。./.test(c.trim()))).length;
  return modal < filled.length * 0.5 || sentences > filled.length * 0.3;
}

/**
 * Imports a plan document (.txt UTF-8/GB18030, .docx, .xlsx, .csv, .html, PDF with text, .doc); the reader is
 * chosen by content. Throws AppError BAD_DOCUMENT (detail.reason) or NO_TASKS; the words are in
 * templates/errors/.
 */
export async function importDocument(input: Buffer, opts: { fileName?: string } = {}): Promise<ImportedPlan> {
  if (!input.length || !input.toString('utf8', 0, Math.min(input.length, 4096)).trim() && input.length < 4096) {
    throw new AppError('BAD_DOCUMENT', { reason: 'empty' });
  }
  if (input.length > MAX_DOCUMENT_BYTES) {
    throw new AppError('BAD_DOCUMENT', { reason: 'too_large', bytes: input.length, mb: Math.round(input.length / 1048576) });
  }
  let doc = await readDocument(input, opts.fileName);
  if (doc.kind === 'csv' && !/\.csv$/i.test(opts.fileName ?? '') && proseNotCsv(doc.tables[0] ?? [])) {
    const text = decodeText(input);
    doc = { kind: 'txt', text, tables: textTables(text) };
  }
  if (!doc.text.trim() && !doc.tables.length) throw new AppError('BAD_DOCUMENT', { reason: 'empty' });
  const meeting = readMeeting(cleanText(doc.text));
  if (meeting) return minutesPlan({ ...doc, text: breakInlineItems(doc.text) }, meeting);
  return buildPlan(doc);
}
