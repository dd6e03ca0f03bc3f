/**
 * The shape a plan document becomes: document metadata plus a flat list of tasks in
 * document order, each with its outline path. Everything here is plain data so that the
 * CLI can print it, the eval JSON can be derived from it and the store can save it.
 */

import type { ReportCycle } from '../tasks/cycles.ts';

/** How a deadline was obtained: a stated day, the plan-period fallback, a cycle, no end, or a placeholder. */
export type DeadlineKind = 'date' | 'inferred' | 'recurring' | 'ongoing' | 'unknown';

export interface ImportedDeadline {
  /** the time expression as written, with its marker words (到/力争/前/底/完成) */
  raw: string;
  /** 'YYYY-MM-DD' (a Shanghai calendar day) or null when it cannot be known */
  date: string | null;
  kind: DeadlineKind;
}

export type Recurrence = 'yearly' | 'quarterly' | 'monthly';

export interface ImportedTask {
  /** outline numbers as written, joined by '.', brackets ASCII: 二.(三), 三.(二).5 */
  path: string;
  /** digits only: 2.3, 3.2.5 — what users type in chat */
  pathKey: string;
  /** order in the document, from 1 */
  seq: number;
  title: string;
  text: string;
  leadUnits: string[];
  assistUnits: string[];
  /** every responsible unit, leads and assists included, as written, no repeats */
  units: string[];
  deadlines: ImportedDeadline[];
  targets: string[];
  recurring: Recurrence | null;
  /** things a person should check (lost characters, placeholders) */
  warnings: string[];
}

export interface PlanPeriod {
  raw: string;
  /** last day of the period, 'YYYY-MM-DD' */
  end: string;
}

export interface DocMeta {
  title: string | null;
  issuer: string | null;
  docNumber: string | null;
  issuedAt: string | null;
  planPeriod: PlanPeriod | null;
  /** the page's posting date (发布时间：2031-02-24), when the text gives one; only a fallback for the year (§5) */
  publishedAt?: string;
  /** 定期报送 the document asks of every unit ("请于每月25日前报送工作进展"); absent when it asks none */
  reportCycle?: ReportCycle;
}

/** Where the tasks come from when not a plan document: a 交办 or a meeting's minutes. */
export interface PlanOrigin {
  kind: 'instruction' | 'meeting' | 'other';
  leader: string | null;
  /** the 批示's words, or the 交办 message as written */
  text: string | null;
  meeting: string | null;
  /** 'YYYY-MM-DD' */
  meetingDate: string | null;
}

export interface ImportedPlan {
  doc: DocMeta;
  /** a 交办 or 会议纪要 (absent for a plan document) */
  origin?: PlanOrigin | null;
  tasks: ImportedTask[];
  /** document-level warnings (e.g. characters lost to '?') */
  warnings: string[];
  /** sha256 of the cleaned text: the same document imported twice has the same hash */
  sourceHash: string;
}

/** What a reader hands to the parser: running text plus any tables found as cell grids. */
export interface RawDocument {
  kind: 'txt' | 'docx' | 'xlsx' | 'csv' | 'html' | 'pdf' | 'doc';
  text: string;
  tables: string[][][];
}
