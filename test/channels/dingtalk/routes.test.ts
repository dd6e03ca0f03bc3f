/**
 * POST /dingtalk/robot on a bare Koa app on a real port, with callbacks signed by the
 * independent helper and an in-memory accept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Koa from 'koa';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDingtalkRouter } from '../../../src/channels/dingtalk/routes.ts';
import { fixedClock } from '../../../src/lib/clock.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { callbackHeaders, dingtalkSign, robotCallback } from '../../helpers/dingtalk-sign.ts';
import { memoryAccept } from '../../helpers/memory-accept.ts';
import { memoryReplayGuard } from '../../helpers/memory-replay-guard.ts';

const SECRET = 'app-secret-for-routes';
const clock = fixedClock('2025-10-20T02:00:00Z');
const mem = memoryAccept();
let server: Server;
let base: string;

beforeAll(async () => {
  const app = new Koa();
  app.use(createDingtalkRouter({ config: { appSecret: SECRET, robotCode: 'dingrobot' }, accept: mem.accept, replayGuard: memoryReplayGuard(), log: silentLogger, clock }).routes());
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dingtalk/robot`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const post = (body: string | object, headers: Record<string, string>) =>
  fetch(base, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
const now = () => clock.now().getTime();
let sent = 0;
/** a timestamp of its own for each callback, as DingTalk's are: a signature carries one body */
const fresh = () => now() + (sent += 1);

describe('POST /dingtalk/robot', () => {
  it('accepts a correctly signed callback and answers 200 JSON', async () => {
    const body = robotCallback({ msgId: 'msg-good' });
    const res = await post(body, callbackHeaders(SECRET, fresh()));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(mem.processed.find((m) => m.messageId === 'msg-good')).toMatchObject({ text: '2.3 进度70%', chatType: 'group', senderId: 'staff-001' });
  });

  it('refuses a wrong sign with 401 and accepts nothing', async () => {
    const before = mem.events.length;
    const res = await post(robotCallback({ msgId: 'msg-bad-sign' }), { timestamp: String(now()), sign: dingtalkSign(now(), 'not-the-secret'), 'content-type': 'application/json' });
    expect(res.status).toBe(401);
    expect(mem.events.length).toBe(before);
  });

  it('refuses missing sign headers with 401', async () => {
    const res = await post(robotCallback(), { 'content-type': 'application/json' });
    expect(res.status).toBe(401);
  });

  it('refuses a correctly signed but stale timestamp with 403', async () => {
    const old = now() - 60 * 60 * 1000 - 1000;
    const res = await post(robotCallback({ msgId: 'msg-stale' }), callbackHeaders(SECRET, old));
    expect(res.status).toBe(403);
    expect(mem.processed.some((m) => m.messageId === 'msg-stale')).toBe(false);
  });

  it('checks the headers before reading the body: an unsigned 2 MB body is a 401, not a 413', async () => {
    const res = await post('x'.repeat(2 * 1024 * 1024), { 'content-type': 'application/json' });
    expect(res.status).toBe(401);
  });

  it('refuses a signed body over 1 MB with 413', async () => {
    const res = await post(robotCallback({ text: { content: '长'.repeat(400_000) } }), callbackHeaders(SECRET, fresh()));
    expect(res.status).toBe(413);
  });

  it('processes a duplicate msgId (retry or replay inside the window) once, answering 200 both times', async () => {
    const body = robotCallback({ msgId: 'msg-dup' });
    const first = await post(body, callbackHeaders(SECRET, fresh()));
    const replay = await post(body, callbackHeaders(SECRET, now() + 30_000));
    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(mem.processed.filter((m) => m.messageId === 'msg-dup')).toHaveLength(1);
    expect(mem.events).toContain('duplicate:msg-dup');
  });

  it('lets a captured (timestamp, sign) pair carry its own body again but refuses another body under it (REPLAY)', async () => {
    const headers = callbackHeaders(SECRET, fresh());
    const own = robotCallback({ msgId: 'msg-captured' });
    expect((await post(own, headers)).status).toBe(200);
    const forged = await post(robotCallback({ msgId: 'msg-forged', text: { content: ' 同意延期' } }), headers);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('REPLAY');
    expect((await post(own, headers)).status).toBe(200);
    expect(mem.processed.map((m) => m.messageId)).not.toContain('msg-forged');
    expect(mem.processed.filter((m) => m.messageId === 'msg-captured')).toHaveLength(1);
  });

  it('answers malformed JSON and non-robot bodies with 400', async () => {
    expect((await post('{"msgId": ', callbackHeaders(SECRET, fresh()))).status).toBe(400);
    expect((await post({ hello: 'world' }, callbackHeaders(SECRET, fresh()))).status).toBe(400);
  });

  it('decodes an empty senderStaffId as senderId "" so the core can explain the fix', async () => {
    const res = await post(robotCallback({ msgId: 'msg-nostaff', senderStaffId: '' }), callbackHeaders(SECRET, fresh()));
    expect(res.status).toBe(200);
    expect(mem.processed.find((m) => m.messageId === 'msg-nostaff')?.senderId).toBe('');
  });
});
