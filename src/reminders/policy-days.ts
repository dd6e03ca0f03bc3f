/**
 * Working-day arithmetic fast enough for 100,000 tasks: a per-year table of cumulative
 * working days, so "working days between" is two lookups instead of a walk over years
 * of an overdue task's life. Built from the same WorkCalendar (chinese-days) as
 * everything else. Days are Shanghai days 'YYYY-MM-DD'.
 */
import type { WorkCalendar } from '../tasks/calendar.ts';
import { addDays } from '../lib/shanghai.ts';
import { QUIET_END_HOUR, QUIET_START_HOUR } from './policy-config.ts';
import { shanghaiDay, shanghaiInstant, shanghaiParts } from '../lib/shanghai.ts';

export interface WorkdayIndex {
  isWorkday(day: string): boolean;
  /** working days strictly after `from` up to and including `to` (0 when to ≤ from) */
  between(from: string, to: string): number;
  /** the n-th working day after (n > 0) or before (n < 0) `day`, day itself not counted */
  add(day: string, n: number): string;
  /** the first working day on or after `day` */
  next(day: string): string;
  /** the days from `from` to `to` inclusive (cached for the last window asked) */
  window(from: string, to: string): readonly string[];
}

function dayOfYear(day: string): { year: number; index: number } {
  const year = Number(day.slice(0, 4));
  const index = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86400_000);
  return { year, index };
}

export function createWorkdayIndex(cal: WorkCalendar): WorkdayIndex {
  /** year → cumulative working days up to and including each day of the year; [366] = year total */
  const years = new Map<number, Int32Array>();
  const totals = new Map<number, number>(); // working days in all years before this one, from 1970
  function table(year: number): Int32Array {
    let t = years.get(year);
    if (t) return t;
    t = new Int32Array(367);
    let n = 0;
    for (let i = 0, d = `${year}-01-01`; d.startsWith(String(year)); i += 1, d = addDays(d, 1)) {
      if (cal.isWorkday(d)) n += 1;
      t[i] = n;
      t[366] = n;
    }
    years.set(year, t);
    return t;
  }
  function before(year: number): number {
    const hit = totals.get(year);
    if (hit !== undefined) return hit;
    // anchor at the earliest year asked for; only differences are ever used
    const known = [...totals.keys()];
    let base: number;
    if (!known.length) base = 0;
    else {
      const nearest = known.reduce((a, b) => (Math.abs(b - year) < Math.abs(a - year) ? b : a));
      base = totals.get(nearest)!;
      if (nearest < year) for (let y = nearest; y < year; y += 1) base += table(y)[366]!;
      else for (let y = year; y < nearest; y += 1) base -= table(y)[366]!;
    }
    totals.set(year, base);
    return base;
  }
  // Many tasks share a deadline: memoise per day (bounded by the days a process ever asks about).
  const ordinals = new Map<string, number>();
  const ordinal = (day: string): number => {
    let o = ordinals.get(day);
    if (o === undefined) {
      const { year, index } = dayOfYear(day);
      ordinals.set(day, (o = before(year) + table(year)[index]!));
    }
    return o;
  };
  const works = new Map<string, boolean>();
  const isWorkday = (day: string): boolean => {
    let w = works.get(day);
    if (w === undefined) {
      const { year, index } = dayOfYear(day);
      const t = table(year);
      works.set(day, (w = t[index]! - (index > 0 ? t[index - 1]! : 0) === 1));
    }
    return w;
  };
  const adds = new Map<string, string>();
  let lastWindow: { key: string; days: string[] } = { key: '', days: [] };
  return {
    isWorkday,
    between: (from, to) => (to <= from ? 0 : ordinal(to) - ordinal(from)),
    add(day, n) {
      const key = `${day}|${n}`;
      const hit = adds.get(key);
      if (hit) return hit;
      let d = day;
      let left = n;
      const step = n >= 0 ? 1 : -1;
      while (left !== 0) {
        d = addDays(d, step);
        if (isWorkday(d)) left -= step;
      }
      adds.set(key, d);
      return d;
    },
    next(day) {
      let d = day;
      while (!isWorkday(d)) d = addDays(d, 1);
      return d;
    },
    window(from, to) {
      const key = `${from}|${to}`;
      if (lastWindow.key !== key) {
        const days: string[] = [];
        for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
        lastWindow = { key, days };
      }
      return lastWindow.days;
    },
  };
}

/** May a message be sent at this instant? Working day, outside quiet hours. */
export function isAllowedInstant(at: Date, days: WorkdayIndex): boolean {
  const { hour } = shanghaiParts(at);
  return days.isWorkday(shanghaiDay(at)) && hour >= QUIET_END_HOUR && hour < QUIET_START_HOUR;
}

/**
 * The first allowed instant at or after `at`: `at` itself when allowed, else `hour`
 * o'clock of the next working day (the same day when it is early morning of a working day).
 */
export function nextAllowedInstant(at: Date, days: WorkdayIndex, hour: number): Date {
  if (isAllowedInstant(at, days)) return at;
  const day = shanghaiDay(at);
  if (days.isWorkday(day) && shanghaiParts(at).hour < QUIET_END_HOUR) return shanghaiInstant(day, hour);
  return shanghaiInstant(days.next(addDays(day, 1)), hour);
}
