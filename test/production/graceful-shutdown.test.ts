// Needs PostgreSQL (a fresh test database) and Redis (shared 6379, unique QUEUE_PREFIX):
// SIGTERM is sent to real `duban web` and `duban worker` child processes in the middle of
// work. A request already being received is finished and stored; requests after the
// signal are refused at the socket (never a 5xx); a worker finishes its active jobs and
// leaves none active or stalled; both exit 0; a second signal exits at once; restarting
// loses nothing and answers nothing twice.
import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startChild, sleep, type Child } from '../helpers/process.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { callbackHeaders } from '../helpers/dingtalk-sign.ts';
import { burst, DT, dropPrefix, jobCounts, messageRows, serviceEnv, startPlatform, uniquePrefix, waitSettled, type Platform } from './harness.ts';

const REDIS = 'redis://127.0.0.1:6379';
let t: TestDatabase;
let platform: Platform;
let prefix: string;
let env: Record<string, string>;
const children: Child[] = [];
const start = async (role: 'web' | 'worker') => { const c = await startChild(role, env); children.push(c); return c; };

beforeAll(async () => {
  t = await createTestDatabase('prodsd');
  platform = await startPlatform();
  prefix = uniquePrefix('sd');
  env = serviceEnv({ databaseUrl: t.url, prefix, apiUrl: platform.url });
}, 60_000);

afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  await dropPrefix(REDIS, prefix);
  await platform?.close();
  await t?.drop();
});

/** Sends headers and the first half of a callback now; `finish()` sends the rest and resolves with the status. */
function slowCallback(url: string, body: unknown): { finish(): Promise<number> } {
  const raw = Buffer.from(JSON.stringify(body));
  const req = http.request(`${url}/dingtalk/robot`, { method: 'POST', headers: { ...callbackHeaders(DT.appSecret, Date.now()), 'content-length': raw.length } });
  const status = new Promise<number>((resolve) => {
    req.on('response', (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); });
    req.on('error', () => resolve(0));
  });
  req.write(raw.subarray(0, raw.length >> 1));
  return { finish: () => { req.end(raw.subarray(raw.length >> 1)); return status; } };
}

it('web: SIGTERM finishes the request in flight, refuses new ones without a 5xx, exits 0; retries on a new process are stored once', async () => {
  const web = await start('web');
  const worker = await start('worker');
  const inFlight = platform.message('在途请求');
  const slow = slowCallback(web.url, inFlight.body);
  await sleep(200);
  const msgs = Array.from({ length: 150 }, (_, i) => platform.message(`帮助 ${i}`));
  const status = new Map<string, number>();
  const sending = burst(msgs, 16, async (m) => { status.set(m.msgId, await platform.post(web.url, m.body)); });
  await waitFor(() => status.size >= 40, { timeoutMs: 10_000, everyMs: 5 });
  web.signal('SIGTERM');
  await waitFor(() => web.logs().some((l) => l.msg === 'shutting down'), { what: 'the web process taking the signal' });
  expect(await slow.finish()).toBe(200);
  await sending;
  const exit = await Promise.race([web.exited, sleep(10_000).then(() => 'still running')]);
  expect(exit).toEqual({ code: 0, signal: null });
  expect([...status.values()].filter((s) => s !== 200 && s !== 0)).toEqual([]);

  const stored = new Set((await messageRows(t.db)).map((r) => r.messageId));
  expect(stored.has(inFlight.msgId)).toBe(true);
  for (const [msgId, s] of status) if (s === 200) expect(stored.has(msgId)).toBe(true);

  // The platform retries everything it did not get a 200 for (and some it did) on a fresh process.
  const web2 = await start('web');
  const again = msgs.filter((m, i) => status.get(m.msgId) !== 200 || i % 10 === 0);
  await burst(again, 8, async (m) => { expect(await platform.post(web2.url, m.body)).toBe(200); });
  const all = [inFlight, ...msgs];
  const rows = await waitSettled(t.db, REDIS, prefix, all.length, 30_000);
  expect(rows.filter((r) => r.answerState !== 'sent')).toEqual([]);
  const answers = platform.answersBySession();
  expect(all.map((m) => answers.get(m.session) ?? 0).filter((n) => n !== 1)).toEqual([]);
  expect(rows).toHaveLength(all.length);
  void worker;
}, 90_000);

it('worker: SIGTERM during a burst finishes active jobs, leaves none active or half-sent, exits 0; a new worker finishes the rest once', async () => {
  const web = children.find((c) => c.role === 'web' && !c.exitInfo)!;
  const oldWorker = children.find((c) => c.role === 'worker' && !c.exitInfo)!;
  // The platform answers slowly, so the worker has sends in flight when the signal arrives.
  platform.proxy.setPlan(() => ({ kind: 'pass', delayMs: 400 }));
  const msgs = Array.from({ length: 60 }, (_, i) => platform.message(`查询 ${i}`));
  await burst(msgs, 16, async (m) => { expect(await platform.post(web.url, m.body)).toBe(200); });
  const sent = () => msgs.filter((m) => platform.answersBySession().has(m.session)).length;
  await waitFor(() => sent() >= 5, { timeoutMs: 20_000, everyMs: 20 });
  oldWorker.signal('SIGTERM');
  const exit = await Promise.race([oldWorker.exited, sleep(20_000).then(() => 'still running')]);
  expect(exit).toEqual({ code: 0, signal: null });
  expect(sent()).toBeLessThan(msgs.length); // the signal really came mid-burst

  const c = await jobCounts(REDIS, prefix);
  expect(c.active).toBe(0);
  const rows = await messageRows(t.db);
  expect(rows.filter((r) => r.answerState === 'sending')).toEqual([]);

  platform.proxy.setPlan(() => ({ kind: 'pass' }));
  await start('worker');
  const settled = await waitSettled(t.db, REDIS, prefix, (await messageRows(t.db)).length, 30_000);
  expect(settled.filter((r) => r.answerState !== 'sent')).toEqual([]);
  const answers = platform.answersBySession();
  expect(msgs.map((m) => answers.get(m.session) ?? 0).filter((n) => n !== 1)).toEqual([]);
}, 90_000);

it('a second signal exits at once even with a request still in flight', async () => {
  const web = await start('web');
  const slow = slowCallback(web.url, platform.message('永远发不完').body);
  await sleep(200);
  web.signal('SIGTERM');
  await waitFor(() => web.logs().some((l) => l.msg === 'shutting down'), { what: 'the web process taking the signal' });
  expect(web.exitInfo).toBeNull(); // still waiting for the request in flight
  const t0 = Date.now();
  web.signal('SIGTERM');
  const exit = await Promise.race([web.exited, sleep(3000).then(() => 'still running')]);
  expect(exit).toEqual({ code: 130, signal: null });
  expect(Date.now() - t0).toBeLessThan(2800); // at once; the margin is for a machine busy with the rest of the suite
  void slow;
}, 30_000);
