/**
 * WeCom's own AI bot long-connection SDK (`@wecom/aibot-node-sdk`, WecomTeam/aibot-node-sdk,
 * the SDK path/101463 links to) run unchanged against the fake that Duban's long-connection
 * tests use (bot-ws.test.ts). The SDK takes the socket address as its documented `wsUrl`
 * option. Whatever the fake refuses is in `fake.violations`; whatever it sends, the SDK must
 * understand. Where both clients send the same thing, their frames are compared.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WSClient, type TemplateCard, type WsFrame } from '@wecom/aibot-node-sdk';
import { createWecomBotWsClient, type WecomBotWsClient } from '../../../src/channels/wecom/bot-ws.ts';
import { fetchBotFile } from '../../../src/channels/wecom/bot-media.ts';
import { encodeTemplateCard } from '../../../src/channels/wecom/encode-card.ts';
import { decidedCard, type Card } from '../../../src/channels/card.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { memoryAccept } from '../../helpers/memory-accept.ts';
import { startFakeWecomApi, type FakeWecomApi } from '../../helpers/fake-wecom-api.ts';
import { startFakeWecomWs, type FakeWecomWs } from '../../helpers/fake-wecom-ws.ts';
import { waitFor } from '../../helpers/fake-dingtalk-stream.ts';
import { encryptBotFile } from '../../helpers/wecom-crypto.ts';

const BOT = { botId: 'aib-official', secret: 'official-secret' };
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
let fake: FakeWecomWs;
const running: Array<{ stop(): unknown }> = [];

beforeEach(async () => { fake = await startFakeWecomWs(BOT); });
afterEach(async () => {
  for (const c of running.splice(0)) await c.stop();
  await fake.close();
  expect(fake.violations).toEqual([]);
});

/** Duban's own client on the fake's long connection, started and authenticated. */
async function dubanClient(accept: ReturnType<typeof memoryAccept>['accept']): Promise<WecomBotWsClient> {
  const duban = createWecomBotWsClient({ config: { ...BOT, wsUrl: fake.url }, accept, log: silentLogger, ackTimeoutMs: 500 });
  running.push(duban);
  await duban.start();
  await waitFor(() => duban.authenticated);
  return duban;
}

async function sdk(o: { secret?: string; heartbeatInterval?: number } = {}) {
  const client = new WSClient({ ...BOT, secret: o.secret ?? BOT.secret, wsUrl: fake.url, logger: quiet, heartbeatInterval: o.heartbeatInterval ?? 60_000, reconnectInterval: 20, maxAuthFailureAttempts: 1 });
  running.push({ stop: () => client.disconnect() });
  client.connect();
  return client;
}
const authenticated = (c: WSClient) => new Promise<void>((r) => c.once('authenticated', () => r()));
type FrameEvent = 'message.text' | 'message.file' | 'event.enter_chat' | 'event.template_card_event';
/** The next frame the SDK emits as `event` (its event map types each listener; any of them takes a frame). */
const nextFrame = (c: WSClient, event: FrameEvent) => new Promise<WsFrame<any>>((r) => c.once(event, ((f: WsFrame<any>) => r(f)) as never));

/** path/100719's text message, as WeCom pushes it over the socket (no response_url there). */
const textBody = (msgid: string, chatid = 'wrkGroup01') => ({ msgid, aibotid: BOT.botId, chatid, chattype: 'group', from: { userid: 'zhangsan' }, msgtype: 'text', text: { content: '@督办助手 查询逾期' } });
const notice: TemplateCard = { card_type: 'text_notice', main_title: { title: '逾期提醒', desc: '区卫生健康局' }, sub_title_text: '二（一）已逾期 3 天', card_action: { type: 1, url: 'https://example.org/task/2.1' } };

