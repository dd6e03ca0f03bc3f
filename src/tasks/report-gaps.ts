/**
 * Which units have not reported: a unit with open tasks and no report since it was last
 * reminded (or, when a period is asked about, since the period began). A unit never reminded
 * is missing only when it has never reported. Pure; the facts come from src/store/reporting.ts.
 */
export interface ReportingFacts {
  unitId: string;
  unitName: string;
  openTasks: number;
  lastReportAt: Date | null;
  lastReminderAt: Date | null;
}

export interface ReportGap extends ReportingFacts {
  /** whole days since the last report, null when the unit never reported */
  daysSinceReport: number | null;
}

const DAY_MS = 86_400_000;

/** The units missing a report since `since` (a period's start), or since their last reminder; longest silence first. */
export function reportGaps(units: ReportingFacts[], now: Date, since: Date | null): ReportGap[] {
  return units
    .filter((u) => u.openTasks > 0)
    .filter((u) => {
      const from = since ?? u.lastReminderAt;
      if (!u.lastReportAt) return true;
      return from !== null && u.lastReportAt < from;
    })
    .map((u) => ({ ...u, daysSinceReport: u.lastReportAt ? Math.floor((now.getTime() - u.lastReportAt.getTime()) / DAY_MS) : null }))
    .sort((a, b) => (b.daysSinceReport ?? Infinity) - (a.daysSinceReport ?? Infinity) || a.unitName.localeCompare(b.unitName, 'zh'));
}
