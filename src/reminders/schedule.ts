/**
 * Reconcile: PostgreSQL → BullMQ. For every slot within the horizon, the Reminder row
 * (`remind:<unitId>:<slotISO>`, all of the unit's tasks due then) is created or brought
 * up to date, and a 'send-reminder' job is added, delayed to the slot, under an id derived
 * from the row. Re-running it is harmless; after a Redis flush it restores every future
 * reminder, and rows already sent are never touched, so nothing is sent twice. It also
 * takes back rows a dead worker left in 'sending' and re-wakes rows whose job was lost.
 */
import type { Enqueue } from '../queue/jobs.ts';
import type { Logger } from '../lib/logger.ts';
import type { WorkCalendar } from '../tasks/calendar.ts';
import type { ReminderStore } from '../store/reminders.ts';
import { createWorkdayIndex, digestSlots, nextAllowedInstant, resolvePolicy, type PolicyOverrides, type WorkdayIndex } from './policy.ts';
import { digestId, indexFacts, planDrafts, type Draft } from './plan-slots.ts';

export interface ReminderOptions {
  /** how far ahead rows and delayed jobs are created; the periodic reconcile extends it */
  horizonDays?: number;
  /** a row 'sending' for longer than this without an attempt finishing belongs to a dead worker */
  leaseMs?: number;
  /** a queued row whose slot passed less than this ago is still sent; older ones are recorded MISSED */
  catchUpMs?: number;
  /** process-wide policy defaults (e.g. REMINDER_HOUR), below plan and task overrides */
  base?: PolicyOverrides;
}

export interface ScheduleDeps {
  store: ReminderStore;
  enqueue: Enqueue;
  calendar: WorkCalendar;
  log: Logger;
  options?: ReminderOptions;
}

export interface ReconcileResult { created: number; updated: number; dropped: number; enqueued: number; takenBack: number; missed: number }

export const DEFAULTS = { horizonDays: 10, leaseMs: 10 * 60_000, catchUpMs: 12 * 3600_000 } as const;

const indexes = new WeakMap<WorkCalendar, WorkdayIndex>();
export function workdays(cal: WorkCalendar): WorkdayIndex {
  let i = indexes.get(cal);
  if (!i) indexes.set(cal, (i = createWorkdayIndex(cal)));
  return i;
}

const itemsKey = (items: { taskId: string; step: string; daysOverdue: number }[]) =>
  items.map((i) => `${i.taskId}:${i.step}:${i.daysOverdue}`).sort().join(',');

/** Wake the row at its slot (or at the next allowed instant when the slot has passed). */
async function wake(deps: ScheduleDeps, row: { id: string; slot: Date; attempts: number }, now: Date): Promise<void> {
  const hour = resolvePolicy(null, null, deps.options?.base).hour;
  const at = row.slot > now ? row.slot : nextAllowedInstant(now, workdays(deps.calendar), hour);
  const delayMs = Math.max(0, at.getTime() - now.getTime());
  if (row.attempts === 0) await deps.enqueue('send-reminder', { reminderId: row.id }, { delayMs });
  else await deps.enqueue('resend-reminder', { reminderId: row.id, attempt: row.attempts }, { delayMs });
}

async function wakeAll(deps: ScheduleDeps, rows: { id: string; slot: Date; attempts: number }[], now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await Promise.all(rows.slice(i, i + 500).map((r) => wake(deps, r, now)));
}

/**
 * Bring the rows of these units (undefined = every unit) in line with the policy for
 * [now, now + horizon], then (re)add their delayed jobs.
 */
