/**
 * Asia/Shanghai calendar helpers. China has had no DST since 1991, so Shanghai time is
 * UTC+8 all year; a calendar day is represented as 'YYYY-MM-DD'.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Shanghai calendar day of an instant, 'YYYY-MM-DD'. */
export function shanghaiDay(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Shanghai wall-clock parts of an instant. */
export function shanghaiParts(d: Date): { year: number; month: number; day: number; hour: number; minute: number; weekday: number } {
  const s = new Date(d.getTime() + SHANGHAI_OFFSET_MS);
  return {
    year: s.getUTCFullYear(), month: s.getUTCMonth() + 1, day: s.getUTCDate(),
    hour: s.getUTCHours(), minute: s.getUTCMinutes(), weekday: s.getUTCDay(),
  };
}

/** The instant of Shanghai wall-clock `day` at `hour:minute`. */
export function shanghaiInstant(day: string, hour = 0, minute = 0): Date {
  const [y, m, dd] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, dd!, hour, minute) - SHANGHAI_OFFSET_MS);
}

/** 'YYYY-MM-DD' + n calendar days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
}

/** Whole calendar days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400_000);
}

/** Is 'YYYY-MM-DD' a real calendar day? */
export function isRealDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.toISOString().slice(0, 10) === day;
}

/** Last day of a month, 'YYYY-MM-DD'. */
export function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** 2025年10月31日 — how dates are written in messages. */
export function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** "12月8日 10:02" (Asia/Shanghai). */
export function shortTime(d: Date): string {
  const p = shanghaiParts(d);
  return `${p.month}月${p.day}日 ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}
