/**
 * Reminders as one object for the composition root: the job processors, reconcile, and
 * the hooks the conversation calls (task changed, "收到", pause/resume, policy, preview). Wire:
 *   const reminders = createReminders({ store, enqueue, senders, calendar, clock, log, options: { base: { hour: REMINDER_HOUR } } })
 *   processors: { ...reminders.processors, reconcile: () => reminders.reconcileAll() }
 */
import type { Store } from '../store/index.ts';
import type { Enqueue } from '../queue/jobs.ts';
import type { Processors } from '../queue/queues.ts';
import type { WorkCalendar } from '../tasks/calendar.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { deliverReminder, type Senders } from './deliver.ts';
import { reconcileAll, rescheduleTask, type ReminderOptions, type ScheduleDeps } from './schedule.ts';
import { recordAck, type AckInput } from './ack.ts';
import { setPause, type PauseScope } from './pause.ts';
import { changePolicy, type PolicyChange, type PolicyScope } from './policy-settings.ts';
import { previewReminders, renderPreview } from './preview.ts';
import { startSigning, type Reach } from './signing.ts';
import { unsignedByUnit } from './unsigned.ts';

export interface RemindersDeps {
  store: Pick<Store, 'reminders' | 'tasks'>;
  enqueue: Enqueue;
  senders: Senders;
  calendar: WorkCalendar;
  clock: Clock;
  log: Logger;
  options?: ReminderOptions;
  /** the weekly 通报 file sent with the Monday digest (built by the ledger module) */
  weeklyBulletin?: (now: Date) => Promise<{ name: string; content: Buffer } | null>;
}

export function createReminders(d: RemindersDeps) {
  const store = d.store.reminders;
  const schedule: ScheduleDeps = { store, enqueue: d.enqueue, calendar: d.calendar, log: d.log, options: d.options };
  const deliver = { store, tasks: d.store.tasks, senders: d.senders, calendar: d.calendar, clock: d.clock, log: d.log, base: d.options?.base, weeklyBulletin: d.weeklyBulletin };
  const preview = { store, calendar: d.calendar, base: d.options?.base };
  const processors: Processors = {
    'send-reminder': ({ reminderId }, job) => deliverReminder(deliver, reminderId, job),
    'resend-reminder': ({ reminderId }, job) => deliverReminder(deliver, reminderId, job),
  };
  return {
    store,
    processors,
    reconcileAll: (now: Date = d.clock.now()) => reconcileAll(schedule, now),
    rescheduleTask: (taskId: string, now: Date = d.clock.now()) => rescheduleTask(schedule, taskId, now),
    recordAck: (a: AckInput) => recordAck({ store }, a),
    /** tasks reached their units (activation, 交办, 改派): 签收 starts — the one entry point */
    startSigning: (reach: Reach, now: Date = d.clock.now()) => startSigning(schedule, reach, now),
    unsigned: (unitId: string | undefined, now: Date = d.clock.now()) => unsignedByUnit({ store, calendar: d.calendar, base: d.options?.base }, unitId, now),
    pause: async (a: { scope: PauseScope; id: string; until: Date | null }) => void (await setPause(schedule, a, d.clock.now())),
    policy: (a: { scope: PolicyScope; id: string; change: PolicyChange }) => changePolicy(schedule, a, d.clock.now()),
    preview: (opts: { unit?: string; days?: number }, now: Date = d.clock.now()) => previewReminders(preview, opts, now),
    renderPreview,
  };
}

export type Reminders = ReturnType<typeof createReminders>;
