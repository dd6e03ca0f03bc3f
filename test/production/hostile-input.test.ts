// Needs PostgreSQL (a fresh test database, seeded plan) and Redis (shared 6379, unique
// QUEUE_PREFIX): hostile requests go through the real `duban web` process over HTTP, and
// what survives is handled by a real `duban worker`. Forged or stale requests are refused
// before anything is stored; oversized, malformed and invalid-UTF-8 bodies get a 4xx and
// the process keeps serving; a replay is processed once; long, SQL-looking and
// template-looking text is stored and echoed back literally, never executed or rendered.
import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Child } from '../helpers/process.ts';
import { waitFor } from '../helpers/wait-for.ts';
import type { TestDatabase } from '../helpers/db.ts';
import { callbackHeaders, dingtalkSign } from '../helpers/dingtalk-sign.ts';
import { seedPlan } from '../helpers/seed.ts';
import { type Deployment, DT, messageRows, type Platform, queuesIdle, startDeployment, SHARED_REDIS } from './harness.ts';

const REDIS = SHARED_REDIS;
const SQL = `'; drop table "Task"; --`;
const TEMPLATE = '{{#items}}x{{/items}}{{{secret}}}<%= 7*7 %>${7*7}';
let d: Deployment;
let t: TestDatabase;
let platform: Platform;
let prefix: string;
let web: Child;

beforeAll(async () => {
  d = await startDeployment({ tag: 'hi', seed: async (t) => {
      const seeded = await seedPlan(t.db);
      // the DingTalk user of every test callback is a member of 区卫生健康局, so intents run for real
      await t.db.person.create({ data: { platform: 'dingtalk', userId: 'staff-001', name: '张三', role: 'member', unitId: seeded.units['区卫生健康局']! } });
    } });
  ({ t, platform, prefix } = d);
  web = d.children[0]!;
}, 60_000);

afterAll(() => d?.stop());

/** A raw POST with exact bytes and headers; `chunked` omits Content-Length. */
function rawPost(body: Buffer, headers: Record<string, string>, chunked = false): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(`${web.url}/dingtalk/robot`, { method: 'POST', headers: { ...headers, ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) }) } });
    req.on('response', (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); });
    req.on('error', () => resolve(-1));
    if (chunked) { for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024)); req.end(); } else req.end(body);
  });
}

const stored = async (msgId: string) => (await messageRows(t.db)).find((r) => r.messageId === msgId);
const alive = async () => (await fetch(`${web.url}/healthz`)).status === 200;

it('refuses forged, unsigned, stale and future-dated callbacks before storing anything', async () => {
  const now = Date.now();
  const cases: [string, Record<string, string>, number][] = [
    ['forged (another secret)', { ...callbackHeaders('not-the-app-secret', now) }, 401],
    ['unsigned', { 'content-type': 'application/json' }, 401],
    ['sign of another timestamp', { timestamp: String(now), sign: dingtalkSign(now - 1000, DT.appSecret), 'content-type': 'application/json' }, 401],
    ['stale (2 h old, correctly signed)', callbackHeaders(DT.appSecret, now - 2 * 3600_000), 403],
    ['future (2 h ahead, correctly signed)', callbackHeaders(DT.appSecret, now + 2 * 3600_000), 403],
    ['non-numeric timestamp', { timestamp: 'now', sign: dingtalkSign('now', DT.appSecret), 'content-type': 'application/json' }, 401],
  ];
  for (const [name, headers, status] of cases) {
    const m = platform.message(`帮助 ${name}`);
    expect(await rawPost(Buffer.from(JSON.stringify(m.body)), headers), name).toBe(status);
    expect(await stored(m.msgId), name).toBeUndefined();
  }
});

