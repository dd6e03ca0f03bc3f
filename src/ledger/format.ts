/** How the ledger, bulletin and dashboard write times, days and shares (Asia/Shanghai). */
import { chineseDate, shanghaiDay, shanghaiParts } from '../lib/shanghai.ts';

/** 2025年11月20日 10:05 — an instant as Shanghai wall-clock time. */
export function shanghaiStamp(d: Date): string {
  const p = shanghaiParts(d);
  return `${chineseDate(shanghaiDay(d))} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/**
 * 33.3%, 50.0%, 100.0% — a share always with one decimal, so a 通报's figures read alike
 * (never 33.3% beside 50%); 0.0% of nothing.
 */
export function percentText(n: number, total: number): string {
  if (total <= 0) return '0.0%';
  return `${(Math.round((n / total) * 1000) / 10).toFixed(1)}%`;
}

/** '2025-10-31' from a `@db.Date` column (UTC midnight), or null. */
export function dayOfDate(d: Date | null | undefined): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

/** Escapes text for HTML attribute and element content. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const zh = new Intl.Collator('zh');

/** Chinese sort order for unit names (one collator: `localeCompare(…, 'zh')` builds one per call). */
export function byChinese(a: string, b: string): number {
  return zh.compare(a, b);
}
