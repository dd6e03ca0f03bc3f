/**
 * The working-day calendar: China's official holidays and make-up working days (调休)
 * from the offline `chinese-days` package; years it does not know yet fall back to
 * Monday–Friday. Days are Shanghai calendar days 'YYYY-MM-DD'.
 */
import chineseDays from 'chinese-days';
import { addDays } from '../lib/shanghai.ts';

export interface WorkCalendar {
  isWorkday(day: string): boolean;
  /** the name of the official holiday (or make-up day) a day belongs to, e.g. '春节', or null */
  holidayName(day: string): string | null;
}

export const chinaCalendar: WorkCalendar = {
  isWorkday: (day) => chineseDays.isWorkday(day),
  holidayName: (day) => {
    const detail = chineseDays.getDayDetail(day);
    const parts = detail.name.split(',');
    return parts.length >= 2 ? parts[1]! : null;
  },
};

/** The n-th working day after `day` (day itself not counted); n = 0 gives `day`. */
export function addWorkdays(cal: WorkCalendar, day: string, n: number): string {
  let d = day;
  let left = n;
  const step = n >= 0 ? 1 : -1;
  while (left !== 0) {
    d = addDays(d, step);
    if (cal.isWorkday(d)) left -= step;
  }
  return d;
}

/** The first working day on or after `day`. */
export function nextWorkday(cal: WorkCalendar, day: string): string {
  let d = day;
  while (!cal.isWorkday(d)) d = addDays(d, 1);
  return d;
}

/** Working days strictly after `from` up to and including `to` (0 when to ≤ from). */
export function workdaysBetween(cal: WorkCalendar, from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (cal.isWorkday(d)) n += 1;
  return n;
}

/**
 * The first working day after the official holiday named `name` (元旦, 春节, 清明节,
 * 劳动节, 端午节, 中秋节, 国庆节) that starts on or after `from`; make-up days count.
 */
export function firstWorkdayAfterHoliday(cal: WorkCalendar, name: string, from: string): string | null {
  for (let d = from, i = 0; i < 400; d = addDays(d, 1), i += 1) {
    if (!cal.isWorkday(d) && cal.holidayName(d)?.startsWith(name.replace(/节$/, ''))) {
      let e = d;
      while (!cal.isWorkday(e)) e = addDays(e, 1);
      return e;
    }
  }
  return null;
}
