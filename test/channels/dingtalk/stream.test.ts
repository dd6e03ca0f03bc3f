/**
 * Stream mode against a local fake gateway (HTTP open-connection + WebSocket server) that
 * checks every request and answer against the protocol document: delivery → accept → ACK with
 * the same messageId, ping answer, graceful disconnect, reconnect with backoff. The official
 * SDK runs against the same fake in official-stream-client.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDingtalkStream, type DingtalkStream } from '../../../src/channels/dingtalk/stream.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { robotCallback } from '../../helpers/dingtalk-sign.ts';
import { botFrame, pingFrame } from '../../helpers/dingtalk-stream-frames.ts';
import { startFakeStreamGateway, type FakeStreamGateway } from '../../helpers/fake-dingtalk-stream.ts';
import { waitFor as waitUntil } from '../../helpers/wait-for.ts';
import { memoryAccept } from '../../helpers/memory-accept.ts';

const CREDS = { clientId: 'dingstreamkey', clientSecret: 'stream-secret' };
let gw: FakeStreamGateway;
const running: DingtalkStream[] = [];

beforeAll(async () => { gw = await startFakeStreamGateway(CREDS); });
afterAll(() => gw.close());
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  expect(gw.violations.splice(0)).toEqual([]);
  gw.received.length = 0;
  gw.setRefuseOpen(false);
});

function stream(accept: ReturnType<typeof memoryAccept>['accept'], appKey = CREDS.clientId, appSecret = CREDS.clientSecret) {
  const s = createDingtalkStream({ config: { appKey, appSecret, apiBase: gw.url }, accept, log: silentLogger, backoff: { initialMs: 50, maxMs: 400 }, acceptRetryMs: [30, 30] });
  running.push(s);
  return s;
}
const acks = (id: string) => gw.received.filter((f) => f.headers?.messageId === id);
const waitFor = async (check: () => boolean, timeoutMs = 5000) => void (await waitUntil(check, { timeoutMs, everyMs: 10 }));

/** An accept the test lets finish (or fail) when it chooses: `entered` counts calls that are waiting. */
function gatedAccept(outcome: 'accept' | 'fail') {
  const mem = memoryAccept();
  let open!: () => void;
  const gate = new Promise<void>((r) => { open = r; });
  const state = { entered: 0, failed: 0, open: () => open() };
  const accept: typeof mem.accept = async (m) => {
    state.entered += 1;
    await gate;
    if (outcome === 'fail') { state.failed += 1; throw new Error('store down'); }
    return mem.accept(m);
  };
  return { ...mem, accept, state };
}

