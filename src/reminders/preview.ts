/**
 * `npx duban reminders preview [--unit X] [--days 30]`: what will be sent when, computed
 * by the same policy and grouping as the schedule, without sending or writing anything.
 */
import { previewWhen } from '../render/labels.ts';
import type { ReminderStore } from '../store/reminders.ts';
import type { WorkCalendar } from '../tasks/calendar.ts';
import { chineseDate, shanghaiDay, shanghaiParts } from '../lib/shanghai.ts';
import { render } from '../render/render.ts';
import { digestSlots, resolvePolicy, type PolicyOverrides } from './policy.ts';
import { indexFacts, planDrafts } from './plan-slots.ts';
import { workdays } from './schedule.ts';

export interface PreviewEntry {
  at: Date;
  /** null for the weekly digest to the leaders' group */
  unitId: string | null;
  unitName: string;
  items: { taskId: string; path: string; title: string; step: string; workdaysOverdue: number }[];
  /** the message also goes to the leaders' group */
  leaders: boolean;
  /** the unit has no bound group: the message cannot be delivered until one is bound */
  noGroup: boolean;
}

export interface PreviewDeps {
  store: Pick<ReminderStore, 'facts'>;
  calendar: WorkCalendar;
  base?: PolicyOverrides;
}

/** Every message due in [now, now + days], in order; `unit` is a unit name, alias or id. */
export async function previewReminders(deps: PreviewDeps, opts: { unit?: string; days?: number }, now: Date): Promise<PreviewEntry[]> {
  const f = deps.store.facts;
  const unit = opts.unit ? await f.unitByName(opts.unit) : null;
  if (opts.unit && !unit) throw new Error(`unit not found: ${opts.unit}`);
  const unitIds = unit ? [unit.id] : undefined;
  const to = new Date(now.getTime() + (opts.days ?? 30) * 86400_000);
  const [rows, reports, sent, names, ungrouped] = await Promise.all([f.pairs({ unitIds }), f.lastReports(unitIds), f.lastReminders(unitIds), f.unitNames(unitIds), f.unitsWithoutGroup(unitIds)]);
  const noGroup = new Set(ungrouped.map((u) => u.unitId));
  const tasks = new Map(rows.map((r) => [r.taskId, r]));
  const drafts = planDrafts(rows, indexFacts(reports, sent), now, to, workdays(deps.calendar), deps.base);
  const out: PreviewEntry[] = [...drafts.values()].map((d) => ({
    at: d.slot,
    unitId: d.unitId,
    unitName: names.get(d.unitId) ?? d.unitId,
    items: d.items.map((i) => ({ taskId: i.taskId, path: tasks.get(i.taskId)!.path, title: tasks.get(i.taskId)!.title, step: i.step, workdaysOverdue: i.daysOverdue })),
    leaders: d.items.some((i) => i.step === 'escalate'),
    noGroup: noGroup.has(d.unitId),
  }));
  if (!unit) {
    for (const at of digestSlots(resolvePolicy(null, null, deps.base), now, to, workdays(deps.calendar))) out.push({ at, unitId: null, unitName: '', items: [], leaders: true, noGroup: false });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.unitName.localeCompare(b.unitName));
}

/** The preview as text for the terminal (templates/reminders/preview.md). */
export function renderPreview(entries: PreviewEntry[], opts: { unit?: string; days?: number }): string {
  const lines = entries.map((e) => {
    const p = shanghaiParts(e.at);
    return {
      when: previewWhen(chineseDate(shanghaiDay(e.at)), p.weekday, p.hour, p.minute),
      to: e.unitName,
      digest: e.unitId === null,
      leaders: e.unitId !== null && e.leaders,
      noGroup: e.noGroup,
      items: e.items.map((i, n) => ({
        path: i.path, title: i.title, last: n === e.items.length - 1,
        before: /^before_(\d+)$/.exec(i.step)?.[1] ?? null, due: i.step === 'due', recurring: i.step === 'recurring',
        notice: i.step === 'notice', sign: i.step === 'sign', chase: i.step === 'chase' ? i.workdaysOverdue : null,
        overdue: i.step === 'overdue' ? i.workdaysOverdue : null, escalate: i.step === 'escalate' ? i.workdaysOverdue : null,
      })),
    };
  });
  const undeliverable = lines.filter((l) => l.noGroup).length;
  return render('reminders/preview', { none: !lines.length, days: opts.days ?? 30, unit: opts.unit ?? null, total: lines.length, lines, undeliverable }, { channel: 'console' }).markdown;
}
