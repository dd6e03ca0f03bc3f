/**
 * Calendar arithmetic on Shanghai days 'YYYY-MM-DD' for the date reader: weeks start on
 * Monday, quarters end on 3-31, 6-30, 9-30 and 12-31, festivals are found in the offline
 * `chinese-days` calendar (lunar festivals and the 清明 solar term).
 */
import chineseDays from 'chinese-days';
import { addDays, isRealDay, lastDayOfMonth } from '../../lib/shanghai.ts';

export interface Today {
  day: string;
  y: number;
  m: number;
  d: number;
  /** 1 = Monday … 7 = Sunday */
  wd: number;
}

export function toToday(day: string): Today {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return { day, y, m, d, wd: js === 0 ? 7 : js };
}

export function ymd(y: number, m: number, d: number): string | null {
  const day = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isRealDay(day) ? day : null;
}

/** Day `d` of month y-m, where d = 0 means the month's last day. */
export function dayOfMonth(y: number, m: number, d: number): string | null {
  let yy = y;
  let mm = m;
  while (mm > 12) { mm -= 12; yy += 1; }
  while (mm < 1) { mm += 12; yy -= 1; }
  return d === 0 ? lastDayOfMonth(yy, mm) : ymd(yy, mm, d);
}

/**
 * A month-day without a year: the next occurrence on or after today, or — when the message
 * says it already happened — the latest on or before today. d = 0 is the month's last day.
 */
export function resolveMonthDay(t: Today, m: number, d: number, past: boolean): string | null {
  const years = past ? [t.y, t.y - 1] : [t.y, t.y + 1];
  for (const y of years) {
    const day = dayOfMonth(y, m, d);
    if (!day) continue;
    if (past ? day <= t.day : day >= t.day) return day;
  }
  return null;
}

/** Weekday `wd` (1–7) of the week `offset` weeks from this one. */
export function weekday(t: Today, offset: number, wd: number): string {
  return addDays(t.day, offset * 7 + (wd - t.wd));
}

/** Last day of the quarter containing month m of year y, shifted by `offset` quarters. */
export function quarterEnd(y: number, m: number, offset: number): string {
  const q = Math.floor((m - 1) / 3) + offset;
  const yy = y + Math.floor(q / 4);
  const qq = ((q % 4) + 4) % 4;
  return lastDayOfMonth(yy, qq * 3 + 3);
}

const FIXED: Record<string, [number, number]> = { 元旦: [1, 1], 劳动节: [5, 1], 国庆节: [10, 1] };
const LUNAR: Record<string, string> = { 春节: '01-01', 元宵节: '01-15', 端午节: '05-05', 中秋节: '08-15' };

/** The festival day itself (国庆节 → 10-01, 春节 → lunar new year) on or after `from`. */
export function festivalDay(name: string, from: string): string | null {
  const key = `${name}|${from}`;
  if (!festivalCache.has(key)) {
    if (festivalCache.size > 500) festivalCache.clear();
    festivalCache.set(key, findFestival(name, from));
  }
  return festivalCache.get(key) ?? null;
}

const festivalCache = new Map<string, string | null>();

function findFestival(name: string, from: string): string | null {
  const y = Number(from.slice(0, 4));
  const years = [y - 1, y, y + 1];
  const fixed = FIXED[name];
  let days: string[] = [];
  if (fixed) days = years.map((yy) => ymd(yy, fixed[0], fixed[1])!);
  else if (name === '清明节') days = years.map((yy) => chineseDays.getSolarTermDate(yy, 4, 'pure_brightness'));
  else if (LUNAR[name]) days = years.map((yy) => chineseDays.getSolarDateFromLunar(`${yy}-${LUNAR[name]}`).date);
  return days.filter((d) => d >= from).sort()[0] ?? null;
}
