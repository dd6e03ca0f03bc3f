/**
 * One view of a plan for the ledger, bulletin and dashboard: each task with its units,
 * deadline text, latest words, extension state and the status from `taskStatus` (the
 * one status function), so the three outputs never disagree.
 */
import { excerpt } from '../render/excerpt.ts';
import { chineseDate } from '../lib/shanghai.ts';
import { daysOverdue, taskStatus, type TaskStatus } from '../tasks/status.ts';
import type { LedgerPlanRow, LedgerTaskRow } from '../store/ledger.ts';
import { byChinese, dayOfDate } from './format.ts';
import { fill, labels } from './labels.ts';
import { reportCycleOf, signingOf, signingText, type UnitSigning } from './signing.ts';
import type { ReportCycle } from '../tasks/cycles.ts';
import { originLabel } from '../render/labels.ts';

export type DueKind = LedgerTaskRow['dueKind'];

export interface LedgerTask {
  id: string;
  planId: string;
  seq: number;
  path: string;
  title: string;
  targets: string[];
  /** 牵头单位 */
  leads: { id: string; name: string }[];
  /** 责任单位 other than the lead (配合 or unspecified) */
  others: { id: string; name: string }[];
  due: string | null;
  dueKind: DueKind;
  dueText: string;
  /** the deadline before an approved extension, if any */
  originalDue: string | null;
  state: LedgerTaskRow['state'];
  percent: number;
  lastReportAt: Date | null;
  latest: string;
  status: TaskStatus;
  daysLate: number;
  extensionPending: boolean;
  extensionText: string;
  /** 签收 per unit the task reached, and the 签收 cell text */
  signing: UnitSigning[];
  signingText: string;
  /** 定期报送: the cycle and every report time (for each cycle's 报送率) */
  cycle: ReportCycle | null;
  reportTimes: LedgerTaskRow['reportTimes'];
  /** names of its 佐证材料 */
  evidence: string[];
  /** raw facts the assessment reads */
  reports: LedgerTaskRow['reports'];
  doneAt: Date | null;
  createdAt: Date;
}

export interface LedgerPlan {
  id: string;
  title: string;
  issuer: string | null;
  /** 领导批示（张建国）, 会议议定事项（…）, 其他交办; null for a plan document */
  origin: string | null;
  tasks: LedgerTask[];
}

/** 2025年10月31日, 持续推进, 定期 or 待补充 — what the 完成时限 cell shows. */
export function dueText(due: string | null, kind: DueKind): string {
  if (due) return chineseDate(due);
  const l = labels().due;
  return kind === 'ongoing' ? l.ongoing : kind === 'recurring' ? l.recurring : l.unknown;
}

function extensionText(row: LedgerTaskRow): string {
  const l = labels().extension;
  const last = row.extensions.at(-1);
  if (!last) return l.none;
  const date = chineseDate(dayOfDate(last.approvedDate ?? last.requestedDate)!);
  if (last.state === 'pending') return fill(l.pending, { date });
  if (last.state === 'rejected') return fill(l.rejected, { date });
  const original = row.deadlines.find((d) => d.original)?.original;
  return original ? fill(l.approved, { date, original: chineseDate(dayOfDate(original)!) }) : fill(l.approvedNoOriginal, { date });
}

/** Reports in a unit's own words (acknowledgements, 销号 and returns are not reports). */
const UNIT_WORDS = new Set(['progress', 'done_claim']);

type Report = LedgerTaskRow['reports'][number];

/**
 * The task's 最新进展: the latest progress report, or the latest 办结 claim while it awaits
 * review. A claim that was returned (or already decided) is not progress, and a leader's
 * 销号 or return reason never is.
 */
export function latestWords(reports: Report[], state: LedgerTaskRow['state']): Report | undefined {
  return [...reports].reverse().find((r) => r.kind === 'progress' || (r.kind === 'done_claim' && state === 'claimed_done'));
}

/** When a unit last reported on a task in its own words (progress or 办结 claim), or null. */
export function unitReportAt(t: Pick<LedgerTask, 'reports'>, unitId: string): Date | null {
  let at: Date | null = null;
  for (const r of t.reports) if (r.unitId === unitId && UNIT_WORDS.has(r.kind) && (!at || r.createdAt > at)) at = r.createdAt;
  return at;
}

/** A long report shows its beginning; the trail keeps the whole text. */
function bounded(text: string): string {
  const e = excerpt(text);
  return e.cut ? `${e.text}${labels().latestCut}` : text;
}

export function toLedgerTask(row: LedgerTaskRow, now: Date): LedgerTask {
  const due = dayOfDate(row.dueDate);
  const facts = { state: row.state, dueDate: due, dueKind: row.dueKind };
  const latest = latestWords(row.reports, row.state);
  const byName = (a: { unit: { name: string } }, b: { unit: { name: string } }) => byChinese(a.unit.name, b.unit.name);
  return {
    id: row.id, planId: row.planId, seq: row.seq, path: row.path, title: row.title, targets: row.targets,
    leads: row.assignments.filter((a) => a.role === 'lead').sort(byName).map((a) => a.unit),
    others: row.assignments.filter((a) => a.role !== 'lead').sort(byName).map((a) => a.unit),
    due, dueKind: row.dueKind, dueText: dueText(due, row.dueKind),
    originalDue: dayOfDate(row.deadlines.find((d) => d.original)?.original ?? null),
    state: row.state, percent: row.percent, lastReportAt: row.lastReportAt,
    latest: latest ? bounded(latest.note ?? latest.originalText) : '',
    status: taskStatus(facts, now), daysLate: daysOverdue(facts, now),
    extensionPending: row.extensions.some((e) => e.state === 'pending'),
    extensionText: extensionText(row),
    evidence: row.evidence ?? [],
    reports: row.reports, doneAt: row.doneAt, createdAt: row.createdAt,
    ...signingFields(row, now),
  };
}

function signingFields(row: LedgerTaskRow, now: Date): Pick<LedgerTask, 'signing' | 'signingText' | 'cycle' | 'reportTimes'> {
  const signing = signingOf(row, now);
  return { signing, signingText: signingText(signing), cycle: reportCycleOf(row), reportTimes: row.reportTimes ?? [] };
}

export function toLedgerPlans(rows: LedgerPlanRow[], now: Date): LedgerPlan[] {
  return rows.map((p) => ({ id: p.id, title: p.title, issuer: p.issuer, origin: originLabel(p), tasks: p.tasks.map((t) => toLedgerTask(t, now)) }));
}

/** Every unit of a task, lead first. */
export function unitsOf(t: Pick<LedgerTask, 'leads' | 'others'>): { id: string; name: string }[] {
  return [...t.leads, ...t.others];
}
