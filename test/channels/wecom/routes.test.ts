/**
 * /wecom/bot and /wecom/app on a bare Koa app on a real port, with callbacks sealed and signed
 * by the independent helper (test/helpers/wecom-crypto.ts) and an in-memory accept; the AI
 * bot's stream replies with an in-memory stream port (the store side is in stream.redis.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Koa from 'koa';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWecomRouter } from '../../../src/channels/wecom/routes.ts';
import type { WecomChannelConfig } from '../../../src/channels/wecom/types.ts';
import type { Accept, HeldAnswer } from '../../../src/channels/types.ts';
import type { BotStreamPort } from '../../../src/channels/wecom/stream.ts';
import { fixedClock, type Clock } from '../../../src/lib/clock.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { memoryAccept } from '../../helpers/memory-accept.ts';
import { appEnvelopeXml, appTextXml, botRefresh, botText, callbackNonceOf, openBotReply, queryString, SAMPLE, sealWecom, signedCallback, wecomSignature } from '../../helpers/wecom-crypto.ts';

const BOT = { token: 'botToken123', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', receiveId: '' };
const APP = { token: SAMPLE.token, aesKey: SAMPLE.aesKey, receiveId: SAMPLE.corpId };
const config: WecomChannelConfig = {
  corpId: SAMPLE.corpId, apiBase: 'http://127.0.0.1:9',
  bot: { token: BOT.token, aesKey: BOT.aesKey, mode: 'callback', name: '督办助手' },
  app: { token: APP.token, aesKey: APP.aesKey, secret: 's', agentId: '1000002' },
};
const clock = fixedClock('2025-10-20T02:00:00Z');
const now = () => clock.now().getTime();
const servers: Server[] = [];

async function serve(accept: Accept, c: Clock = clock): Promise<string> {
  const app = new Koa();
  app.silent = true;
  app.use(createWecomRouter({ config, accept, log: silentLogger, clock: c }).routes());
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((r) => server.once('listening', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterAll(() => Promise.all(servers.map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); }))));

const mem = memoryAccept();
let base: string;
beforeAll(async () => { base = await serve(mem.accept); });

const postBot = (payload: unknown, opts: { at?: number; seal?: Parameters<typeof signedCallback>[3]; secrets?: typeof BOT } = {}) => {
  const cb = signedCallback(opts.secrets ?? BOT, typeof payload === 'string' ? payload : JSON.stringify(payload), opts.at ?? now(), opts.seal);
  return fetch(`${base}/wecom/bot?${queryString(cb.query)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encrypt: cb.encrypt }) });
};
const postApp = (xml: string, at = now()) => {
  const cb = signedCallback(APP, xml, at);
  return fetch(`${base}/wecom/app?${queryString(cb.query)}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: appEnvelopeXml(SAMPLE.corpId, cb.encrypt) });
};
const seen = (id: string) => mem.processed.filter((m) => m.messageId === id);

describe('URL verification', () => {
  it('answers the official sample echostr with the exact plaintext bytes', async () => {
    const sampleClock = fixedClock(new Date(Number(SAMPLE.verify.timestamp) * 1000 + 500));
    const url = await serve(memoryAccept().accept, sampleClock);
    const { plain, ...q } = SAMPLE.verify;
    const res = await fetch(`${url}/wecom/app?${queryString(q)}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(plain, 'utf8'));
    // The same request with echostr not URL-encoded: its '+' must not turn into a space.
    const rawQuery = `msg_signature=${q.msg_signature}&timestamp=${q.timestamp}&nonce=${q.nonce}&echostr=${q.echostr}`;
    const raw = await fetch(`${url}/wecom/app?${rawQuery}`);
    expect([raw.status, await raw.text()]).toEqual([200, plain]);
  });

  it('answers the AI bot verification (receive id "") and refuses a bad signature', async () => {
    const cb = signedCallback(BOT, 'echo-8472', now());
    const ok = await fetch(`${base}/wecom/bot?${queryString({ ...cb.query, echostr: cb.encrypt })}`);
    expect([ok.status, await ok.text()]).toEqual([200, 'echo-8472']);
    const bad = await fetch(`${base}/wecom/bot?${queryString({ ...cb.query, msg_signature: 'f'.repeat(40), echostr: cb.encrypt })}`);
    expect(bad.status).toBe(401);
  });
});

describe('POST /wecom/bot', () => {
  it('accepts a signed group message, strips the @name, and answers an empty 200', async () => {
    const res = await postBot(botText({ msgid: 'bot-good', content: '@督办助手 2.3 进度70%' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(seen('bot:bot-good')[0]).toMatchObject({ text: '2.3 进度70%', chatType: 'group', chatId: 'wrkSFfCgAAxxxx', senderId: 'zhangsan', replyTo: { kind: 'wecom_bot_response_url', expiresAt: now() + 3_600_000 } });
  });

  it('refuses a bad signature with 401 and accepts nothing', async () => {
    const before = mem.events.length;
    const cb = signedCallback(BOT, JSON.stringify(botText({ msgid: 'bot-badsig' })), now());
    const res = await fetch(`${base}/wecom/bot?${queryString({ ...cb.query, msg_signature: wecomSignature('other', cb.query.timestamp, cb.query.nonce, cb.encrypt) })}`, { method: 'POST', body: JSON.stringify({ encrypt: cb.encrypt }) });
    expect(res.status).toBe(401);
    expect(mem.events.length).toBe(before);
  });

  it('refuses a correctly signed callback from 11 minutes ago with 403', async () => {
    const res = await postBot(botText({ msgid: 'bot-stale' }), { at: now() - 11 * 60_000 });
    expect(res.status).toBe(403);
    expect(seen('bot:bot-stale')).toHaveLength(0);
  });

  it('refuses an envelope sealed for the app (receive id = CorpID) on the bot route', async () => {
    const res = await postBot(botText({ msgid: 'bot-corpid' }), { secrets: { ...BOT, receiveId: SAMPLE.corpId } });
    expect(res.status).toBe(401);
    expect(seen('bot:bot-corpid')).toHaveLength(0);
  });

  it('answers malformed JSON (outside or inside the envelope) with 400 and changes nothing', async () => {
    const before = mem.events.length;
    const q = signedCallback(BOT, '{}', now()).query;
    expect((await fetch(`${base}/wecom/bot?${queryString(q)}`, { method: 'POST', body: '{"encrypt":' })).status).toBe(400);
    expect((await postBot('{"msgid": "x", oops')).status).toBe(400);
    expect((await postBot({ msgid: 'no-chattype', msgtype: 'text' })).status).toBe(400);
    expect(mem.events.length).toBe(before);
  });

  it('processes a duplicate delivery once and answers 200 both times', async () => {
    const msg = botText({ msgid: 'bot-dup' });
    const first = await postBot(msg);
    const retry = await postBot(msg, { at: now() + 5_000 });
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(seen('bot:bot-dup')).toHaveLength(1);
    expect(mem.events).toContain('duplicate:bot:bot-dup');
  });

  it('refuses a body over 1 MB with 413', async () => {
    const q = signedCallback(BOT, '{}', now()).query;
    const res = await fetch(`${base}/wecom/bot?${queryString(q)}`, { method: 'POST', body: JSON.stringify({ encrypt: 'A'.repeat(1024 * 1024 + 10) }) });
    expect(res.status).toBe(413);
  });

  it('lets a failing store surface as 5xx so WeCom retries, then accepts the retry', async () => {
    let down = true;
    const flaky = memoryAccept({ fail: () => down });
    const url = await serve(flaky.accept);
    const cb = signedCallback(BOT, JSON.stringify(botText({ msgid: 'bot-pgdown' })), now());
    const send = () => fetch(`${url}/wecom/bot?${queryString(cb.query)}`, { method: 'POST', body: JSON.stringify({ encrypt: cb.encrypt }) });
    expect((await send()).status).toBe(500);
    down = false;
    expect((await send()).status).toBe(200);
    expect(flaky.processed.map((m) => m.messageId)).toEqual(['bot:bot-pgdown']);
  });
});

describe('POST /wecom/app', () => {
  it('accepts the official sample message and keeps its 64-bit MsgId exact', async () => {
    const m = SAMPLE.message;
    const sampleAccept = memoryAccept();
    const url = await serve(sampleAccept.accept, fixedClock(new Date(Number(m.timestamp) * 1000 + 800)));
    const { encrypt, ...q } = m;
    const res = await fetch(`${url}/wecom/app?${queryString(q)}`, { method: 'POST', body: appEnvelopeXml(SAMPLE.corpId, encrypt, '218') });
    expect([res.status, await res.text()]).toEqual([200, 'success']);
    expect(sampleAccept.processed[0]).toMatchObject({ messageId: 'app:4561255354251345929', text: 'hello', senderId: 'mycreate', chatType: 'single' });
  });

  it('accepts a text message and answers "success"', async () => {
    const res = await postApp(appTextXml({ msgId: '1001', content: '查询逾期' }));
    expect([res.status, await res.text()]).toEqual([200, 'success']);
    expect(seen('app:1001')[0]).toMatchObject({ text: '查询逾期', replyTo: { kind: 'wecom_app', extra: { userId: 'zhangsan' } } });
  });

  it('de-duplicates events by sender + CreateTime', async () => {
    const ev = (t: number) => `<xml><ToUserName>${SAMPLE.corpId}</ToUserName><FromUserName>lisi</FromUserName><CreateTime>${t}</CreateTime><MsgType>event</MsgType><Event>enter_agent</Event><AgentID>1000002</AgentID></xml>`;
    await postApp(ev(1760925601));
    await postApp(ev(1760925601));
    await postApp(ev(1760925602));
    expect(mem.processed.filter((m) => m.messageId.startsWith('app-event:lisi:')).map((m) => m.messageId)).toEqual(['app-event:lisi:1760925601', 'app-event:lisi:1760925602']);
  });

  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>`;

  it('refuses entity expansion in the outer body with 400', async () => {
    const cb = signedCallback(APP, appTextXml({ msgId: '1002' }), now());
    const body = `${laughs}<xml><ToUserName>&lol2;</ToUserName><Encrypt><![CDATA[${cb.encrypt}]]></Encrypt></xml>`;
    const res = await fetch(`${base}/wecom/app?${queryString(cb.query)}`, { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(seen('app:1002')).toHaveLength(0);
  });

  it('refuses entity expansion inside a correctly signed payload with 400, expanding nothing', async () => {
    const before = mem.events.length;
    const res = await postApp(`${laughs}<xml><ToUserName>${SAMPLE.corpId}</ToUserName><FromUserName>x</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&lol2;</Content><MsgId>1003</MsgId></xml>`);
    expect(res.status).toBe(400);
    expect(mem.events.length).toBe(before);
  });

  it('refuses malformed XML with 400', async () => {
    const q = signedCallback(APP, 'x', now()).query;
    expect((await fetch(`${base}/wecom/app?${queryString(q)}`, { method: 'POST', body: '<xml><Encrypt>abc</xml>' })).status).toBe(400);
    expect((await postApp('<xml><MsgType>text</MsgType>')).status).toBe(400);
  });

  it('refuses an envelope whose receive id is not our CorpID', async () => {
    const enc = sealWecom(APP.aesKey, appTextXml({ msgId: '1004' }), 'wwSOMEONEELSE');
    const ts = String(Math.floor(now() / 1000));
    const q = { msg_signature: wecomSignature(APP.token, ts, 'n', enc), timestamp: ts, nonce: 'n' };
    const res = await fetch(`${base}/wecom/app?${queryString(q)}`, { method: 'POST', body: appEnvelopeXml(SAMPLE.corpId, enc) });
    expect(res.status).toBe(401);
    expect(seen('app:1004')).toHaveLength(0);
  });
});

describe('POST /wecom/bot with stream replies', () => {
  const held = new Map<string, HeldAnswer>();
  const collected: string[] = [];
  const port: BotStreamPort = {
    collect: async (id) => { collected.push(id); return held.get(id) ?? { state: 'gone' }; },
    pending: '处理中…',
    gone: '已失效',
  };
  const streamAccept = memoryAccept();
  let url: string;
  beforeAll(async () => {
    const app = new Koa();
    app.silent = true;
    app.use(createWecomRouter({ config, accept: streamAccept.accept, log: silentLogger, clock, stream: port }).routes());
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  const post = async (payload: Record<string, unknown>) => {
    const cb = signedCallback(BOT, JSON.stringify(payload), now());
    return fetch(`${url}/wecom/bot?${queryString(cb.query)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encrypt: cb.encrypt }) });
  };
  const stream = async (res: Response) => { expect(res.status).toBe(200); return openBotReply(BOT, await res.json(), callbackNonceOf(res)); };

  it('stores a text message, then answers with a sealed stream start named after the stored row', async () => {
    const res = await post(botText({ msgid: 'st-1', content: '@督办助手 帮助' }));
    expect(await stream(res)).toEqual({ msgtype: 'stream', stream: { id: 'duban-row-1', finish: false, content: '处理中…' } });
    expect(streamAccept.processed[0]).toMatchObject({
      messageId: 'bot:st-1', kind: 'text',
      replyTo: { kind: 'wecom_bot_stream', url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC1', expiresAt: now() + 3_600_000, holdUntil: now() + 6 * 60_000 },
    });
  });

  it('gives a retried callback the same stream id without storing it again', async () => {
    const res = await post(botText({ msgid: 'st-1', content: '@督办助手 帮助' }));
    expect((await stream(res)).stream.id).toBe('duban-row-1');
    expect(streamAccept.events.filter((e) => e.endsWith('bot:st-1'))).toEqual(['accepted:bot:st-1', 'duplicate:bot:st-1']);
  });

  it('answers refreshes from the port and never stores them', async () => {
    const before = streamAccept.events.length;
    held.set('row-1', { state: 'pending' });
    expect(await stream(await post(botRefresh({ streamId: 'duban-row-1' })))).toEqual({ msgtype: 'stream', stream: { id: 'duban-row-1', finish: false, content: '处理中…' } });
    held.set('row-1', { state: 'ready', markdown: '**答复**' });
    expect(await stream(await post(botRefresh({ streamId: 'duban-row-1' })))).toEqual({ msgtype: 'stream', stream: { id: 'duban-row-1', finish: true, content: '**答复**' } });
    expect(collected).toEqual(['row-1', 'row-1']);
    expect(streamAccept.events.length).toBe(before);
  });

  it('cuts an answer to the 20 480-byte stream limit', async () => {
    held.set('row-1', { state: 'ready', markdown: Array.from({ length: 2000 }, (_, i) => `第${i}行：督办事项进展情况`).join('\n') });
    const reply = await stream(await post(botRefresh({ streamId: 'duban-row-1' })));
    expect(Buffer.byteLength(reply.stream.content)).toBeLessThanOrEqual(20480);
    expect(reply.stream.content.endsWith('\n…')).toBe(true);
  });

  it('closes a stream that is not ours with the note, without asking the store', async () => {
    collected.length = 0;
    for (const id of ['someone-elses', 'duban-', 'duban-../../x']) {
      expect(await stream(await post(botRefresh({ streamId: id })))).toEqual({ msgtype: 'stream', stream: { id, finish: true, content: '已失效' } });
    }
    expect(collected).toEqual([]);
  });

  it('answers files and events with an empty 200 (files answer through response_url)', async () => {
    const file = await post({ ...botText({ msgid: 'st-file', chattype: 'single' }), msgtype: 'file', text: undefined, file: { url: 'https://x/f' } });
    expect([file.status, await file.text()]).toEqual([200, '']);
    expect(streamAccept.processed.find((m) => m.messageId === 'bot:st-file')?.replyTo?.kind).toBe('wecom_bot_response_url');
  });
});

describe('POST /wecom/bot without stream replies', () => {
  it('answers a refresh with an empty 200 and stores nothing', async () => {
    const before = mem.events.length;
    const res = await postBot(botRefresh({ streamId: 'duban-row-1' }));
    expect([res.status, await res.text()]).toEqual([200, '']);
    expect(mem.events.length).toBe(before);
  });
});
