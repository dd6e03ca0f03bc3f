/**
 * From facts (task–unit pairs, latest reports, latest reminders) to reminder drafts: one
 * per unit per slot, holding ALL of that unit's tasks due in the slot, so a unit with five
 * tasks due gets one message listing five. Pure; used by schedule, delivery re-checks
 * and preview so the three can never disagree.
 */
import { resolvePolicy, slotsFor, type PairFacts, type PolicyOverrides, type Recurrence, type Slot, type WorkdayIndex, kindOf } from './policy.ts';
import type { PairRow } from '../store/reminder-facts.ts';

export interface DraftItem {
  taskId: string;
  step: string;
  /** overdue working days at the slot */
  daysOverdue: number;
  periodEnd?: string;
}

export interface Draft {
  id: string;
  kind: string;
  unitId: string;
  slot: Date;
  items: DraftItem[];
}

/** The deterministic row id: one unit, one instant. */
export function reminderId(unitId: string, slot: Date): string {
  return `remind:${unitId}:${slot.toISOString()}`;
}

export function digestId(slot: Date): string {
  return `digest:${slot.toISOString()}`;
}

export interface FactsIndex {
  reports: Map<string, Date>;
  reminders: Map<string, { step: string; at: Date }>;
}

const pairKey = (taskId: string, unitId: string) => `${taskId}|${unitId}`;

export function indexFacts(reports: { taskId: string; unitId: string; at: Date }[], reminders: { taskId: string; unitId: string; step: string; at: Date }[]): FactsIndex {
  return {
    reports: new Map(reports.map((r) => [pairKey(r.taskId, r.unitId), r.at])),
    reminders: new Map(reminders.map((r) => [pairKey(r.taskId, r.unitId), { step: r.step, at: r.at }])),
  };
}

function latest(...ds: (Date | null)[]): Date | null {
  let out: Date | null = null;
  for (const d of ds) if (d && (!out || d > out)) out = d;
  return out;
}

/** One row as the policy sees it: pauses merged, policy = config ← plan ← task overrides. */
export function pairFacts(row: PairRow, facts: FactsIndex, base: PolicyOverrides = {}): PairFacts {
  const k = pairKey(row.taskId, row.unitId);
  return {
    state: row.state,
    dueDate: row.dueDate,
    dueKind: row.dueKind,
    recurring: row.recurring === 'yearly' || row.recurring === 'quarterly' || row.recurring === 'monthly' ? (row.recurring as Recurrence) : null,
    pausedUntil: latest(row.taskPausedUntil, row.unitPausedUntil, row.planPausedUntil),
    lastReportAt: facts.reports.get(k) ?? null,
    lastReminder: facts.reminders.get(k) ?? null,
    policy: resolvePolicy(row.planPolicy, row.taskPolicy, base),
    reachedAt: row.reachedAt ?? null,
    told: Boolean(row.toldAt),
    signedAt: row.signedAt ?? null,
  };
}

/** The slots of every pair in [from, to], grouped by unit and instant. */
export function planDrafts(rows: PairRow[], facts: FactsIndex, from: Date, to: Date, days: WorkdayIndex, base: PolicyOverrides = {}): Map<string, Draft> {
  const drafts = new Map<string, Draft>();
  const iso = new Map<number, string>();
  for (const row of rows) {
    const slots: Slot[] = slotsFor(pairFacts(row, facts, base), from, to, days);
    for (const s of slots) {
      let slotIso = iso.get(s.at.getTime());
      if (!slotIso) iso.set(s.at.getTime(), (slotIso = s.at.toISOString()));
      const id = `remind:${row.unitId}:${slotIso}`;
      let d = drafts.get(id);
      if (!d) drafts.set(id, (d = { id, kind: '', unitId: row.unitId, slot: s.at, items: [] }));
      if (d.items.some((i) => i.taskId === row.taskId)) continue;
      d.items.push({ taskId: row.taskId, step: s.step, daysOverdue: s.workdaysOverdue, ...(s.periodEnd ? { periodEnd: s.periodEnd } : {}) });
    }
  }
  for (const d of drafts.values()) d.kind = kindOf(d.items.map((i) => i.step));
  return drafts;
}
