/**
 * A worker process for the "killed mid-send" test: it runs the real reminder processors
 * with a Sender that announces the send on stdout and never answers, so the parent can
 * kill -9 it in the middle of a send. argv: databaseUrl prefix clockISO.
 */
import { createDb } from '../../../src/store/db.ts';
import { startWorkers } from '../../../src/queue/queues.ts';
import { createQueues } from '../../../src/queue/queues.ts';
import { fixedClock } from '../../../src/lib/clock.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { chinaCalendar } from '../../../src/tasks/calendar.ts';
import { createReminders } from '../../../src/reminders/index.ts';
import { createStore } from '../../../src/store/index.ts';

const [databaseUrl, prefix, clockIso] = process.argv.slice(2) as [string, string, string];
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const db = createDb(databaseUrl, { poolSize: 2 });
const queues = createQueues({ redisUrl, prefix, log: silentLogger });
const hang = { platform: 'wecom' as const, send: () => { process.stdout.write('SENDING\n'); return new Promise<never>(() => {}); } };
const reminders = createReminders({ store: createStore(db), enqueue: queues.enqueue, senders: { wecom: hang }, calendar: chinaCalendar, clock: fixedClock(clockIso), log: silentLogger });
startWorkers({ redisUrl, prefix, log: silentLogger, concurrency: 1, processors: reminders.processors });
process.stdout.write('READY\n');
