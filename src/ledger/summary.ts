/**
 * Counts by status overall and per unit, with the assessment, ranked: what the 汇总 sheet,
 * the bulletin and the dashboard's unit table show.
 */
import { STATUS_ORDER, type TaskStatus } from '../tasks/status.ts';
import { assessUnits, DEFAULT_RULES, type AssessmentRules, type UnitScore } from './assessment.ts';
import type { LedgerPlan, LedgerTask } from './model.ts';
import { unitReportAt, unitsOf } from './model.ts';
import { byChinese } from './format.ts';

export type StatusCounts = Record<TaskStatus, number>;

export interface UnitSummary extends UnitScore {
  rank: number;
  unitId: string;
  name: string;
  total: number;
  counts: StatusCounts;
  /** the unit's own latest progress report or 办结 claim on these tasks; null if it never reported */
  lastReportAt: Date | null;
}

export interface LedgerSummary {
  total: number;
  counts: StatusCounts;
  units: UnitSummary[];
  rules: AssessmentRules;
}

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as StatusCounts;
}

export function countStatuses(tasks: Pick<LedgerTask, 'status'>[]): StatusCounts {
  const c = emptyCounts();
  for (const t of tasks) c[t.status] += 1;
  return c;
}

/** Ranking: higher score first, then higher completion share, fewer overdue, then name. */
function byRank(a: UnitSummary, b: UnitSummary): number {
  return b.score - a.score
    || b.counts.done / b.total - a.counts.done / a.total
    || a.counts.overdue - b.counts.overdue
    || byChinese(a.name, b.name);
}

export function summarise(plans: LedgerPlan[], rules: AssessmentRules = DEFAULT_RULES): LedgerSummary {
  const tasks = plans.flatMap((p) => p.tasks);
  const scores = assessUnits(tasks, rules);
  const units = new Map<string, UnitSummary>();
  for (const t of tasks) {
    for (const u of unitsOf(t)) {
      let s = units.get(u.id);
      if (!s) {
        s = { rank: 0, unitId: u.id, name: u.name, total: 0, counts: emptyCounts(), lastReportAt: null, ...scores.get(u.id)! };
        units.set(u.id, s);
      }
      s.total += 1;
      s.counts[t.status] += 1;
      // the unit's own reports: a task's lastReportAt may be another unit's
      const at = unitReportAt(t, u.id);
      if (at && (!s.lastReportAt || at > s.lastReportAt)) s.lastReportAt = at;
    }
  }
  const ranked = [...units.values()].sort(byRank);
  ranked.forEach((u, i) => (u.rank = i + 1));
  return { total: tasks.length, counts: countStatuses(tasks), units: ranked, rules };
}
