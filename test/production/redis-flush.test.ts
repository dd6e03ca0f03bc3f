// Needs PostgreSQL (a fresh test database) and its OWN redis-server (test/helpers/
// redis-instance.ts, another port, no persistence), because it stops and restarts Redis
// empty: every job, lock and schedule is gone. PostgreSQL is the truth: reconcile must
// restore the queued work (unhandled messages, unsent answers) and the periodic reconcile
// schedule, and nothing already answered may be answered again. (A FLUSHDB under a worker
// that stays connected is redis-flushdb.test.ts.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { Child } from '../helpers/process.ts';
import { waitFor } from '../helpers/wait-for.ts';
import type { TestDatabase } from '../helpers/db.ts';
import { startRedisInstance, type RedisInstance } from '../helpers/redis-instance.ts';
import { burst, jobCounts, messageRows, startDeployment, waitSettled, type Deployment, type Platform } from './harness.ts';

let d: Deployment;
let t: TestDatabase;
let redis: RedisInstance;
let platform: Platform;
let prefix: string;
let children: Child[];
let start: Deployment['start'];

beforeAll(async () => {
  redis = await startRedisInstance();
  d = await startDeployment({ tag: 'rf', redisUrl: redis.url, processes: [] });
  ({ t, platform, prefix, children, start } = d);
}, 60_000);

afterAll(async () => {
  await d?.stop();
  await redis?.stop();
});

/** As if the flush happened a while after these rows were written (the sweep leaves the last 30 s to in-flight accepts). */
async function age(db: TestDatabase['db']): Promise<void> {
  await db.$executeRaw`update "InboundMessage" set "receivedAt" = "receivedAt" - interval '2 minutes', "handledAt" = "handledAt" - interval '2 minutes'`;
}

async function schedulers(): Promise<string[]> {
  const q = new Queue('reminders', { connection: { url: redis.url }, prefix });
  const s = await q.getJobSchedulers();
  await q.close();
  return s.map((x) => x.key);
}

const answersOf = (msgs: { session: string }[]) => { const a = platform.answersBySession(); return msgs.map((m) => a.get(m.session) ?? 0); };

it('restart with an empty Redis: a new worker re-enqueues unhandled messages and unsent answers from PostgreSQL, answers nothing twice', async () => {
  const web = await start('web');
  const worker = await start('worker');
  expect(await schedulers()).toContain('reconcile');

  const answered = Array.from({ length: 20 }, (_, i) => platform.message(`帮助 ${i}`));
  await burst(answered, 8, async (m) => { expect(await platform.post(web.url, m.body)).toBe(200); });
  await waitFor(() => answersOf(answered).every((n) => n === 1), 20_000);

  // Answers the platform refuses for now: handled, answer stored, retry jobs delayed in Redis.
  platform.proxy.setPlan(() => ({ kind: 'status', status: 502, body: {} }));
  const unsent = Array.from({ length: 10 }, (_, i) => platform.message(`查询 ${i}`));
  await burst(unsent, 8, async (m) => { expect(await platform.post(web.url, m.body)).toBe(200); });
  await waitFor(async () => (await messageRows(t.db)).filter((r) => r.answerState === 'queued').length === 10, 20_000);

  // No worker: these are stored and their jobs wait in Redis.
  await worker.stop();
  const waiting = Array.from({ length: 20 }, (_, i) => platform.message(`2.1 进度${i}%`));
  await burst(waiting, 8, async (m) => { expect(await platform.post(web.url, m.body)).toBe(200); });
  expect((await jobCounts(redis.url, prefix)).waiting).toBeGreaterThanOrEqual(20);

  await age(t.db);
  await redis.restart();
  expect(await jobCounts(redis.url, prefix)).toMatchObject({ waiting: 0, delayed: 0, completed: 0 });

  platform.proxy.setPlan(() => ({ kind: 'pass' }));
  await start('worker');
  const all = [...answered, ...unsent, ...waiting];
  await waitSettled(t.db, redis.url, prefix, all.length, 30_000);
  expect(answersOf(all).filter((n) => n !== 1)).toEqual([]);
  expect(await schedulers()).toContain('reconcile');

  // The web process survived the restart: new callbacks are stored and answered.
  const after = platform.message('帮助 after');
  expect(await platform.post(web.url, after.body)).toBe(200);
  await waitFor(() => answersOf([after])[0] === 1, 15_000);
}, 120_000);

it('Redis down under a running worker, back empty: the reconcile schedule comes back and work stored during the outage is answered once', async () => {
  const web = children.find((c) => c.role === 'web' && !c.exitInfo)!;
  await redis.stop();
  // Redis is down: callbacks are still stored (persist first) and acknowledged.
  const during = Array.from({ length: 5 }, (_, i) => platform.message(`帮助 down ${i}`));
  const t0 = Date.now();
  await burst(during, 5, async (m) => { expect(await platform.post(web.url, m.body)).toBe(200); });
  expect(Date.now() - t0).toBeLessThan(5000); // within DingTalk's callback timeout
  await age(t.db);
  await redis.start();
  await waitFor(async () => (await schedulers()).includes('reconcile'), { timeoutMs: 15_000, everyMs: 250 });
  await waitSettled(t.db, redis.url, prefix, 20 + 10 + 20 + 1 + during.length, 30_000);
  expect(answersOf(during)).toEqual([1, 1, 1, 1, 1]);
}, 90_000);
