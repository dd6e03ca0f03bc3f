// Needs PostgreSQL (a fresh test database, seeded plan) and Redis (shared 6379, unique
// QUEUE_PREFIX): the attacks an outsider can make on a real `npm run web` process (heap
// capped at 128 MB) without any secret, plus one a holder of a captured DingTalk signature
// can make, each answered the way an operator would want:
// - a flood of made-up paths does not grow the metrics (labels are route templates);
// - a signed message PostgreSQL cannot store (U+0000) fails neither itself nor the callbacks
//   batched beside it;
// - XML nested deeper than any WeCom envelope is a 400, not a 500;
// - a refused request's body is not read to its end: the connection is closed;
// - a captured DingTalk signature carries one body only (REPLAY for any other).
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sleep, type Child } from '../helpers/process.ts';
import { waitFor } from '../helpers/wait-for.ts';
import type { TestDatabase } from '../helpers/db.ts';
import { callbackHeaders } from '../helpers/dingtalk-sign.ts';
import { SAMPLE } from '../helpers/wecom-crypto.ts';
import { seedPlan } from '../helpers/seed.ts';
import { burst, type Deployment, DT, messageRows, type Platform, startDeployment } from './harness.ts';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
let d: Deployment;
let t: TestDatabase;
let platform: Platform;
let web: Child;

beforeAll(async () => {
  d = await startDeployment({
    tag: 'wa',
    seed: async (t) => {
      const seeded = await seedPlan(t.db);
      // the DingTalk user of every test callback is a member of 区卫生健康局, so intents run for real
      await t.db.person.create({ data: { platform: 'dingtalk', userId: 'staff-001', name: '张三', role: 'member', unitId: seeded.units['区卫生健康局']! } });
    },
    extra: (p) => ({
      METRICS_TOKEN, WECOM_CORP_ID: SAMPLE.corpId, WECOM_API_BASE: p.url, WECOM_APP_TOKEN: SAMPLE.token,
      WECOM_APP_AES_KEY: SAMPLE.aesKey, WECOM_APP_SECRET: 'app-secret', WECOM_AGENT_ID: '1000002',
    }),
  });
  ({ t, platform } = d);
  web = d.children[0]!;
}, 60_000);

afterAll(() => d?.stop());

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const alive = async () => (await fetch(`${web.url}/healthz`)).status === 200;
const errorLines = () => web.logs().filter((l) => Number(l.level) >= 50);

