/**
 * Which units have not reported: a unit with open tasks and no report since it was last
 * reminded (or, when a period is asked about, since the period began). A unit never reminded
 * is missing only when it has never reported. Tasks on a report cycle (定期报送, 每月25日前)
 * are judged one by one: each needs the unit's report in the current cycle (or in the period
 * asked about), as the 催报 does. Pure; the facts come from src/store/reporting.ts.
 */
import { shanghaiInstant } from '../lib/shanghai.ts';
import { cycleAt, cycleFromSettings, type ReportCycle } from './cycles.ts';

export interface ReportingFacts {
  unitId: string;
  unitName: string;
  /** open tasks of active plans assigned to the unit */
  openTasks: number;
  /** the unit's latest progress report or 办结 claim */
  lastReportAt: Date | null;
  /** the latest reminder sent to the unit (提醒, 催办, 领导督办), digests aside */
  lastReminderAt: Date | null;
}

/** One unit's part in one open task, with its own latest report and the report cycle settings it may carry (read by store/reporting.ts). */
export interface PairFacts {
  unitId: string;
  taskId: string;
  path: string;
  title: string;
  recurring: string | null;
  planPolicy: unknown;
  taskPolicy: unknown;
  lastReportAt: Date | null;
}

export interface ReportGap extends ReportingFacts {
  /** whole days since the last report, null when the unit never reported */
  daysSinceReport: number | null;
  /** the tasks missing a report (cycle tasks missing this cycle's; others when the unit is silent) */
  tasks: { path: string; title: string; cycle: ReportCycle | null; daysSinceReport: number | null }[];
}

const DAY_MS = 86_400_000;
const daysSince = (d: Date | null, now: Date) => (d ? Math.floor((now.getTime() - d.getTime()) / DAY_MS) : null);

/** The units missing a report since `since` (a period's start), or since their last reminder / this cycle; longest silence first. */
export function reportGaps(units: ReportingFacts[], now: Date, since: Date | null, pairs: PairFacts[] = [], today?: string): ReportGap[] {
  const byUnit = new Map<string, PairFacts[]>();
  for (const p of pairs) byUnit.set(p.unitId, [...(byUnit.get(p.unitId) ?? []), p]);
  const out: ReportGap[] = [];
  for (const u of units) {
    if (u.openTasks <= 0) continue;
    const own = byUnit.get(u.unitId) ?? [];
    const cycled = own.map((p) => ({ p, cycle: cycleFromSettings(p.planPolicy, p.taskPolicy, null) }));
    const missing = cycled.filter(({ p, cycle }) => {
      if (!cycle || !today) return false;
      const from = since ?? shanghaiInstant(cycleAt(cycle, today).start);
      return !p.lastReportAt || p.lastReportAt < from;
    });
    const plain = cycled.filter(({ cycle }) => !cycle || !today);
    const from = since ?? u.lastReminderAt;
    const silent = (plain.length > 0 || own.length === 0) && (!u.lastReportAt || (from !== null && u.lastReportAt < from));
    if (!missing.length && !silent) continue;
    const tasks = [...missing, ...(silent ? plain : [])].map(({ p, cycle }) => ({ path: p.path, title: p.title, cycle, daysSinceReport: daysSince(p.lastReportAt, now) }));
    out.push({ ...u, daysSinceReport: daysSince(u.lastReportAt, now), tasks });
  }
  return out.sort((a, b) => (b.daysSinceReport ?? Infinity) - (a.daysSinceReport ?? Infinity) || a.unitName.localeCompare(b.unitName, 'zh'));
}
