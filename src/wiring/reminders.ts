/**
 * The reminders module of one runtime, created on first use (a web process never loads it),
 * with the office-wide policy from REMINDER_POLICY and the weekly 通报 the Monday digest
 * attaches; its job processors and the full reconcile from PostgreSQL. `remindersWithin`
 * gives the same module bound to a message's transaction (its writes commit with the
 * message; its jobs are enqueued by the caller after the commit).
 */
import type { Processors } from '../queue/queues.ts';
import type { Enqueue } from '../queue/jobs.ts';
import type { Runtime } from '../main.ts';
import type { Store } from '../store/index.ts';
import type { Reminders } from '../reminders/index.ts';

const ledger = () => import('../ledger/index.ts');

const REMINDERS = new WeakMap<Runtime, Promise<Reminders>>();

/** The reminders module for this runtime, created once. */
export function remindersOf(rt: Runtime): Promise<Reminders> {
  let r = REMINDERS.get(rt);
  if (!r) {
    r = createFor(rt, rt.store, rt.enqueue);
    REMINDERS.set(rt, r);
  }
  return r;
}

/** The reminders module working in `store` (a transaction) and enqueuing through `enqueue`. */
export function remindersWithin(rt: Runtime, store: Store, enqueue: Enqueue): Promise<Reminders> {
  return createFor(rt, store, enqueue);
}

function createFor(rt: Runtime, store: Store, enqueue: Enqueue): Promise<Reminders> {
  return Promise.all([import('../reminders/index.ts'), import('../tasks/calendar.ts'), import('../reminders/policy-config.ts')]).then(([m, cal, policy]) => {
    const office = policy.PolicyOverrides.safeParse(rt.config.REMINDER_POLICY ?? {});
    if (!office.success) throw new Error(`配置错误 REMINDER_POLICY: ${office.error.issues[0]?.path.join('.')} ${office.error.issues[0]?.message}`);
    const base = { hour: rt.config.REMINDER_HOUR, ...office.data };
    const weeklyBulletin = async (now: Date) => {
      const b = await (await ledger()).buildBulletin(rt.store.ledger, { now, rules: rt.config.ASSESSMENT_RULES });
      return { name: b.fileName, content: await b.docx() };
    };
    return m.createReminders({ store, enqueue, senders: rt.senders, calendar: cal.chinaCalendar, clock: rt.clock, log: rt.log, options: { base }, weeklyBulletin });
  });
}

export function reminderProcessors(rt: Runtime): Processors {
  return {
    'send-reminder': async (p, j) => (await remindersOf(rt)).processors['send-reminder']!(p, j),
    'resend-reminder': async (p, j) => (await remindersOf(rt)).processors['resend-reminder']!(p, j),
  };
}

export async function reconcileReminders(rt: Runtime): Promise<void> {
  await (await remindersOf(rt)).reconcileAll();
}
