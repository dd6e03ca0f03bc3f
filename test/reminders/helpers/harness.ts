/**
 * Reminders on real services: a cloned PostgreSQL database, BullMQ on the shared Redis under
 * a prefix unique to the test, a clock the test moves, and a fake platform Sender that
 * checks every destination is a group route that works unprompted and records what it sent.
 */
import type { Card } from '../../../src/channels/card.ts';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { createQueues, startWorkers, type Queues, type Workers } from '../../../src/queue/queues.ts';
import { fixedClock } from '../../../src/lib/clock.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { chinaCalendar } from '../../../src/tasks/calendar.ts';
import { createReminders, type Reminders } from '../../../src/reminders/index.ts';
import type { ReminderOptions } from '../../../src/reminders/schedule.ts';
import type { Destination, OutboundMessage, Sender, SendResult } from '../../../src/channels/types.ts';
import { createStore } from '../../../src/store/index.ts';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface Sent { at: Date; chatId: string; markdown: string; mention: string[]; card?: Card }

export type FakeSender = Sender & {
  sent: Sent[];
  calls: number;
  /** answer the next calls with these results (then ok) */
  script: ((to: Destination, m: OutboundMessage) => Promise<SendResult> | SendResult) | null;
};

export function fakeSender(now: () => Date): FakeSender {
  const s: FakeSender = {
    platform: 'wecom',
    sent: [],
    calls: 0,
    script: null,
    async send(to, message) {
      s.calls += 1;
      if (to.kind !== 'group') throw new Error(`reminders must go to a group route, got ${to.kind}`);
      if (!to.chatId) throw new Error('group destination without chatId');
      const r = s.script ? await s.script(to, message) : { ok: true };
      if (r.ok) s.sent.push({ at: now(), chatId: to.chatId, markdown: message.markdown, mention: message.mention ?? [], ...(message.card ? { card: message.card } : {}) });
      return r;
    },
  };
  return s;
}

export interface Harness {
  t: TestDatabase;
  prefix: string;
  queues: Queues;
  clock: ReturnType<typeof fixedClock>;
  sender: FakeSender;
  reminders: Reminders;
  workers: Workers | null;
  startWorker(): void;
  /** run every delayed reminder job whose slot has come (by the test clock) and wait until they settle */
  fire(timeoutMs?: number): Promise<string[]>;
  /** delete every Redis key of this test's prefix (a Redis flush that spares other tests) */
  flushRedis(): Promise<number>;
  close(): Promise<void>;
}

export async function createHarness(start: string, options: ReminderOptions = {}, opts: { worker?: boolean } = {}): Promise<Harness> {
  const t = await createTestDatabase('rem');
  const prefix = `trem${randomUUID().slice(0, 8)}`;
  const queues = createQueues({ redisUrl: REDIS_URL, prefix, log: silentLogger });
  const clock = fixedClock(start);
  const sender = fakeSender(() => clock.now());
  const reminders = createReminders({ store: createStore(t.db), enqueue: queues.enqueue, senders: { wecom: sender }, calendar: chinaCalendar, clock, log: silentLogger, options });
  const h: Harness = {
    t, prefix, queues, clock, sender, reminders, workers: null,
    startWorker() {
      h.workers = startWorkers({ redisUrl: REDIS_URL, prefix, log: silentLogger, concurrency: 4, processors: reminders.processors });
    },
    async fire(timeoutMs = 20_000) {
      const now = clock.now();
      const delayed = await queues.queues.reminders.getDelayed();
      const ids: string[] = [];
      for (const job of delayed) {
        const row = await t.db.reminder.findUnique({ where: { id: job.data.reminderId } });
        if (row && row.slot <= now) { await job.promote(); ids.push(row.id); }
      }
      await waitFor(async () => {
        const busy = await t.db.reminder.count({ where: { id: { in: ids }, state: { in: ['queued', 'sending'] } } });
        const counts = await queues.queues.reminders.getJobCounts('active', 'wait', 'prioritized');
        return busy === 0 && counts.active === 0 && counts.wait === 0 && counts.prioritized === 0;
      }, { timeoutMs, everyMs: 15, what: 'the fired reminders to settle' });
      return ids;
    },
    async flushRedis() {
      const r = new Redis(REDIS_URL);
      let n = 0;
      let cursor = '0';
      do {
        const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) n += await r.del(...keys);
      } while (cursor !== '0');
      r.disconnect();
      return n;
    },
    async close() {
      await h.workers?.close();
      await h.flushRedis();
      await queues.close();
      await t.drop();
    },
  };
  if (opts.worker !== false) h.startWorker();
  return h;
}