it('processes a replayed request (same headers, same body) once', async () => {
  const m = platform.message('帮助 replay');
  const raw = Buffer.from(JSON.stringify(m.body));
  const headers = callbackHeaders(DT.appSecret, Date.now());
  expect(await Promise.all([rawPost(raw, headers), rawPost(raw, headers), rawPost(raw, headers)])).toEqual([200, 200, 200]);
  await waitFor(async () => (await stored(m.msgId))?.answerState === 'sent' && (await queuesIdle(REDIS, prefix)), 15_000);
  expect(platform.answersBySession().get(m.session)).toBe(1);
  expect((await messageRows(t.db)).filter((r) => r.messageId === m.msgId)).toHaveLength(1);
});

it('answers 413 to bodies over 1 MB, with or without Content-Length, and keeps serving', async () => {
  const big = platform.message('x'.repeat(1024 * 1024 + 10));
  const raw = Buffer.from(JSON.stringify(big.body));
  const headers = callbackHeaders(DT.appSecret, Date.now());
  expect(await rawPost(raw, headers)).toBe(413);
  expect([413, -1]).toContain(await rawPost(raw, headers, true)); // 413, or the socket closed on us mid-upload
  expect(await stored(big.msgId)).toBeUndefined();
  expect(await alive()).toBe(true);
});

it('answers 400 to deeply nested JSON and invalid UTF-8, quickly, and keeps serving', async () => {
  const headers = callbackHeaders(DT.appSecret, Date.now());
  const t0 = Date.now();
  expect(await rawPost(Buffer.from('['.repeat(500_000) + ']'.repeat(500_000)), headers)).toBe(400);
  const nested = platform.message('帮助 nested');
  const deep = `{"a":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
  const withDeep = JSON.stringify(nested.body).replace(/}$/, `,"extra":${deep}}`);
  expect([200, 400]).toContain(await rawPost(Buffer.from(withDeep), headers));
  expect(Date.now() - t0).toBeLessThan(3000);

  const bad = platform.message('帮助 PLACEHOLDER');
  const rawBad = Buffer.from(JSON.stringify(bad.body));
  const at = rawBad.indexOf('PLACEHOLDER');
  const invalid = Buffer.concat([rawBad.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), rawBad.subarray(at + 11)]);
  expect(await rawPost(invalid, headers)).toBe(400);
  expect(await stored(bad.msgId)).toBeUndefined();
  expect(await alive()).toBe(true);
});

it('stores 10,000-character, SQL-looking and template-looking text literally and echoes it without executing it', async () => {
  const long = platform.message('长'.repeat(9_990) + '0123456789');
  const sql = platform.message(SQL);
  const tpl = platform.message(TEMPLATE);
  // An extension request echoes its reason: the reply must show the text as written.
  const echo = platform.message(`2.1 申请延期到2026年12月31日，原因是${SQL}${TEMPLATE}`);
  for (const m of [long, sql, tpl, echo]) expect(await platform.post(web.url, m.body)).toBe(200);
  expect(await waitFor(async () => {
    const rows = await messageRows(t.db);
    return [long, sql, tpl, echo].every((m) => rows.find((r) => r.messageId === m.msgId)?.answerState === 'sent');
  }, 20_000)).toBe(true);

  const rows = new Map((await messageRows(t.db)).map((r) => [r.messageId, r]));
  expect([...rows.get(long.msgId)!.text!]).toHaveLength(10_000);
  expect(rows.get(sql.msgId)!.text).toBe(SQL);
  expect(rows.get(tpl.msgId)!.text).toBe(TEMPLATE);
  expect(await t.db.task.count()).toBe(5); // the table is still there, with its rows
  const ext = await t.db.extensionRequest.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  expect(ext.reason).toContain(SQL + TEMPLATE);

  const reply = platform.api.calls('/robot/sendBySession').find((r) => r.query.get('session') === echo.session)!.json.markdown.text as string;
  expect(reply).toContain(SQL);
  expect(reply).toContain(TEMPLATE);
  expect(reply).not.toContain('49');
  expect(platform.api.violations).toEqual([]);
});
