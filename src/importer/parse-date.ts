/**
 * Calendar arithmetic for deadlines: the last day of a month, quarter ends, and the day a
 * written part of a month stands for (上旬 → 10th, 中旬 → 20th, 下旬/底/末 → last day).
 * Days are 'YYYY-MM-DD' strings, meaning a day in Asia/Shanghai; no clock is read.
 */

const CN_NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Last day of month `m` (1–12) of year `y`. */
export function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** 'YYYY-MM-DD' of a real day, or null when the parts make no day. */
export function dayOf(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > lastDayOfMonth(y, m)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Day of month meant by a part word after "M月": 上旬 10, 中旬/中 20, 初 10, else the last day. */
export function dayForPart(y: number, m: number, part: string | undefined): number {
  if (part === '上旬' || part === '初') return 10;
  if (part === '中旬') return 20;
  if (part === '中') return 15;
  return lastDayOfMonth(y, m);
}

/** End day of a year part: 上半年 and 年中 06-30, 下半年 12-31, 第N季度 its last day, else 12-31. */
export function endOfYearPart(y: number, part: string | undefined): string {
  if (!part) return `${y}-12-31`;
  if (part.includes('上半年') || part === '中') return `${y}-06-30`;
  const q = /([一二三四1-4])季度/.exec(part);
  if (q) {
    const m = CN_NUM[q[1]!]! * 3;
    return `${y}-${pad(m)}-${pad(lastDayOfMonth(y, m))}`;
  }
  return `${y}-12-31`;
}
