/**
 * Reads what the ledger, bulletin and dashboard show, once: plans with their tasks as
 * ledger rows (status from `taskStatus` at `now`) and the per-unit summary with scores.
 */
import type { LedgerStore } from '../store/ledger.ts';
import { DEFAULT_RULES, type AssessmentRules } from './assessment.ts';
import { toLedgerPlans, type LedgerPlan } from './model.ts';
import { summarise, type LedgerSummary } from './summary.ts';

export interface LedgerView {
  now: Date;
  plans: LedgerPlan[];
  summary: LedgerSummary;
}

export interface LedgerQuery {
  /** one plan (any status); omitted = every active plan */
  planId?: string;
  now: Date;
  rules?: Partial<AssessmentRules>;
}

export async function loadLedger(ledger: Pick<LedgerStore, 'plans'>, q: LedgerQuery): Promise<LedgerView> {
  const plans = toLedgerPlans(await ledger.plans({ planId: q.planId }), q.now);
  return { now: q.now, plans, summary: summarise(plans, { ...DEFAULT_RULES, ...q.rules }) };
}