it('a flood of 30,000 made-up paths leaves /metrics small and the 128 MB process up', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const get = (path: string) => new Promise<number>((resolve) => {
    const req = http.request(`${web.url}${path}`, { agent, method: 'GET' }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); });
    req.on('error', () => resolve(-1));
    req.end();
  });
  const paths = Array.from({ length: 30_000 }, (_, i) => `/${i % 2 ? 'wecom' : 'dingtalk'}/${randomUUID()}/${i}`);
  const statuses = new Map<number, number>();
  let peak = rssMb(web.pid);
  await burst(paths, 32, async (p, i) => {
    const s = await get(p);
    statuses.set(s, (statuses.get(s) ?? 0) + 1);
    if (i % 2000 === 0) peak = Math.max(peak, rssMb(web.pid));
  });
  agent.destroy();
  expect(statuses.get(404)).toBe(30_000);

  expect((await fetch(`${web.url}/metrics`)).status).toBe(401);
  const res = await fetch(`${web.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(text).not.toContain(paths[0]);
  expect(text.length).toBeLessThan(100_000);
  expect(text).toMatch(/duban_http_request_seconds_count\{method="GET",route="unmatched",status="404"\} 30000/);
  peak = Math.max(peak, rssMb(web.pid));
  expect(await alive()).toBe(true);
  expect(web.exitInfo).toBeNull();
  expect(peak).toBeLessThan(220);
}, 60_000);

it('a signed message with U+0000 among 60 valid callbacks: each valid one stored and answered once, the other cleaned', async () => {
  const valid = Array.from({ length: 60 }, (_, i) => platform.message(`帮助 ${i}`));
  const poison = platform.message('帮助\u0000毒');
  const all = [...valid, poison];
  const statuses = new Map<string, number>();
  await burst(all, all.length, async (m) => void statuses.set(m.msgId, await platform.post(web.url, m.body)));
  for (const m of valid) expect(statuses.get(m.msgId), m.msgId).toBe(200);
  expect([200, 400]).toContain(statuses.get(poison.msgId));
  // WeCom and DingTalk retry a failed callback: the poison one answers the same every time.
  expect(await platform.post(web.url, poison.body)).toBe(statuses.get(poison.msgId));

  const ids = new Set(valid.map((m) => m.msgId));
  expect(await waitFor(async () => (await messageRows(t.db)).filter((r) => ids.has(r.messageId) && r.answerState === 'sent').length === 60, 30_000)).toBe(true);
  const rows = await messageRows(t.db);
  for (const m of valid) expect(rows.filter((r) => r.messageId === m.msgId)).toHaveLength(1);
  const stored = rows.filter((r) => r.messageId === poison.msgId);
  if (statuses.get(poison.msgId) === 200) expect(stored.map((r) => r.text)).toEqual(['帮助毒']);
  else expect(stored).toEqual([]);
  await sleep(300);
  const answers = platform.answersBySession();
  for (const m of valid) expect(answers.get(m.session), m.msgId).toBe(1);
  expect(errorLines()).toEqual([]);
}, 60_000);

it('answers 400 to unsigned XML nested deeper than any WeCom envelope, without an error line', async () => {
  const q = new URLSearchParams({ msg_signature: 'a'.repeat(40), timestamp: String(Math.floor(Date.now() / 1000)), nonce: '1' });
  for (const depth of [101, 150, 100_000]) {
    const body = `<xml>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}<Encrypt>eA==</Encrypt></xml>`;
    const r = await fetch(`${web.url}/wecom/app?${q}`, { method: 'POST', body });
    expect(r.status, `depth ${depth}`).toBe(400);
  }
  expect(await alive()).toBe(true);
  expect(errorLines()).toEqual([]);
});

/**
 * Streams up to `cap` bytes of junk as a chunked body, as fast as the socket takes them, and
 * reports the answer, how many bytes the socket took, and whether the server closed the
 * connection (or the client gave up after 10 s, the socket still open).
 */
function flood(path: string, headers: Record<string, string>, cap: number): Promise<{ status: number; sent: number; closed: boolean; ms: number }> {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    const t0 = Date.now();
    let sent = 0;
    let status = 0;
    let done = false;
    const finish = (closed: boolean) => { if (!done) { done = true; resolve({ status, sent, closed, ms: Date.now() - t0 }); } };
    const req = http.request(`${web.url}${path}`, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } });
    req.on('response', (res) => { status = res.statusCode ?? 0; res.resume(); });
    req.on('error', () => finish(true));
    req.on('close', () => finish(true));
    const pump = () => {
      while (!done && sent < cap) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!done) req.end();
    };
    pump();
    setTimeout(() => { finish(false); req.destroy(); }, 10_000).unref();
  });
}

/** Bytes the process has read from sockets and files so far (Linux). */
const bytesRead = (pid: number) => Number(/rchar:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))![1]);

it('stops reading a refused body: an unsigned 1 GiB upload is answered and cut off after a few MB', async () => {
  const cap = 1024 * 1024 * 1024;
  const q = new URLSearchParams({ msg_signature: 'a'.repeat(40), timestamp: String(Math.floor(Date.now() / 1000)), nonce: '1' });
  for (const [path, headers, status] of [
    ['/dingtalk/robot', { 'content-type': 'application/json' }, 401],
    ['/dingtalk/robot', callbackHeaders('not-the-app-secret', Date.now()), 401],
    [`/wecom/app?${q}`, {}, 413], // WeCom signs the body: 1 MB is read before the signature can be checked
    ['/no/such/route', {}, 404],
  ] as const) {
    const before = bytesRead(web.pid);
    const r = await flood(path, headers, cap);
    const read = bytesRead(web.pid) - before;
    // The answer, or a reset when the close overtook it: either way the upload stops at once.
    expect([status, 0], path).toContain(r.status);
    expect(r.closed, path).toBe(true);
    expect(r.ms, path).toBeLessThan(5000);
    expect(r.sent, path).toBeLessThan(32 * 1024 * 1024);
    expect(read, path).toBeLessThan(32 * 1024 * 1024);
  }
  expect(await alive()).toBe(true);
}, 60_000);

it('refuses a second body under a captured DingTalk signature (REPLAY) and still de-duplicates the first one retried', async () => {
  const headers = callbackHeaders(DT.appSecret, Date.now());
  const first = platform.message('帮助 captured');
  const forged = platform.message('帮助 forged under a captured signature');
  const post = (body: unknown) => fetch(`${web.url}/dingtalk/robot`, { method: 'POST', headers, body: JSON.stringify(body) });
  expect((await post(first.body)).status).toBe(200);
  const refused = await post(forged.body);
  expect(refused.status).toBe(403);
  expect(await refused.json()).toEqual({ error: 'REPLAY' });
  expect((await post(first.body)).status).toBe(200);
  expect(await waitFor(async () => (await messageRows(t.db)).find((r) => r.messageId === first.msgId)?.answerState === 'sent', 20_000)).toBe(true);
  await sleep(300);
  const rows = await messageRows(t.db);
  expect(rows.filter((r) => r.messageId === first.msgId)).toHaveLength(1);
  expect(rows.filter((r) => r.messageId === forged.msgId)).toHaveLength(0);
  expect(platform.answersBySession().get(first.session)).toBe(1);
  expect(platform.answersBySession().get(forged.session)).toBeUndefined();
}, 30_000);