describe('the official @wecom/aibot-node-sdk against the fake long connection', () => {
  it('subscribes like Duban does, and its heartbeat is answered', async () => {
    const client = await sdk({ heartbeatInterval: 30 });
    await authenticated(client);
    await waitFor(() => fake.sent('ping').length >= 3);
    expect(client.isConnected).toBe(true);
    expect(fake.sent('aibot_subscribe')[0]).toMatchObject({ cmd: 'aibot_subscribe', body: { bot_id: BOT.botId, secret: BOT.secret } });
  });

  it('understands a message callback and streams a reply the fake accepts, then no update after finish', async () => {
    const client = await sdk();
    await authenticated(client);
    const got = nextFrame(client, 'message.text');
    const reqId = fake.pushCallback(textBody('m-1'));
    const frame = await got;
    expect(frame.headers.req_id).toBe(reqId);
    expect(frame.body).toEqual(textBody('m-1'));
    await expect(client.replyStream(frame, 'stream-1', '正在查询…', false)).resolves.toMatchObject({ errcode: 0 });
    await expect(client.replyStream(frame, 'stream-1', '**逾期** 2项', true)).resolves.toMatchObject({ errcode: 0 });
    await expect(client.replyStream(frame, 'stream-1', '又改了', true)).rejects.toMatchObject({ errcode: 40008 });
    expect(fake.violations.splice(0)).toEqual(['aibot_respond_msg: stream stream-1 already finished']);
  });

  it('Duban answers the same callback with the same frame the SDK sends', async () => {
    const client = await sdk();
    await authenticated(client);
    const got = nextFrame(client, 'message.text');
    const sdkReq = fake.pushCallback(textBody('m-2'));
    await client.replyStream(await got, 'stream-x', '**逾期** 2项', true);
    client.disconnect();
    const mem = memoryAccept();
    const duban = await dubanClient(mem.accept);
    const dubanReq = fake.pushCallback(textBody('m-3'));
    await waitFor(() => mem.processed.length === 1);
    expect(await duban.respond(dubanReq, '**逾期** 2项')).toEqual({ ok: true });
    const [a, b] = fake.sent('aibot_respond_msg');
    expect(a!.headers!.req_id).toBe(sdkReq);
    expect(b!.headers!.req_id).toBe(dubanReq);
    expect({ ...b!.body, stream: { ...b!.body.stream, id: 'stream-x' } }).toEqual(a!.body);
  });

  it('Duban pushes the same aibot_send_msg body as the SDK\'s sendMessage', async () => {
    const client = await sdk();
    await authenticated(client);
    const msg = nextFrame(client, 'message.text');
    fake.pushCallback(textBody('m-push'));
    await msg;
    await client.sendMessage('wrkGroup01', { msgtype: 'markdown', markdown: { content: '本周到期 **3** 项' } });
    client.disconnect();
    const duban = await dubanClient(memoryAccept().accept);
    expect(await duban.push('wrkGroup01', '本周到期 **3** 项')).toEqual({ ok: true });
    const [a, b] = fake.sent('aibot_send_msg');
    expect(b!.body).toEqual(a!.body);
  });

  it('replies and pushes template cards, greets on enter_chat and updates a clicked card', async () => {
    const client = await sdk();
    await authenticated(client);
    const msg = nextFrame(client, 'message.text');
    fake.pushCallback(textBody('m-4'));
    const frame = await msg;
    await expect(client.replyTemplateCard(frame, notice)).resolves.toMatchObject({ errcode: 0 });
    await expect(client.sendMessage('wrkGroup01', { msgtype: 'template_card', template_card: notice })).resolves.toMatchObject({ errcode: 0 });
    await expect(client.sendMessage('wrkGroup01', { msgtype: 'markdown', markdown: { content: '本周到期 **3** 项' } })).resolves.toMatchObject({ errcode: 0 });
    const enter = nextFrame(client, 'event.enter_chat');
    fake.pushEvent({ msgid: 'e-1', create_time: 1700000000, aibotid: BOT.botId, from: { userid: 'zhangsan' }, msgtype: 'event', event: { eventtype: 'enter_chat' } });
    await expect(client.replyWelcome(await enter, { msgtype: 'text', text: { content: '您好' } })).resolves.toMatchObject({ errcode: 0 });
    const click = nextFrame(client, 'event.template_card_event');
    fake.pushEvent({ msgid: 'e-2', create_time: 1700000000, aibotid: BOT.botId, chatid: 'wrkGroup01', chattype: 'group', from: { userid: 'zhangsan' }, msgtype: 'event', event: { eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: 'done', task_id: 'task_2-1' } } });
    const buttons: TemplateCard = { card_type: 'button_interaction', main_title: { title: '已确认' }, button_list: [{ text: '已办结', key: 'done' }], task_id: 'task_2-1' };
    await expect(client.updateTemplateCard(await click, buttons)).resolves.toMatchObject({ errcode: 0 });
  });

  it('Duban\'s card push and card update are the frames the SDK sends for the same card (sendMessage, updateTemplateCard)', async () => {
    const card: Card = {
      id: 'review-5f1d2c3b-0a9e-4e8f-9b7a-6c5d4e3f2a1b-1', title: '办结待审核：二.(一)', facts: [{ label: '单位', value: '区卫生健康局' }],
      buttons: [{ label: '销号', action: 'duban:close:5f1d2c3b-0a9e-4e8f-9b7a-6c5d4e3f2a1b', style: 'primary' }, { label: '退回', action: 'duban:return:5f1d2c3b-0a9e-4e8f-9b7a-6c5d4e3f2a1b', style: 'danger' }],
    };
    const decided = decidedCard(card, '已销号 · 王局长 · 12月8日 10:02');
    const clickBody = (msgid: string) => ({ msgid, create_time: 1700000000, aibotid: BOT.botId, chatid: 'wrkGroup01', chattype: 'group', from: { userid: 'wang' }, msgtype: 'event', event: { eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: card.buttons[0]!.action, task_id: card.id } } });
    const client = await sdk();
    await authenticated(client);
    const msg = nextFrame(client, 'message.text');
    fake.pushCallback(textBody('m-card'));
    await msg;
    await client.sendMessage('wrkGroup01', { msgtype: 'template_card', template_card: encodeTemplateCard(card) });
    const click = nextFrame(client, 'event.template_card_event');
    fake.pushEvent(clickBody('e-sdk'));
    await client.updateTemplateCard(await click, encodeTemplateCard(decided));
    client.disconnect();
    const mem = memoryAccept();
    const duban = await dubanClient(mem.accept);
    expect(await duban.push('wrkGroup01', '', card)).toEqual({ ok: true });
    const reqId = fake.pushEvent(clickBody('e-duban'));
    await waitFor(() => mem.processed.length === 1);
    expect(await duban.updateCard(reqId, decided)).toEqual({ ok: true });
    const [sdkPush, dubanPush] = fake.sent('aibot_send_msg').filter((f) => f.body?.msgtype === 'template_card').slice(-2);
    expect(dubanPush!.body).toEqual(sdkPush!.body);
    const [sdkUpdate, dubanUpdate] = fake.sent('aibot_respond_update_msg').slice(-2);
    expect(dubanUpdate!.body).toEqual(sdkUpdate!.body);
  });

  it('refuses a malformed card and a push to a chat that never messaged the bot', async () => {
    const client = await sdk();
    await authenticated(client);
    const msg = nextFrame(client, 'message.text');
    fake.pushCallback(textBody('m-5'));
    await expect(client.replyTemplateCard(await msg, { card_type: 'button_interaction', button_list: [{ text: '好', key: 'ok' }] })).rejects.toMatchObject({ errcode: 40008 });
    expect(fake.violations.splice(0)).toEqual(['aibot_respond_msg: button_interaction needs task_id']);
    await expect(client.sendMessage('wrkNeverSpoke', { msgtype: 'markdown', markdown: { content: 'x' } })).rejects.toMatchObject({ errcode: 40008 });
  });

  it('a new connection for the bot kicks the SDK with disconnected_event, and the SDK does not fight back; and the other way round', async () => {
    const client = await sdk();
    await authenticated(client);
    const kicked = new Promise<string>((r) => client.once('disconnected', r));
    const duban: WecomBotWsClient = createWecomBotWsClient({ config: { ...BOT, wsUrl: fake.url }, accept: memoryAccept().accept, log: silentLogger });
    running.push(duban);
    await duban.start();
    await kicked;
    await waitFor(() => duban.authenticated);
    const second = await sdk();
    await authenticated(second);
    await waitFor(() => !duban.authenticated);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.subscribes).toBe(3);
  });

  it('a wrong secret is refused and reported', async () => {
    const client = await sdk({ secret: 'wrong' });
    const err = await new Promise<Error>((r) => client.once('error', r));
    expect(err.message).toMatch(/Authentication failed/);
  });
});

describe('files with a per-URL aeskey (long connection)', () => {
  let api: FakeWecomApi;
  beforeEach(async () => { api = await startFakeWecomApi({ corpId: 'c', secret: 's', agentId: 1 }); });
  afterEach(() => api.close());

  it('the SDK and Duban decrypt the same served file to the same bytes', async () => {
    const aeskey = Buffer.from('0123456789abcdef0123456789ABCDEF').toString('base64');
    const plain = Buffer.from('序号,任务,牵头单位\n1,急救能力提升,区卫生健康局\n');
    const url = api.addBotFile(encryptBotFile(aeskey, plain));
    const client = await sdk();
    await authenticated(client);
    const file = nextFrame(client, 'message.file');
    fake.pushCallback({ msgid: 'f-1', aibotid: BOT.botId, chattype: 'single', from: { userid: 'zhangsan' }, msgtype: 'file', file: { url, aeskey } });
    const frame = await file;
    expect((await client.downloadFile(frame.body.file.url, frame.body.file.aeskey)).buffer).toEqual(plain);
    expect(await fetchBotFile(aeskey, url)).toEqual(plain);
  });
});