export async function reconcileUnits(deps: ScheduleDeps, unitIds: string[] | undefined, now: Date): Promise<ReconcileResult> {
  const { store } = deps;
  const horizon = deps.options?.horizonDays ?? DEFAULTS.horizonDays;
  const to = new Date(now.getTime() + horizon * 86400_000);
  const t0 = performance.now();
  const [rows, reports, sent, existing] = await Promise.all([
    store.facts.pairs({ unitIds }), store.facts.lastReports(unitIds), store.facts.lastReminders(unitIds), store.existingFrom(now, unitIds),
  ]);
  const t1 = performance.now();
  const desired = planDrafts(rows, indexFacts(reports, sent), now, to, workdays(deps.calendar), deps.options?.base);
  const have = new Map(existing.map((e) => [e.id, e]));
  const create: Draft[] = [];
  const update: Draft[] = [];
  for (const d of desired.values()) {
    const e = have.get(d.id);
    if (!e) create.push(d);
    else if (e.state === 'queued' && (itemsKey(e.items) !== itemsKey(d.items) || e.kind !== d.kind)) update.push(d);
  }
  const drop = existing.filter((e) => e.state === 'queued' && !desired.has(e.id)).map((e) => e.id);
  const t2 = performance.now();
  await store.createMany(create);
  for (const d of update) await store.replaceItems(d);
  const dropped = drop.length ? await store.dropQueued(drop) : 0;
  const wakeRows = [...desired.values()].filter((d) => { const e = have.get(d.id); return !e || e.state === 'queued'; })
    .map((d) => ({ id: d.id, slot: d.slot, attempts: have.get(d.id)?.attempts ?? 0 }));
  const t3 = performance.now();
  await wakeAll(deps, wakeRows, now);
  const ms = { read: Math.round(t1 - t0), plan: Math.round(t2 - t1), write: Math.round(t3 - t2), enqueue: Math.round(performance.now() - t3) };
  deps.log.info({ units: unitIds?.length ?? 'all', created: create.length, updated: update.length, dropped, enqueued: wakeRows.length, ms }, 'reminders reconciled');
  return { created: create.length, updated: update.length, dropped, enqueued: wakeRows.length, takenBack: 0, missed: 0 };
}

/** Rows a dead worker left 'sending' past the lease go back to queued and get a new wake-up. */
async function recover(deps: ScheduleDeps, now: Date): Promise<{ takenBack: number; missed: number; enqueued: number }> {
  const { store } = deps;
  const leaseMs = deps.options?.leaseMs ?? DEFAULTS.leaseMs;
  const leaseStart = new Date(now.getTime() - leaseMs);
  let takenBack = 0;
  for (const r of await store.stuckSending(leaseStart)) {
    const attempts = await store.takeBack(r.id);
    if (attempts === null) continue;
    takenBack += 1;
    deps.log.warn({ reminderId: r.id }, 'reminder was left sending by a stopped worker; taken back');
  }
  let missed = 0;
  const late: { id: string; slot: Date; attempts: number }[] = [];
  for (const r of await store.pastQueued(now, leaseStart)) {
    if (now.getTime() - r.slot.getTime() > (deps.options?.catchUpMs ?? DEFAULTS.catchUpMs)) {
      await store.markMissed(r.id);
      missed += 1;
      deps.log.warn({ reminderId: r.id, slot: r.slot }, 'reminder slot passed long ago with no worker; recorded MISSED');
    } else late.push(r);
  }
  await wakeAll(deps, late, now);
  return { takenBack, missed, enqueued: late.length };
}

/** The next weekly digests to the leaders' group, within the horizon. */
async function scheduleDigests(deps: ScheduleDeps, now: Date): Promise<number> {
  const horizon = deps.options?.horizonDays ?? DEFAULTS.horizonDays;
  const policy = resolvePolicy(null, null, deps.options?.base);
  const slots = digestSlots(policy, now, new Date(now.getTime() + horizon * 86400_000), workdays(deps.calendar));
  for (const slot of slots) await deps.store.ensureDigest(digestId(slot), slot);
  const rows = await deps.store.queuedDigestsFrom(now);
  await wakeAll(deps, rows, now);
  return rows.length;
}

/** The whole schedule from PostgreSQL: at start-up, every few minutes, and on `npx duban reminders reconcile`. */
export async function reconcileAll(deps: ScheduleDeps, now: Date): Promise<ReconcileResult> {
  const rec = await recover(deps, now);
  const r = await reconcileUnits(deps, undefined, now);
  const digests = await scheduleDigests(deps, now);
  return { ...r, takenBack: rec.takenBack, missed: rec.missed, enqueued: r.enqueued + rec.enqueued + digests };
}

/** A task's deadline, state or pause changed (extension approved, 销号, cancelled): reschedule its units at once. */
export async function rescheduleTask(deps: ScheduleDeps, taskId: string, now: Date): Promise<ReconcileResult> {
  return reconcileUnits(deps, await deps.store.facts.unitsOfTask(taskId), now);
}
