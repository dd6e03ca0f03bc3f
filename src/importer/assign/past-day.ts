/**
 * A day written for something that already happened (a meeting held 11月18日, a 批示 signed
 * 11.19, 2025年11月13日) → 'YYYY-MM-DD': the latest such day on or before today.
 */
export function pastDayOf(raw: string, today: string): string | null {
  const m = /(?:(\d{4})\s*[年.\-/])?\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})/.exec(raw);
  if (!m) return null;
  const mm = Number(m[2]);
  const dd = Number(m[3]);
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  let y = m[1] ? Number(m[1]) : Number(today.slice(0, 4));
  if (!m[1] && `${y}-${pad(mm)}-${pad(dd)}` > today) y -= 1;
  return `${y}-${pad(mm)}-${pad(dd)}`;
}
