// Needs PostgreSQL (a fresh test database) and Redis (shared 6379, unique QUEUE_PREFIX):
// reads what an operator reads from real `duban web` and `duban worker` processes at
// LOG_LEVEL=info — the /metrics page (callbacks by platform and outcome, handling latency,
// job outcomes and queue depth) and the JSON log lines on stdout, which must carry a
// request id and never contain a secret, a signature or a message body.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Child } from '../helpers/process.ts';
import type { TestDatabase } from '../helpers/db.ts';
import { callbackHeaders } from '../helpers/dingtalk-sign.ts';
import { type Deployment, DT, type Platform, startDeployment, waitSettled, SHARED_REDIS } from './harness.ts';

const REDIS = SHARED_REDIS;
const ADMIN_TOKEN = 'admin-token-0123456789abcdef';
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const SECRET_TEXT = '机密内容：县委督查室第七号';
let d: Deployment;
let t: TestDatabase;
let platform: Platform;
let prefix: string;

beforeAll(async () => {
  d = await startDeployment({ tag: 'ob', extra: { LOG_LEVEL: 'info', ADMIN_TOKEN, METRICS_TOKEN } });
  ({ t, platform, prefix } = d);
}, 60_000);

afterAll(() => d?.stop());

/** The value of one sample line of the Prometheus text format, or 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.split(' ').pop()) : 0;
}

it('/metrics counts callbacks by platform and outcome, their latency, and job outcomes; logs carry request ids and no secrets or bodies', async () => {
  const [web, worker] = d.children as [Child, Child];
  const msgs = Array.from({ length: 12 }, (_, i) => platform.message(`${SECRET_TEXT} ${i}`));
  for (const m of msgs) expect(await platform.post(web.url, m.body)).toBe(200);
  expect(await platform.post(web.url, msgs[0]!.body, { headers: { 'x-request-id': 'trace-duplicate-1' } })).toBe(200);
  expect(await platform.post(web.url, msgs[1]!.body, { headers: { ...callbackHeaders('forged-secret', Date.now()), 'x-request-id': 'trace-forged-1' } })).toBe(401);
  expect(await platform.post(web.url, '{"msgtype":', { headers: { 'x-request-id': 'trace-malformed-1' } })).toBe(400);
  const rows = await waitSettled(t.db, REDIS, prefix, msgs.length, 20_000);
  expect(rows.filter((r) => r.answerState !== 'sent')).toEqual([]);

  expect((await fetch(`${web.url}/metrics`)).status).toBe(401);
  const res = await fetch(`${web.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  const text = await res.text();
  expect(sample(text, 'duban_callbacks_total', { platform: 'dingtalk', outcome: 'accepted' })).toBe(12);
  expect(sample(text, 'duban_callbacks_total', { platform: 'dingtalk', outcome: 'duplicate' })).toBe(1);
  expect(sample(text, 'duban_http_request_seconds_count', { route: '/dingtalk/robot', status: '200' })).toBe(13);
  expect(sample(text, 'duban_http_request_seconds_count', { route: '/dingtalk/robot', status: '401' })).toBe(1);
  expect(sample(text, 'duban_http_request_seconds_count', { route: '/dingtalk/robot', status: '400' })).toBe(1);
  expect(sample(text, 'duban_http_request_seconds_bucket', { route: '/dingtalk/robot', status: '200', le: '+Inf' })).toBe(13);
  // Job outcomes and depth, the same from any web process because they are read from Redis.
  expect(sample(text, 'duban_queue_jobs', { queue: 'inbound', state: 'completed' })).toBe(12);
  expect(sample(text, 'duban_queue_jobs', { queue: 'outbound', state: 'completed' })).toBe(12);
  expect(sample(text, 'duban_queue_jobs', { queue: 'inbound', state: 'waiting' })).toBe(0);
  expect(text).toMatch(/^duban_queue_jobs\{queue="inbound",state="failed"\} 0$/m);

  // Logs: every line is JSON; request lines carry the request id (the caller's, when given).
  const webLogs = web.logs();
  expect(webLogs.length).toBe(web.stdout.length);
  const byReq = (id: string) => webLogs.filter((l) => l.reqId === id);
  expect(byReq('trace-duplicate-1').map((l) => l.msg)).toContain('dingtalk duplicate msgId; not processed again');
  expect(byReq('trace-forged-1').map((l) => l.msg)).toContain('request refused');
  expect(byReq('trace-malformed-1').map((l) => l.msg)).toContain('request refused');
  for (const l of webLogs) if ('msgId' in l || 'path' in l) expect(l.reqId, JSON.stringify(l)).toBeTruthy();
  expect(worker.logs().filter((l) => l.msg === 'message handled')).toHaveLength(12);

  // Nothing an outsider could use, and nothing users wrote.
  const all = [...web.stdout, ...web.stderr, ...worker.stdout, ...worker.stderr].join('\n');
  expect(all).not.toContain(DT.appSecret);
  expect(all).not.toContain(SECRET_TEXT);
  expect(all).not.toContain(ADMIN_TOKEN);
  expect(all).not.toContain(METRICS_TOKEN);
  expect(all).not.toMatch(/sendBySession\?session=/);
  expect(all).not.toContain(String(msgs[0]!.body.senderId));
}, 60_000);
