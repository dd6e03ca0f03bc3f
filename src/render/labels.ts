/**
 * Short words shown inside answers, lists and pages (status names, periods, roles), read once
 * from templates/labels.json so that no user-visible word lives in src/. The ledger's own
 * column headers and event names are in templates/ledger/labels.json (src/ledger/labels.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Mustache from 'mustache';
import { z } from 'zod';
import type { TaskStatus } from '../tasks/status.ts';
import { TEMPLATES_DIR } from './render.ts';

const Words = z.object({
  status: z.record(z.enum(['done', 'review', 'overdue', 'due_soon', 'on_track', 'ongoing', 'unknown']), z.string()),
  window: z.record(z.string(), z.string()),
  recurrence: z.record(z.string(), z.string()),
  role: z.object({ member: z.string(), leader: z.string(), admin: z.string() }),
  weekday: z.array(z.string()).length(7),
  noUnit: z.string(),
  dueUnknown: z.string(),
  dueOngoing: z.string(),
  untitledPlan: z.string(),
  percentOnly: z.string(),
  statusCount: z.string(),
  listSeparator: z.string(),
  clauseSeparator: z.string(),
  previewWhen: z.string(),
  actions: z.record(z.string(), z.string()),
  origin: z.object({ instruction: z.string(), meeting: z.string(), other: z.string() }),
  taskState: z.object({ open: z.string(), claimed_done: z.string(), done: z.string(), cancelled: z.string() }),
});
export type Words = z.infer<typeof Words>;

let cached: Words | null = null;

/** The words, parsed on first use (a malformed file fails loudly, naming the field). */
export function words(): Words {
  cached ??= Words.parse(JSON.parse(readFileSync(path.join(TEMPLATES_DIR, 'labels.json'), 'utf8')));
  return cached;
}

const fill = (t: string, data: Record<string, unknown>) => Mustache.render(t, data, {}, { escape: (v: unknown) => String(v) });

/** 逾期, 临期, 待销号 … */
export function statusLabel(s: TaskStatus): string {
  return words().status[s];
}

/** The period a query covered: 本周, 近10天, 2025年12月10日前 (a day, already written in Chinese). */
export function windowLabel(window: string | null, beforeDay?: string | null): string {
  const w = words().window;
  if (beforeDay) return fill(w.beforeDay!, { date: beforeDay });
  if (!window) return w.default!;
  const nd = /^next_(\d+)d$/.exec(window);
  if (nd) return fill(w.nextDays!, { n: nd[1] });
  return w[window] ?? window;
}

/** 每年 / 每季度 / 每月, or null for anything else. */
export function recurrenceLabel(recurring: string | null | undefined): string | null {
  return recurring ? (words().recurrence[recurring] ?? null) : null;
}

export function roleLabel(role: 'member' | 'leader' | 'admin'): string {
  return words().role[role];
}

/** Unit names joined for display, or 未明确 when a task names none. */
export function unitList(names: string[]): string {
  return names.join(words().listSeparator) || words().noUnit;
}

/** "逾期 3 项，临期 2 项" */
export function statusCounts(counts: { status: TaskStatus; n: number }[]): string {
  return counts.map((c) => fill(words().statusCount, { label: statusLabel(c.status), n: c.n })).join(words().clauseSeparator);
}

export function percentOnly(percent: number): string {
  return fill(words().percentOnly, { percent });
}

/** "2025年12月1日 周一 09:00" */
export function previewWhen(date: string, weekday: number, hour: number, minute: number): string {
  return fill(words().previewWhen, { date, weekday: words().weekday[weekday], time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` });
}

/** 销号, 退回, 进度报送 … (an AuditLog action), or the action code itself when unnamed. */
export function actionLabel(action: string): string {
  return words().actions[action] ?? action;
}

/** 办理中 / 待销号 / 已销号 */
export function stateLabel(state: 'open' | 'claimed_done' | 'done' | 'cancelled'): string {
  return words().taskState[state];
}

/**
 * Where a task comes from, as the office names it: 领导批示（张建国）, 会议议定事项（区政府第12次常务
 * 会议，2026年12月3日）, 其他交办; null for a task of a plan document.
 */
export function originLabel(plan: { origin: 'instruction' | 'meeting' | 'other' | null; originLeader: string | null; meetingName: string | null; meetingDate: Date | null }): string | null {
  if (!plan.origin) return null;
  const date = plan.meetingDate ? `${plan.meetingDate.getUTCFullYear()}年${plan.meetingDate.getUTCMonth() + 1}月${plan.meetingDate.getUTCDate()}日` : null;
  return Mustache.render(words().origin[plan.origin], { leader: plan.originLeader, meeting: plan.meetingName, date }).trim();
}
