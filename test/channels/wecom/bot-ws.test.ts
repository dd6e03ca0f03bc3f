/**
 * The AI bot long-connection client against a local fake speaking the documented frames
 * (test/helpers/fake-wecom-ws.ts): subscribe, heartbeat, callbacks, answers, reconnects, kicks.
 * WeCom's own SDK runs against the same fake in official-ws-client.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { createWecomBotWsClient, type WecomBotWsClient } from '../../../src/channels/wecom/bot-ws.ts';
import { createWecomSender } from '../../../src/channels/wecom/api.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { fixedClock } from '../../../src/lib/clock.ts';
import { memoryAccept } from '../../helpers/memory-accept.ts';
import { memoryRateLimiter } from '../../helpers/memory-rate-limiter.ts';
import { botText } from '../../helpers/wecom-crypto.ts';
import { startFakeWecomWs, type FakeWecomWs } from '../../helpers/fake-wecom-ws.ts';
import { waitFor as waitUntil } from '../../helpers/wait-for.ts';

const waitFor = (cond: () => boolean, ms = 3000) => waitUntil(cond, { timeoutMs: ms, everyMs: 10 });

const BOT = { botId: 'aib-123', secret: 'bot-secret' };
let fake: FakeWecomWs;
let client: WecomBotWsClient | null = null;

beforeEach(async () => { fake = await startFakeWecomWs(BOT); });
afterEach(async () => { await client?.stop(); client = null; await fake.close(); });

function start(o: { secret?: string; accept?: ReturnType<typeof memoryAccept>; heartbeatMs?: number; clock?: ReturnType<typeof fixedClock>; onKicked?: () => void } = {}) {
  const mem = o.accept ?? memoryAccept();
  client = createWecomBotWsClient({
    config: { ...BOT, secret: o.secret ?? BOT.secret, wsUrl: fake.url, name: '督办助手' },
    accept: mem.accept, log: silentLogger, clock: o.clock, onKicked: o.onKicked,
    heartbeatMs: o.heartbeatMs ?? 60_000, backoff: { initialMs: 20, maxMs: 100 }, ackTimeoutMs: 300, acceptRetryMs: [20, 20],
  });
  return { mem, started: client.start() };
}

const wsMessage = (msgid: string, content = '@督办助手 帮助') => ({ ...botText({ msgid, content }), response_url: undefined });

describe('long connection', () => {
  it('subscribes with bot_id and secret, then pings on the heartbeat', async () => {
    start({ heartbeatMs: 40 });
    await waitFor(() => client!.authenticated);
    expect(fake.sent('aibot_subscribe')[0]?.body).toEqual({ bot_id: BOT.botId, secret: BOT.secret });
    await waitFor(() => fake.sent('ping').length >= 3);
    expect(fake.violations).toEqual([]);
  });

  it('accepts a callback and answers it on the same req_id with a finished stream', async () => {
    const { mem } = start();
    await waitFor(() => client!.authenticated);
    const reqId = fake.pushCallback(wsMessage('ws-1', '@督办助手 查询逾期'));
    await waitFor(() => mem.processed.length === 1);
    expect(mem.processed[0]).toMatchObject({ messageId: 'bot:ws-1', text: '查询逾期', replyTo: { kind: 'wecom_bot_ws', extra: { reqId } } });
    expect(await client!.respond(reqId, '**逾期** 2项')).toEqual({ ok: true });
    const reply = fake.sent('aibot_respond_msg')[0]!;
    expect(reply.headers?.req_id).toBe(reqId);
    expect(reply.body).toMatchObject({ msgtype: 'stream', stream: { finish: true, content: '**逾期** 2项' } });
    expect(fake.violations).toEqual([]);
  });

  it('the Sender answers over the socket while the req_id is fresh, then pushes to the chat', async () => {
    const clock = fixedClock('2025-10-20T02:00:00Z');
    const { mem } = start({ clock });
    await waitFor(() => client!.authenticated);
    fake.pushCallback(wsMessage('ws-2'));
    await waitFor(() => mem.processed.length === 1);
    const sender = createWecomSender({ config: { corpId: 'c', apiBase: 'http://127.0.0.1:9', bot: null, app: null }, log: silentLogger, clock, botSocket: client! });
    const to = { kind: 'reply' as const, platform: 'wecom' as const, route: mem.processed[0]!.replyTo! };
    expect(await sender.send(to, { markdown: '第一次回答', text: '' })).toEqual({ ok: true });
    clock.advance(6 * 60_000);
    expect(await sender.send(to, { markdown: '稍后的回答', text: '' })).toEqual({ ok: true });
    expect(fake.sent('aibot_send_msg').map((f) => f.body)).toEqual([{ chatid: 'wrkSFfCgAAxxxx', msgtype: 'markdown', markdown: { content: '稍后的回答' } }]);
    expect(fake.violations).toEqual([]);
  });

  it('stores a duplicate callback once, and retries storing when the store is briefly down', async () => {
    let failures = 1;
    const mem = memoryAccept({ fail: () => failures-- > 0 });
    start({ accept: mem });
    await waitFor(() => client!.authenticated);
    fake.pushCallback(wsMessage('ws-3'));
    fake.pushCallback(wsMessage('ws-3'));
    await waitFor(() => mem.events.includes('duplicate:bot:ws-3'));
    expect(mem.processed.map((m) => m.messageId)).toEqual(['bot:ws-3']);
  });

  it('reconnects and subscribes again after the network drops', async () => {
    const { mem } = start();
    await waitFor(() => client!.authenticated);
    fake.dropAll();
    await waitFor(() => fake.subscribes === 2 && client!.authenticated);
    fake.pushCallback(wsMessage('ws-4'));
    await waitFor(() => mem.processed.length === 1);
  });

  it('drops a connection whose pings go unanswered, and reconnects', async () => {
    start({ heartbeatMs: 30 });
    await waitFor(() => client!.authenticated);
    fake.silencePings();
    await waitFor(() => fake.subscribes >= 2);
  });

  it('a refused secret never authenticates, and answers are retryable meanwhile', async () => {
    start({ secret: 'wrong' });
    await waitFor(() => fake.subscribes >= 2);
    expect(client!.authenticated).toBe(false);
    expect(await client!.respond('r', 'x')).toMatchObject({ ok: false, code: 'NOT_CONNECTED', retryable: true });
  });

  it('when another connection for the bot takes over, stops without fighting back and says so (the lease is given back)', async () => {
    let kicked = 0;
    start({ onKicked: () => { kicked += 1; } });
    await waitFor(() => client!.authenticated);
    const other = new WebSocket(fake.url);
    await new Promise((r) => other.once('open', r));
    other.send(JSON.stringify({ cmd: 'aibot_subscribe', headers: { req_id: 'aibot_subscribe_x' }, body: { bot_id: BOT.botId, secret: BOT.secret } }));
    await waitFor(() => kicked === 1 && !client!.authenticated);
    expect(fake.subscribes).toBe(2);
    expect(await client!.respond('r', 'x')).toMatchObject({ ok: false, code: 'NOT_CONNECTED', retryable: true });
    other.close();
  });

  it('counts the 30-a-minute push limit per chat, as path/101463 states it, not per bot', async () => {
    const clock = fixedClock('2025-10-20T02:00:00Z');
    const limiter = memoryRateLimiter(() => clock.now().getTime());
    const mem = memoryAccept();
    client = createWecomBotWsClient({ config: { ...BOT, wsUrl: fake.url }, accept: mem.accept, log: silentLogger, clock, rateLimiter: limiter, ackTimeoutMs: 300 });
    await client.start();
    await waitFor(() => client!.authenticated);
    fake.pushCallback(wsMessage('ws-a', '@督办助手 帮助'));
    fake.pushCallback({ ...wsMessage('ws-b'), chatid: 'wrkOtherGroup' });
    await waitFor(() => mem.processed.length === 2);
    for (let i = 0; i < 30; i += 1) expect(await client.push('wrkSFfCgAAxxxx', `第${i}条`)).toEqual({ ok: true });
    expect(await client.push('wrkSFfCgAAxxxx', '第31条')).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(await client.push('wrkOtherGroup', '另一个群')).toEqual({ ok: true });
    expect(fake.violations).toEqual([]);
  });

  it('an answer WeCom does not acknowledge may have been shown: uncertain, never retried', async () => {
    // A server that takes the subscription and then says nothing more (a frame lost on its way back).
    const mute = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => mute.once('listening', r));
    mute.on('connection', (ws) => ws.on('message', (raw) => {
      const f = JSON.parse(raw.toString());
      if (f.cmd === 'aibot_subscribe') ws.send(JSON.stringify({ headers: { req_id: f.headers.req_id }, errcode: 0 }));
    }));
    const silent = createWecomBotWsClient({ config: { botId: 'aib-mute', secret: 's', wsUrl: `ws://127.0.0.1:${(mute.address() as AddressInfo).port}` }, accept: memoryAccept().accept, log: silentLogger, ackTimeoutMs: 100 });
    await silent.start();
    await waitFor(() => silent.authenticated);
    expect(await silent.respond('req-1', '答复')).toMatchObject({ ok: false, code: 'TIMEOUT', retryable: false, uncertain: true });
    await silent.stop();
    await new Promise((r) => mute.close(r));
  });

  it('refuses a second client for the same bot in one process', async () => {
    start();
    const second = createWecomBotWsClient({ config: { ...BOT, wsUrl: fake.url }, accept: memoryAccept().accept, log: silentLogger });
    await expect(second.start()).rejects.toThrow(/CONFIG/);
  });
});
