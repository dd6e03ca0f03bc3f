// Needs PostgreSQL (a fresh test database) and Redis (shared 6379, unique QUEUE_PREFIX):
// two `duban web` and two `duban worker` child processes share them, as in a scaled-out
// deployment. A burst of signed DingTalk callbacks spread over both web processes, with the
// platform's retries mixed in (the same msgId again, sometimes to the other process),
// must leave every message stored once, handled once and answered once — counted at the
// fake DingTalk API, not inside the service.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startChild, type Child } from '../helpers/process.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { burst, dropPrefix, jobCounts, serviceEnv, startPlatform, uniquePrefix, waitSettled, type Platform } from './harness.ts';

const REDIS = 'redis://127.0.0.1:6379';
const N = 300;
let t: TestDatabase;
let platform: Platform;
let prefix: string;
const children: Child[] = [];

beforeAll(async () => {
  t = await createTestDatabase('prodpm');
  platform = await startPlatform();
  prefix = uniquePrefix('pm');
  const env = serviceEnv({ databaseUrl: t.url, prefix, apiUrl: platform.url, extra: { LOG_LEVEL: 'warn' } });
  children.push(...(await Promise.all([startChild('web', env), startChild('web', env), startChild('worker', { ...env, LOG_LEVEL: 'info' }), startChild('worker', { ...env, LOG_LEVEL: 'info' })])));
}, 90_000);

afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  await dropPrefix(REDIS, prefix);
  await platform?.close();
  await t?.drop();
});

it('stores, handles and answers each of 300 callbacks exactly once across two web and two worker processes', async () => {
  const [webA, webB, w1, w2] = children as [Child, Child, Child, Child];
  const msgs = Array.from({ length: N }, (_, i) => platform.message(`2.${i % 5 + 1} 进度${i % 100}%`));
  // Every 4th message is delivered again by the platform (a retry), half of them to the other process.
  const deliveries = msgs.flatMap((m, i) => (i % 4 === 0 ? [{ m, web: i % 2 }, { m, web: (i + (i % 8 === 0 ? 1 : 0)) % 2 }] : [{ m, web: i % 2 }]));
  const statuses: number[] = [];
  await burst(deliveries, 32, async ({ m, web }) => { statuses.push(await platform.post((web ? webB : webA).url, m.body)); });
  expect(statuses.filter((s) => s !== 200)).toEqual([]);

  // Settled: every message handled and answered, and no job left that could send again.
  const rows = await waitSettled(t.db, REDIS, prefix, N, 60_000);
  expect(rows.filter((r) => r.answerState !== 'sent')).toEqual([]);
  expect(rows).toHaveLength(N);
  expect(new Set(rows.map((r) => r.messageId))).toEqual(new Set(msgs.map((m) => m.msgId)));
  expect(rows.every((r) => r.handledAt !== null && r.answer)).toBe(true);

  const answers = platform.answersBySession();
  const counts = msgs.map((m) => answers.get(m.session) ?? 0);
  expect(counts.filter((c) => c !== 1)).toEqual([]);
  expect(platform.api.violations).toEqual([]);

  // The work was shared: both workers handled messages (BullMQ distributes, no in-process state).
  const handledBy = [w1, w2].map((w) => w.logs().filter((l) => l.msg === 'message handled').length);
  expect(handledBy[0]! + handledBy[1]!).toBe(N);
  expect(Math.min(...handledBy)).toBeGreaterThan(0);
  const c = await jobCounts(REDIS, prefix);
  expect({ active: c.active, waiting: c.waiting, failed: c.failed }).toEqual({ active: 0, waiting: 0, failed: 0 });
}, 120_000);
