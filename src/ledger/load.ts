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
  /** only the tasks this unit is responsible for (a unit member's dashboard link) */
  unitId?: string;
  now: Date;
  rules?: Partial<AssessmentRules>;
}

export async function loadLedger(ledger: Pick<LedgerStore, 'plans'>, q: LedgerQuery): Promise<LedgerView> {
  const rows = await ledger.plans({ planId: q.planId });
  const inScope = q.unitId ? rows.map((p) => ({ ...p, tasks: p.tasks.filter((t) => t.assignments.some((a) => a.unit.id === q.unitId)) })) : rows;
  const plans = toLedgerPlans(inScope, q.now);
  return { now: q.now, plans, summary: summarise(plans, { ...DEFAULT_RULES, ...q.rules }) };
}
