// Needs its OWN PostgreSQL cluster (test/helpers/pg-instance.ts: initdb on another port,
// run as the postgres user), because it stops the database mid-burst; and Redis (shared
// 6379, unique QUEUE_PREFIX). While PostgreSQL is down, callbacks must be answered with a
// 5xx (so DingTalk retries) and quickly, never 200; nothing may be half-stored; retries
// after it is back are stored once and answered once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { startChild, sleep, type Child } from '../helpers/process.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { startPgInstance, type PgInstance } from '../helpers/pg-instance.ts';
import { burst, dropPrefix, queuesIdle, serviceEnv, startPlatform, uniquePrefix, type Platform } from './harness.ts';

const REDIS = 'redis://127.0.0.1:6379';
let pgi: PgInstance;
let platform: Platform;
let prefix: string;
const children: Child[] = [];

beforeAll(async () => {
  [pgi, platform] = await Promise.all([startPgInstance(), startPlatform()]);
  prefix = uniquePrefix('pg');
  const env = serviceEnv({ databaseUrl: pgi.url, prefix, apiUrl: platform.url });
  children.push(...(await Promise.all([startChild('web', env), startChild('worker', env)])));
}, 90_000);

afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  await dropPrefix(REDIS, prefix);
  await platform?.close();
  pgi?.destroy();
});

async function rows(): Promise<{ messageId: string; text: string | null; replyTo: unknown; answerState: string | null }[]> {
  const c = new pg.Client({ connectionString: pgi.url });
  await c.connect();
  const r = await c.query(`select "messageId", text, "replyTo", "answerState" from "InboundMessage"`);
  await c.end();
  return r.rows;
}

it('PostgreSQL stopped mid-burst: callbacks get a 5xx, none half-stored; retries after restart are stored and answered once', async () => {
  const [web] = children as [Child, Child];
  const msgs = Array.from({ length: 200 }, (_, i) => platform.message(`2.${(i % 5) + 1} 进度${i % 100}% 第${i}条`));
  const status = new Map<string, number>();
  const latency: number[] = [];
  let stoppedAt = -1;
  let restarted: Promise<void> | null = null;
  await burst(msgs, 8, async (m, i) => {
    if (i === 60 && stoppedAt < 0) {
      stoppedAt = i;
      pgi.stop('immediate');
      // Down for ~2 s of the burst, then back.
      restarted = sleep(2000).then(() => pgi.start());
    }
    const t0 = Date.now();
    status.set(m.msgId, await platform.post(web.url, m.body));
    if (i > 60) latency.push(Date.now() - t0);
  });
  await restarted;
  const codes = [...status.values()];
  expect(codes.filter((s) => s !== 200 && !(s >= 500 && s < 600))).toEqual([]);
  expect(codes.filter((s) => s >= 500).length).toBeGreaterThan(0); // the outage was felt
  expect(Math.max(...latency)).toBeLessThan(5000); // answered, not hung, within DingTalk's timeout

  // Nothing half-stored: every row is a complete message; nothing refused was stored.
  const byId = new Map((await rows()).map((r) => [r.messageId, r]));
  for (const m of msgs) {
    const r = byId.get(m.msgId);
    if (status.get(m.msgId) === 200) expect(r, `acknowledged ${m.msgId} must be stored`).toBeDefined();
    if (r) {
      expect(r.text).toBe(String((m.body.text as { content: string }).content).trim());
      expect((r.replyTo as { url?: string }).url).toBe(m.body.sessionWebhook);
    }
  }

  // The platform retries everything that did not get a 200 (and a few that did).
  await waitFor(async () => (await fetch(`${web.url}/readyz`)).status === 200, { timeoutMs: 15_000, everyMs: 200, what: '/readyz' });
  const retries = msgs.filter((m, i) => status.get(m.msgId) !== 200 || i % 9 === 0);
  const again: number[] = [];
  await burst(retries, 8, async (m) => { again.push(await platform.post(web.url, m.body)); });
  expect(again.filter((s) => s !== 200)).toEqual([]);

  // Settled: every answer sent and no job left that could send again.
  const allSent = await waitFor(async () => (await rows()).filter((r) => r.answerState === 'sent').length === msgs.length && queuesIdle(REDIS, prefix), { timeoutMs: 60_000, everyMs: 250 }).catch(() => false);
  const states = (await rows()).reduce<Record<string, number>>((a, r) => ({ ...a, [String(r.answerState)]: (a[String(r.answerState)] ?? 0) + 1 }), {});
  if (!allSent) console.log(states, children[1]!.stdout.filter((l) => !l.includes('message handled')).slice(-30).join('\n'));
  expect(states).toEqual({ sent: msgs.length });
  expect(await rows()).toHaveLength(msgs.length);
  const answers = platform.answersBySession();
  expect(msgs.map((m) => answers.get(m.session) ?? 0).filter((n) => n !== 1)).toEqual([]);
}, 120_000);
