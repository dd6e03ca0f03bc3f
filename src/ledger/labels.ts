/**
 * The Chinese words of the ledger, bulletin and dashboard (column headers, event names),
 * read once from templates/ledger/labels.json so no user-visible text lives in src/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Mustache from 'mustache';
import { z } from 'zod';
import { TEMPLATES_DIR } from '../render/render.ts';

const words = z.record(z.string(), z.string());
const Labels = z.object({
  columns: z.object({
    seq: z.string(), title: z.string(), leads: z.string(), others: z.string(), due: z.string(), targets: z.string(),
    latest: z.string(), percent: z.string(), status: z.string(), lastReport: z.string(), extension: z.string(), evidence: z.string(), id: z.string(),
  }),
  sheetTitle: z.string(),
  summarySheet: z.string(),
  summaryTitle: z.string(),
  summaryColumns: words,
  summaryTotal: z.string(),
  scoreNote: z.string(),
  trailSheet: z.string(),
  trailColumns: words,
  due: z.object({ ongoing: z.string(), recurring: z.string(), unknown: z.string() }),
  extension: z.object({ pending: z.string(), approved: z.string(), approvedNoOriginal: z.string(), rejected: z.string(), none: z.string() }),
  events: words,
  eventText: words,
  steps: words,
  fields: words,
  /** reminder policy fields in the trail: "提前{{value}}个工作日提醒" */
  policyFields: words,
  none: z.string(),
  dueWords: z.object({ ongoing: z.array(z.string()), recurring: z.array(z.string()), unknown: z.array(z.string()) }),
  importProblems: words,
  dashboardAll: z.string(),
  /** the marker after a 最新进展 cut to its beginning */
  latestCut: z.string(),
  ledgerFileName: z.string(),
  bulletin: z.object({ issuer: z.string(), scopeAll: z.string(), scopePlan: z.string(), pageTitle: z.string(), fileName: z.string() }),
});
export type Labels = z.infer<typeof Labels>;

let cached: Labels | null = null;

/** The labels, parsed on first use (a malformed file fails loudly, naming the field). */
export function labels(): Labels {
  cached ??= Labels.parse(JSON.parse(readFileSync(path.join(TEMPLATES_DIR, 'ledger', 'labels.json'), 'utf8')));
  return cached;
}

/** Fills a short label such as "申请延期至{{date}}，待审批" (no HTML escaping: callers escape for HTML). */
export function fill(template: string, data: Record<string, unknown>): string {
  return Mustache.render(template, data, {}, { escape: (v: unknown) => String(v) });
}

/** A word from a record of labels, or the key itself when the file lacks it. */
export function word(table: Record<string, string>, key: string): string {
  return table[key] ?? key;
}
