/**
 * 定期报送 cycles, pure: "每月25日前报送进展", "每季度末报送", "每周五前反馈". A cycle is a
 * calendar period (week, month, quarter, year) with a due day inside it; a report made
 * anywhere in the period counts for it. Recurring tasks (每月/每季度/每年) are cycles whose
 * due day is the period's last day. The reminder policy (ask before the due day, 催报 after
 * it), the not-reported query and the ledger's 报送率 all read cycles from here.
 */
import { z } from 'zod';
import { addDays, lastDayOfMonth } from '../lib/shanghai.ts';

export const ReportCycle = z.object({
  every: z.enum(['week', 'month', 'quarter', 'year']),
  /** month: day of the month; quarter: day of the quarter's last month; week: ISO weekday; 0 = the period's last day (week: Friday) */
  day: z.number().int().min(0).max(31),
});
export type ReportCycle = z.infer<typeof ReportCycle>;

export interface CycleWindow {
  /** first and last day of the period, 'YYYY-MM-DD' */
  start: string;
  end: string;
  /** the day reports are due */
  due: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const weekday = (d: string) => ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The cycle whose period contains `day`. */
export function cycleAt(c: ReportCycle, day: string): CycleWindow {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  if (c.every === 'week') {
    const start = addDays(day, 1 - weekday(day));
    return { start, end: addDays(start, 6), due: addDays(start, (c.day || 5) - 1) };
  }
  const months = c.every === 'month' ? 1 : c.every === 'quarter' ? 3 : 12;
  const first = Math.floor((m - 1) / months) * months + 1;
  const lastMonth = first + months - 1;
  const start = `${y}-${pad(first)}-01`;
  const end = lastDayOfMonth(y, lastMonth);
  const due = c.day === 0 || c.every === 'year' ? end : `${y}-${pad(lastMonth)}-${pad(Math.min(c.day, Number(end.slice(8))))}`;
  return { start, end, due };
}

/** The cycles whose periods meet [from, to], in order. */
export function cyclesBetween(c: ReportCycle, from: string, to: string): CycleWindow[] {
  const out: CycleWindow[] = [];
  for (let w = cycleAt(c, from); w.start <= to; w = cycleAt(c, addDays(w.end, 1))) out.push(w);
  return out;
}

/** The cycle a recurring task (每月/每季度/每年) is reported on: due on its period's last day. */
export function cycleOfRecurrence(r: string | null): ReportCycle | null {
  return RECURRENCE[r as keyof typeof RECURRENCE] ?? null;
}
/** shared objects: the reminder policy caches a cycle's days by its identity */
const RECURRENCE = {
  monthly: Object.freeze({ every: 'month', day: 0 }), quarterly: Object.freeze({ every: 'quarter', day: 0 }), yearly: Object.freeze({ every: 'year', day: 0 }),
} as const satisfies Record<string, ReportCycle>;

const NUM = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
const CN: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 日: 7, 天: 7, 末: 5 };
function int(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 1) return CN[s] ?? (s === '十' ? 10 : 0);
  const [a, b] = s.split('十');
  return (a ? CN[a]! : 1) * 10 + (b ? CN[b]! : 0);
}

/** The words that make a cycle a reporting one, not a deadline: 报送, 反馈, 上报, 报告 … */
const REPORT = /报送|反馈|上报|报告|汇报|报进展|报进度|报/;

/**
 * A reporting cycle written in a plan or a chat setting, or null: "每月25日前报送进展",
 * "每月底报送", "每季度末报送", "每季度最后一个月20日前报送", "每周五前反馈工作进展", "每月报送一次".
 */
export function readCycle(text: string): ReportCycle | null {
  const s = text.normalize('NFKC').replace(/\s+/g, '');
  if (!REPORT.test(s)) return null;
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`每(?:个)?月(?:的)?${NUM}(?:日|号)`).exec(s))) return { every: 'month', day: int(m[1]!) };
  if (/每(?:个)?月(?:底|末|最后一天)/.test(s)) return { every: 'month', day: 0 };
  if ((m = new RegExp(`每(?:个)?季度(?:末月|最后一个月)?(?:的)?${NUM}(?:日|号)`).exec(s))) return { every: 'quarter', day: int(m[1]!) };
  if (/每(?:个)?季度/.test(s)) return { every: 'quarter', day: 0 };
  if ((m = /每(?:周|星期|礼拜)([一二三四五六日天末1-7])/.exec(s))) return { every: 'week', day: int(m[1]!) };
  if (/每(?:周|星期)/.test(s)) return { every: 'week', day: 0 };
  if (/每(?:个)?月|按月/.test(s)) return { every: 'month', day: 0 };
  if (/每(?:半)?年/.test(s)) return { every: 'year', day: 0 };
  return null;
}

const WEEKDAYS = ['', '一', '二', '三', '四', '五', '六', '日'];

/** 每月25日前 / 每月底 / 每季度末 / 每周五前 — how a cycle is written back to users. */
export function cycleLabel(c: ReportCycle): string {
  if (c.every === 'week') return `每周${WEEKDAYS[c.day || 5]}前`;
  if (c.every === 'year') return '每年底前';
  const what = c.every === 'month' ? '每月' : '每季度';
  return c.day === 0 ? `${what}${c.every === 'month' ? '底' : '末'}前` : `${what}${c.every === 'quarter' ? '末月' : ''}${c.day}日前`;
}

/** The cycle a task is reported on, from the stored settings: the task's 定期报送, else its plan's, else its recurrence. */
export function cycleFromSettings(planPolicy: unknown, taskPolicy: unknown, recurring: string | null): ReportCycle | null {
  for (const p of [taskPolicy, planPolicy]) {
    const c = p && typeof p === 'object' && 'reportCycle' in p ? ReportCycle.nullable().safeParse((p as { reportCycle: unknown }).reportCycle) : null;
    if (c?.success) return c.data;
  }
  return cycleOfRecurrence(recurring);
}
