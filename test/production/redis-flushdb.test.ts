// Needs PostgreSQL (a fresh test database, seeded with a plan whose units have reminders
// scheduled) and its OWN redis-server (test/helpers/redis-instance.ts), because it runs a real
// FLUSHDB while a `duban worker` stays connected: no reconnection, no restart, every job, lock,
// delayed reminder and the periodic reconcile's schedule gone at once. The worker must notice
// by itself (a sentinel key and the scheduler, checked every 10 s) and rebuild the queues
// from PostgreSQL: all 500 messages stored once, reported once and answered once, the
// reminders and the schedule back, within a minute.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Child } from '../helpers/process.ts';
import type { TestDatabase } from '../helpers/db.ts';
import { startRedisInstance, type RedisInstance } from '../helpers/redis-instance.ts';
import { seedPlan } from '../helpers/seed.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { deliverAll, jobCounts, outcomes, startDeployment, unitMessages, waitSettled, type Deployment, type Platform } from './harness.ts';

const N = 500;
/** Stated in the README (Operations): after a FLUSHDB, everything is rebuilt and answered within this. */
const REBUILT_WITHIN_MS = 60_000;
let d: Deployment;
let t: TestDatabase;
let redis: RedisInstance;
let platform: Platform;
let prefix: string;
let children: Child[];

beforeAll(async () => {
  redis = await startRedisInstance();
  d = await startDeployment({
    tag: 'fl',
    redisUrl: redis.url,
    seed: async ({ db }) => {
      const seeded = await seedPlan(db, 'dingtalk');
      // a deadline ahead, so the unit has reminders waiting as delayed jobs
      await db.task.update({ where: { id: seeded.tasks['二.(五)'] }, data: { dueDate: new Date(Date.now() + 5 * 86400_000), dueKind: 'date' } });
      await db.deadline.updateMany({ where: { taskId: seeded.tasks['二.(五)'] }, data: { date: new Date(Date.now() + 5 * 86400_000), kind: 'date', raw: '五天后' } });
    },
  });
  ({ t, platform, prefix, children } = d);
}, 90_000);

afterAll(async () => {
  await d?.stop();
  await redis?.stop();
});

async function schedulers(): Promise<string[]> {
  const q = new Queue('reminders', { connection: { url: redis.url, maxRetriesPerRequest: 1 }, prefix });
  const s = await q.getJobSchedulers();
  await q.close();
  return s.map((x) => x.key);
}

it('FLUSHDB on the live Redis mid-burst: the worker notices, rebuilds from PostgreSQL, and 500 messages are answered once', async () => {
  const [web, worker] = children as [Child, Child];
  expect(await schedulers()).toContain('reconcile');
  const remindersBefore = (await jobCounts(redis.url, prefix, ['reminders'])).delayed ?? 0;
  expect(remindersBefore).toBeGreaterThan(0);

  const { msgs, reports } = unitMessages(platform, N);
  const delivering = deliverAll(platform, () => web.url, msgs);
  await waitFor(() => platform.api.calls('/robot/sendBySession').length >= N / 5, { timeoutMs: 60_000, everyMs: 5, what: 'a fifth of the answers' });
  const admin = new Redis(redis.url);
  const keys = await admin.dbsize();
  expect(await admin.flushdb()).toBe('OK');
  const flushedAt = Date.now();
  expect(await admin.dbsize()).toBeLessThan(keys / 4); // gone (the web may already have queued a few new ones)
  await admin.quit();
  await delivering;

  const rows = await waitSettled(t.db, redis.url, prefix, N, REBUILT_WITHIN_MS);
  const settledMs = Date.now() - flushedAt;
  expect(await schedulers()).toContain('reconcile');
  expect((await jobCounts(redis.url, prefix, ['reminders'])).delayed ?? 0).toBeGreaterThanOrEqual(remindersBefore);
  expect(worker.logs().filter((l) => String(l.msg).startsWith('redis lost its state'))).toHaveLength(1);
  expect(worker.exitInfo).toBeNull();

  const o = outcomes(platform, msgs, rows);
  expect(o.notStoredOnce).toEqual([]);
  expect(o.notAnsweredOnce).toEqual([]);
  expect(o.unknown).toEqual([]);
  expect(await t.db.progressReport.count({ where: { kind: 'progress' } })).toBe(reports);
  expect(platform.api.violations).toEqual([]);
  console.log(`FLUSHDB: ${N} messages answered once, schedule and ${remindersBefore} reminders back, ${(settledMs / 1000).toFixed(1)} s after the flush`);
}, 180_000);