describe('DingTalk Stream client', () => {
  it('delivers a bot message to accept and ACKs it with the same messageId only after accept resolved', async () => {
    const mem = gatedAccept('accept');
    const s = stream(mem.accept);
    await s.start();
    await waitFor(() => s.connected && gw.live === 1);
    gw.push(gw.botFrame(robotCallback({ msgId: 'stream-msg-1', text: { content: ' 查询逾期' } }), 'frame-1'));
    await waitFor(() => mem.state.entered === 1); // accept is storing it …
    expect(acks('frame-1')).toHaveLength(0); // … and nothing is ACKed yet
    mem.state.open();
    await waitFor(() => acks('frame-1').length === 1);
    expect(mem.processed).toHaveLength(1);
    expect(mem.processed[0]).toMatchObject({ platform: 'dingtalk', messageId: 'stream-msg-1', text: '查询逾期', chatType: 'group' });
    expect(acks('frame-1')[0]).toEqual({ code: 200, message: 'OK', headers: { contentType: 'application/json', messageId: 'frame-1' }, data: '{"response":null}' });
  });

  it('subscribes to the bot and card-callback topics only, and reads a frame whose time header is a number', async () => {
    const mem = memoryAccept();
    const s = stream(mem.accept);
    await s.start();
    await waitFor(() => gw.live === 1);
    expect(gw.openRequests.at(-1)?.body.subscriptions).toEqual([{ type: 'CALLBACK', topic: '/v1.0/im/bot/messages/get' }, { type: 'CALLBACK', topic: '/v1.0/card/instances/callback' }]);
    gw.push(botFrame(robotCallback({ msgId: 'numeric-time' }), { messageId: 'f-num', time: 'number' }));
    await waitFor(() => acks('f-num').length === 1);
    expect(mem.processed.map((m) => m.messageId)).toEqual(['numeric-time']);
  });

  it('a redelivered message is ACKed again but processed once', async () => {
    const mem = memoryAccept();
    const s = stream(mem.accept);
    await s.start();
    await waitFor(() => gw.live === 1);
    const body = robotCallback({ msgId: 'stream-dup' });
    gw.push(gw.botFrame(body, 'f-a'));
    gw.push(gw.botFrame(body, 'f-b'));
    await waitFor(() => acks('f-a').length === 1 && acks('f-b').length === 1);
    expect(mem.processed.filter((m) => m.messageId === 'stream-dup')).toHaveLength(1);
  });

  it('retries storing a message (robot messages are not pushed again) and ACKs it once stored', async () => {
    let failures = 2;
    const mem = memoryAccept({ fail: () => failures-- > 0 });
    const s = stream(mem.accept);
    await s.start();
    await waitFor(() => gw.live === 1);
    gw.push(gw.botFrame(robotCallback({ msgId: 'retried' }), 'f-retry'));
    await waitFor(() => acks('f-retry').length === 1);
    expect(mem.processed.map((m) => m.messageId)).toEqual(['retried']);
  });

  it('leaves a message it could not store un-ACKed, in case DingTalk pushes it again', async () => {
    const mem = gatedAccept('fail');
    mem.state.open();
    const s = stream(mem.accept);
    await s.start();
    await waitFor(() => gw.live === 1);
    gw.push(gw.botFrame(robotCallback(), 'f-fail'));
    await waitFor(() => mem.state.failed === 1);
    // A later frame answered proves the failed one was dealt with (frames are taken in order).
    gw.push({ specVersion: '1.0', type: 'SYSTEM', headers: { contentType: 'application/json', messageId: 'ping-after-fail', time: '1', topic: 'ping' }, data: '{}' });
    await waitFor(() => acks('ping-after-fail').length === 1);
    expect(acks('f-fail')).toHaveLength(0);
    expect(gw.unanswered).toContain('f-fail');
  });

  it('answers a SYSTEM ping with the same messageId and its opaque', async () => {
    const s = stream(memoryAccept().accept);
    await s.start();
    await waitFor(() => gw.live === 1);
    gw.push(pingFrame('abc', { messageId: 'ping-1' }));
    await waitFor(() => acks('ping-1').length === 1);
    expect(acks('ping-1')[0]).toEqual({ code: 200, message: 'OK', headers: { contentType: 'application/json', messageId: 'ping-1' }, data: '{"opaque":"abc"}' });
  });

  it('on a SYSTEM disconnect (no messageId) opens a new connection with a fresh ticket before the server closes the old one', async () => {
    const mem = memoryAccept();
    const s = stream(mem.accept);
    await s.start();
    await waitFor(() => gw.live === 1);
    const before = gw.connections;
    gw.disconnect(10_000);
    await waitFor(() => gw.connections === before + 1 && gw.live === 1);
    gw.push(gw.botFrame(robotCallback({ msgId: 'after-disconnect' }), 'f-after-disc'));
    await waitFor(() => acks('f-after-disc').length === 1);
    expect(mem.processed.map((m) => m.messageId)).toContain('after-disconnect');
  });

  it('reconnects with a fresh ticket after the server drops the socket, and keeps delivering', async () => {
    const mem = memoryAccept();
    const s = stream(mem.accept);
    await s.start();
    await waitFor(() => gw.live === 1);
    const before = gw.connections;
    gw.dropAll();
    await waitFor(() => gw.connections === before + 1 && gw.live === 1);
    gw.push(gw.botFrame(robotCallback({ msgId: 'after-reconnect' }), 'f-after'));
    await waitFor(() => acks('f-after').length === 1);
    expect(mem.processed.map((m) => m.messageId)).toContain('after-reconnect');
  });

  it('retries a refused gateway with growing delays until it answers', async () => {
    gw.setRefuseOpen(true);
    const opensBefore = gw.opens;
    const s = stream(memoryAccept().accept);
    const started = Date.now();
    await s.start();
    await waitFor(() => gw.opens >= opensBefore + 4, 3000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(50 + 100 + 200);
    gw.setRefuseOpen(false);
    await waitFor(() => s.connected, 3000);
  });

  it('runs one stream per client id', async () => {
    await stream(memoryAccept().accept).start();
    await expect(stream(memoryAccept().accept).start()).rejects.toThrow(expect.objectContaining({ code: 'CONFIG' }));
  });

  it('stops without reconnecting', async () => {
    const s = stream(memoryAccept().accept);
    await s.start();
    await waitFor(() => gw.live === 1);
    const [connections, opens] = [gw.connections, gw.opens];
    await s.stop(); // resolves once the socket's close was handled, stopped: no reconnect can be scheduled
    await waitFor(() => gw.live === 0);
    expect(s.connected).toBe(false);
    expect([gw.connections, gw.opens]).toEqual([connections, opens]);
  });
});
