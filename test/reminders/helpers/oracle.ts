/**
 * An independent statement of the reminder policy for the year test, written the slow,
 * obvious way (walk every day, count working days one by one with chinese-days), so the
 * fast implementation is checked against the policy and not against itself.
 */
import chineseDays from 'chinese-days';
import { addDays, chineseDate, daysBetween, lastDayOfMonth, shanghaiInstant } from '../../../src/lib/shanghai.ts';

export interface OracleTask { path: string; title: string; units: string[]; due?: string; recurring?: 'yearly' | 'quarterly' | 'monthly'; doneOn?: string }
export interface OracleEvent { at: Date; kind: 'report' | 'extend' | 'pause'; path?: string; unit?: string; until?: Date; newDue?: string }
export interface ExpectedMessage { at: Date; unit: string; lines: string[]; escalated: string[] }

const work = (d: string) => chineseDays.isWorkday(d);
/** working days d with a ≤ d ≤ b */
function countWork(a: string, b: string): number {
  let n = 0;
  for (let d = a; d <= b; d = addDays(d, 1)) if (work(d)) n += 1;
  return n;
}
const LABEL = { yearly: '每年', quarterly: '每季度', monthly: '每月' } as const;

function periodOf(kind: 'yearly' | 'quarterly' | 'monthly', day: string): { start: string; end: string } {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const first = kind === 'yearly' ? 1 : kind === 'quarterly' ? Math.floor((m - 1) / 3) * 3 + 1 : m;
  const last = kind === 'yearly' ? 12 : kind === 'quarterly' ? first + 2 : m;
  return { start: `${y}-${String(first).padStart(2, '0')}-01`, end: lastDayOfMonth(y, last) };
}

/** Every unit message the policy calls for in [from, to) (days 'YYYY-MM-DD'), reminders at 09:00. */
export function expectedMessages(tasks: OracleTask[], events: OracleEvent[], from: string, to: string): ExpectedMessage[] {
  const out: ExpectedMessage[] = [];
  const lastSent = new Map<string, { step: string; at: Date }>();
  const before = (at: Date) => events.filter((e) => e.at <= at);
  for (let day = from; day < to; day = addDays(day, 1)) {
    if (!work(day)) continue;
    const at = shanghaiInstant(day, 9);
    const past = before(at);
    const units = [...new Set(tasks.flatMap((t) => t.units))];
    for (const unit of units) {
      const pause = past.filter((e) => e.kind === 'pause' && e.unit === unit).at(-1);
      if (pause && pause.until! > at) continue;
      const items: { path: string; step: string; line: string; esc?: string }[] = [];
      for (const t of tasks.filter((x) => x.units.includes(unit))) {
        if (t.doneOn && day > t.doneOn) continue;
        const lastReport = past.filter((e) => e.kind === 'report' && e.path === t.path && e.unit === unit).at(-1)?.at;
        if (t.recurring) {
          const p = periodOf(t.recurring, day);
          if (countWork(day, p.end) !== 5 || (lastReport && lastReport >= shanghaiInstant(p.start))) continue;
          items.push({ path: t.path, step: 'recurring', line: `${t.path} ${t.title}｜${LABEL[t.recurring]}报送，本期截止 ${chineseDate(p.end)}` });
          continue;
        }
        const due = past.filter((e) => e.kind === 'extend' && e.path === t.path).at(-1)?.newDue ?? t.due!;
        let step: string | null = null;
        let status = '';
        let esc: string | undefined;
        if (day < due) {
          const n = countWork(day, addDays(due, -1));
          if ([7, 3, 1].includes(n)) { step = `before_${n}`; status = `还剩 ${daysBetween(day, due)} 天`; }
        } else if (day === due) { step = 'due'; status = '今天到期'; }
        else {
          const k = countWork(addDays(due, 1), day);
          step = k > 3 ? 'escalate' : 'overdue';
          status = `已逾期 ${daysBetween(due, day)} 天${k > 3 ? '（已报领导督办）' : ''}`;
          if (k > 3) esc = `${t.path} ${t.title}｜时限 ${chineseDate(due)}｜已逾期 ${daysBetween(due, day)} 天（${k} 个工作日）`;
        }
        if (!step) continue;
        const last = lastSent.get(`${t.path}|${unit}`);
        // a report skips the rest of a before or overdue step; escalation keeps going
        if (last && lastReport && lastReport > last.at && last.step === step && step !== 'escalate') continue;
        items.push({ path: t.path, step, line: `${t.path} ${t.title}｜时限 ${chineseDate(due)}｜${status}`, esc });
      }
      const lines = items;
      if (!lines.length) continue;
      for (const i of lines) lastSent.set(`${i.path}|${unit}`, { step: i.step, at });
      out.push({ at, unit, lines: lines.map((i) => i.line).sort(), escalated: items.filter((i) => i.esc).map((i) => i.esc!).sort() });
    }
  }
  return out;
}

/** Digest days: each Monday, or the first working day after it. */
export function expectedDigests(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) {
    if (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) continue;
    let x = d;
    while (!work(x)) x = addDays(x, 1);
    if (x < to) out.push(x);
  }
  return out;
}
