// Needs PostgreSQL (a fresh test database) and Redis (shared 6379, unique QUEUE_PREFIX):
// one of two `duban web` processes is killed with SIGKILL in the middle of a burst of
// DingTalk callbacks. Like the platform, the client retries every callback that got no
// 200 against the surviving process (and some that did, as a lost response looks the
// same). Each message must be stored once and answered once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Child } from '../helpers/process.ts';
import type { TestDatabase } from '../helpers/db.ts';
import { burst, type Deployment, jobCounts, type Platform, startDeployment, waitSettled, SHARED_REDIS } from './harness.ts';

const REDIS = SHARED_REDIS;
const N = 200;
let d: Deployment;
let t: TestDatabase;
let platform: Platform;
let prefix: string;

beforeAll(async () => {
  d = await startDeployment({ tag: 'kw', extra: { LOG_LEVEL: 'warn' }, processes: ['web', 'web', 'worker'] });
  ({ t, platform, prefix } = d);
}, 60_000);

afterAll(() => d?.stop());

it('kill -9 of a web process mid-burst: retries on the other process are answered, each message stored once and answered once', async () => {
  const [victim, survivor] = d.children as [Child, Child];
  const msgs = Array.from({ length: N }, (_, i) => platform.message(`2.${(i % 5) + 1} 进度${i % 100}%`));
  const first = new Map<string, number>();
  let killedAt = -1;
  await burst(msgs, 24, async (m, i) => {
    if (i === 80 && killedAt < 0) { killedAt = first.size; victim.signal('SIGKILL'); }
    first.set(m.msgId, await platform.post(i % 2 ? survivor.url : victim.url, m.body, { timeoutMs: 5000 }));
  });
  expect((await victim.exited).signal).toBe('SIGKILL');
  const failed = msgs.filter((m) => first.get(m.msgId) !== 200);
  expect(failed.length).toBeGreaterThan(0); // the kill really cut callbacks off
  expect([...first.values()].filter((s) => s !== 200 && s !== 0 && s < 500)).toEqual([]);

  // The platform's retries: everything not acknowledged, plus every 7th message anyway.
  const retries = msgs.filter((m, i) => first.get(m.msgId) !== 200 || i % 7 === 0);
  const second: number[] = [];
  await burst(retries, 16, async (m) => { second.push(await platform.post(survivor.url, m.body)); });
  expect(second.filter((s) => s !== 200)).toEqual([]);

  const rows = await waitSettled(t.db, REDIS, prefix, N, 45_000);
  expect(rows).toHaveLength(N);
  expect(rows.filter((r) => r.answerState !== 'sent')).toEqual([]);
  const answers = platform.answersBySession();
  expect(msgs.map((m) => answers.get(m.session) ?? 0).filter((n) => n !== 1)).toEqual([]);
  const c = await jobCounts(REDIS, prefix);
  expect({ active: c.active, waiting: c.waiting, failed: c.failed }).toEqual({ active: 0, waiting: 0, failed: 0 });
}, 90_000);
