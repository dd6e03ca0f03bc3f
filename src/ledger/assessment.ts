/**
 * 考评: a score per unit computed from the record, with weights an office can change.
 * - onTimeDone: per item completed (销号) whose completion claim came on or before its deadline
 *   (items without a deadline count as on time);
 * - lateReport: per item whose deadline passed without a completion claim — still open and
 *   overdue, or claimed after the day;
 * - returned: per completion claim the leaders sent back (charged to the unit that claimed);
 * - lateSign: per task the unit signed for after its 签收 period, or has not signed past it
 *   (领办逾期 — its own item, apart from the late report of 办理逾期).
 * Every unit assigned to an item (lead or not) shares its on-time and late points.
 */
import { shanghaiDay } from '../lib/shanghai.ts';
import type { LedgerTask } from './model.ts';
import { unitsOf } from './model.ts';

export interface AssessmentRules {
  onTimeDone: number;
  lateReport: number;
  returned: number;
  /** 领办逾期 (optional: rules written before 签收 existed keep their meaning) */
  lateSign?: number;
}

export const DEFAULT_RULES: AssessmentRules = { onTimeDone: 1, lateReport: -1, returned: -2, lateSign: -0.5 };

export interface UnitScore {
  onTime: number;
  late: number;
  returned: number;
  /** tasks signed for late or still unsigned past the period (领办逾期) */
  lateSign: number;
  score: number;
}

type AssessTask = Pick<LedgerTask, 'leads' | 'others' | 'due' | 'state' | 'status' | 'reports' | 'doneAt'> & Partial<Pick<LedgerTask, 'signing'>>;

/** The day the unit last claimed completion (the claim the leaders accepted), or null. */
function claimDay(t: AssessTask): string | null {
  const claim = [...t.reports].reverse().find((r) => r.kind === 'done_claim');
  if (claim) return shanghaiDay(claim.createdAt);
  return t.doneAt ? shanghaiDay(t.doneAt) : null;
}

/** The unit charged for each returned claim: whoever made the claim just before it. */
function returnedUnits(t: AssessTask): (string | null)[] {
  const out: (string | null)[] = [];
  let claimant: string | null = null;
  for (const r of t.reports) {
    if (r.kind === 'done_claim') claimant = r.unitId;
    if (r.kind === 'returned') out.push(r.unitId ?? claimant);
  }
  return out;
}

export function assessUnits(tasks: AssessTask[], rules: AssessmentRules = DEFAULT_RULES): Map<string, UnitScore> {
  const scores = new Map<string, UnitScore>();
  const get = (id: string) => {
    let s = scores.get(id);
    if (!s) scores.set(id, (s = { onTime: 0, late: 0, returned: 0, lateSign: 0, score: 0 }));
    return s;
  };
  for (const t of tasks) {
    const units = unitsOf(t).map((u) => u.id);
    for (const id of units) get(id);
    const claimed = t.state === 'done' || t.state === 'claimed_done' ? claimDay(t) : null;
    const lateClaim = claimed !== null && t.due !== null && claimed > t.due;
    if (t.state === 'done' && !lateClaim) units.forEach((id) => (get(id).onTime += 1));
    if (t.status === 'overdue' || lateClaim) units.forEach((id) => (get(id).late += 1));
    for (const unit of returnedUnits(t)) (unit && units.includes(unit) ? [unit] : units).forEach((id) => (get(id).returned += 1));
    for (const s of t.signing ?? []) if (s.late) get(s.unit.id).lateSign += 1;
  }
  for (const s of scores.values()) s.score = s.onTime * rules.onTimeDone + s.late * rules.lateReport + s.returned * rules.returned + s.lateSign * (rules.lateSign ?? -0.5);
  return scores;
}
