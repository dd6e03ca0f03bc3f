/**
 * The time windows users ask about (本周, 下个月, 近10天 …, the parser's closed vocabulary)
 * as Shanghai day ranges. Weeks start on Monday.
 */
import { addDays, lastDayOfMonth } from '../lib/shanghai.ts';

export interface DayRange { from: string; to: string }

function weekday(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
}

export function windowRange(window: string | null, today: string): DayRange {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const monday = addDays(today, -weekday(today));
  const nd = window ? /^next_(\d+)d$/.exec(window) : null;
  if (nd) return { from: today, to: addDays(today, Number(nd[1])) };
  switch (window) {
    case 'today': return { from: today, to: today };
    case 'tomorrow': return { from: addDays(today, 1), to: addDays(today, 1) };
    case 'this_week': return { from: today, to: addDays(monday, 6) };
    case 'next_week': return { from: addDays(monday, 7), to: addDays(monday, 13) };
    case 'this_month': return { from: today, to: lastDayOfMonth(y, m) };
    case 'next_month': {
      const ny = m === 12 ? y + 1 : y;
      const nm = m === 12 ? 1 : m + 1;
      return { from: `${ny}-${String(nm).padStart(2, '0')}-01`, to: lastDayOfMonth(ny, nm) };
    }
    case 'this_quarter': return { from: today, to: lastDayOfMonth(y, Math.ceil(m / 3) * 3) };
    case 'this_year': return { from: today, to: `${y}-12-31` };
    default: return { from: today, to: addDays(today, 7) };
  }
}

/**
 * The first day of a named period that has already begun (本周 → Monday, 本月 → the 1st …),
 * when it is before today; windowRange starts such periods today, so what fell due earlier
 * in them is overdue, not due.
 */
export function periodStart(window: string | null, today: string): string | null {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const start = {
    this_week: addDays(today, -weekday(today)),
    this_month: `${y}-${String(m).padStart(2, '0')}-01`,
    this_quarter: `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`,
    this_year: `${y}-01-01`,
  }[window ?? ''];
  return start && start < today ? start : null;
}

/** overdue>30d → 30; anything else → 0. */
export function overdueThreshold(window: string | null): number {
  const m = window ? /^overdue>(\d+)d$/.exec(window) : null;
  return m ? Number(m[1]) : 0;
}

