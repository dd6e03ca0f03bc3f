/**
 * Cards on WeCom against the fakes that check the documented formats: the AI bot's long
 * connection (test/helpers/fake-wecom-ws.ts: template_card pushes and replies, clicks as
 * template_card_event, aibot_respond_update_msg on the click's req_id) and the self-built
 * app (test/helpers/fake-wecom-api.ts: message/send template_card, the click event with its
 * ResponseCode, message/update_template_card once per code).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TemplateCard, UpdateTemplateCardBody } from '@wecom/aibot-node-sdk';
import { createWecomBotWsClient, type WecomBotWsClient } from '../../../src/channels/wecom/bot-ws.ts';
import { createWecomSender } from '../../../src/channels/wecom/api.ts';
import { decodeAppMessage, parseAppMessage } from '../../../src/channels/wecom/decode.ts';
import { encodeCardUpdate, encodeTemplateCard } from '../../../src/channels/wecom/encode-card.ts';
import { actionKey, decidedCard, parseActionKey, type Card } from '../../../src/channels/card.ts';
import type { WecomChannelConfig } from '../../../src/channels/wecom/types.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { fixedClock } from '../../../src/lib/clock.ts';
import { memoryAccept } from '../../helpers/memory-accept.ts';
import { startFakeWecomWs, type FakeWecomWs } from '../../helpers/fake-wecom-ws.ts';
import { startFakeWecomApi, type FakeWecomApi } from '../../helpers/fake-wecom-api.ts';
import { templateCardError, cardUpdateError } from '../../helpers/wecom-bot-bodies.ts';
import { waitFor as waitUntil } from '../../helpers/wait-for.ts';
import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import { createWecomRouter } from '../../../src/channels/wecom/routes.ts';
import { appEnvelopeXml, queryString, SAMPLE, signedCallback } from '../../helpers/wecom-crypto.ts';

const waitFor = (cond: () => boolean, ms = 3000) => waitUntil(cond, { timeoutMs: ms, everyMs: 10 });
const CLAIM = '5f1d2c3b-0a9e-4e8f-9b7a-6c5d4e3f2a1b';
const card: Card = {
  id: `review-${CLAIM}-1`,
  title: '办结待审核：二.(一)提高区域急救能力建设水平和覆盖范围',
  facts: [{ label: '任务', value: '提高区域急救能力' }, { label: '单位', value: '区卫生健康局' }, { label: '报告', value: '胸痛中心、卒中中心均已通过验收，资料已报送区政府办公室备案' }],
  buttons: [{ label: '销号', action: actionKey({ verb: 'close', id: CLAIM }), style: 'primary' }, { label: '退回', action: actionKey({ verb: 'return', id: CLAIM }), style: 'danger' }],
};
const message = { markdown: '**办结待审核**：区卫生健康局 报 二.(一) 已办结', text: '办结待审核', card };

describe('the card JSON', () => {
  it('is a TemplateCard of the SDK and within the documented bounds, decided or not', () => {
    const body = encodeTemplateCard(card) satisfies TemplateCard;
    expect(templateCardError(body)).toBeNull();
    expect(body.button_list!.map((b) => parseActionKey(b.key))).toEqual([{ verb: 'close', id: CLAIM }, { verb: 'return', id: CLAIM }]);
    expect([...body.main_title!.title!].length).toBeLessThanOrEqual(26);
    const update = encodeCardUpdate(decidedCard(card, '已销号 · 王局长 · 12月8日 10:02')) satisfies UpdateTemplateCardBody;
    expect(cardUpdateError(update)).toBeNull();
    expect(update.template_card.button_list).toHaveLength(1);
    expect(update.template_card.sub_title_text).toBe('已销号 · 王局长 · 12月8日 10:02');
  });

  it('a fake refuses what WeCom would: seven buttons, a repeated key, a long button text', () => {
    const body = encodeTemplateCard(card);
    expect(templateCardError({ ...body, button_list: Array.from({ length: 7 }, (_, i) => ({ text: `按钮${i}`, key: `k${i}` })) })).toMatch(/1\.\.6/);
    expect(templateCardError({ ...body, button_list: [{ text: 'a', key: 'k' }, { text: 'b', key: 'k' }] })).toMatch(/distinct/);
    expect(templateCardError({ ...body, button_list: [{ text: '这是一个很长很长的按钮文字', key: 'k' }] })).toMatch(/10 characters/);
  });
});

describe('AI bot long connection', () => {
  const BOT = { botId: 'aib-123', secret: 'bot-secret' };
  let fake: FakeWecomWs;
  let client: WecomBotWsClient;
  let mem: ReturnType<typeof memoryAccept>;
  beforeEach(async () => {
    fake = await startFakeWecomWs(BOT);
    mem = memoryAccept();
    client = createWecomBotWsClient({ config: { ...BOT, wsUrl: fake.url, name: '督办助手' }, accept: mem.accept, log: silentLogger, heartbeatMs: 60_000, backoff: { initialMs: 20, maxMs: 100 }, ackTimeoutMs: 300 });
    await client.start();
    await waitFor(() => client.authenticated);
  });
  afterEach(async () => { await client.stop(); await fake.close(); });

  it('pushes a card into a group, reads a click as an action on exactly that claim, and updates the card for everyone', async () => {
    const clock = fixedClock('2025-10-20T02:00:00Z');
    const config: WecomChannelConfig = { corpId: 'c', apiBase: 'http://127.0.0.1:9', bot: null, app: null };
    const sender = createWecomSender({ config, log: silentLogger, clock, botSocket: client });
    // the leaders' group talked to the bot before (aibot_send_msg needs that)
    fake.pushCallback({ msgid: 'm-0', aibotid: BOT.botId, chatid: 'wrkLeaders', chattype: 'group', from: { userid: 'wangju' }, msgtype: 'text', text: { content: '@督办助手 帮助' } });
    await waitFor(() => mem.processed.length === 1);
    expect(await sender.send({ kind: 'group', platform: 'wecom', chatId: 'wrkLeaders' }, message)).toEqual({ ok: true });
    const pushed = fake.sent('aibot_send_msg').at(-1)!.body;
    expect(pushed).toMatchObject({ chatid: 'wrkLeaders', msgtype: 'template_card', template_card: { card_type: 'button_interaction', task_id: card.id } });
    // the leader clicks 销号 (the document's nesting), and WeCom retries the same event
    const click = { msgid: 'e-1', create_time: 1760925600, aibotid: BOT.botId, chatid: 'wrkLeaders', chattype: 'group', from: { userid: 'wangju' }, msgtype: 'event', event: { eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: card.buttons[0]!.action, task_id: card.id } } };
    const reqId = fake.pushEvent(click);
    fake.pushEvent(click);
    await waitFor(() => mem.events.includes('duplicate:bot:e-1'));
    expect(mem.processed).toHaveLength(2); // the retry is stored once: it acts once
    const action = mem.processed[1]!;
    expect(action).toMatchObject({ kind: 'action', messageId: 'bot:e-1', senderId: 'wangju', chatId: 'wrkLeaders', text: card.buttons[0]!.action, replyTo: { kind: 'wecom_bot_ws', extra: { reqId, cardId: card.id } } });
    expect(parseActionKey(action.text)).toEqual({ verb: 'close', id: CLAIM });
    // the decision's answer: the decided card on the click's req_id
    const decided = decidedCard(card, '已销号 · 王局长 · 10月20日 10:00');
    expect(await sender.send({ kind: 'reply', platform: 'wecom', route: action.replyTo! }, { markdown: decided.result!, text: '', card: decided })).toEqual({ ok: true });
    const update = fake.sent('aibot_respond_update_msg')[0]!;
    expect(update.headers?.req_id).toBe(reqId);
    expect(update.body).toMatchObject({ response_type: 'update_template_card', template_card: { task_id: card.id, sub_title_text: decided.result } });
    expect(update.body.userids).toBeUndefined(); // everyone the card went to
    expect(fake.violations).toEqual([]);
  });

  it('a group that never talked to the bot (WeCom refuses the push) gets the text through its webhook', async () => {
    const api = await startFakeWecomApi({ corpId: 'c', secret: 's', agentId: 1 });
    try {
      const sender = createWecomSender({ config: { corpId: 'c', apiBase: api.base, bot: null, app: null }, log: silentLogger, botSocket: client });
      const hook = api.addWebhook('leaders');
      expect(await sender.send({ kind: 'group', platform: 'wecom', chatId: 'wrkNeverSpoke', webhookUrl: hook }, message)).toEqual({ ok: true });
      expect(api.sent('/cgi-bin/webhook/send').map((r) => r.json.msgtype)).toEqual(['markdown']);
    } finally {
      await api.close();
      fake.violations.length = 0; // the refused push is what this test is about
    }
  });

  it('reads a click typed the way the SDK types it (event_key on the event)', async () => {
    fake.pushEvent({ msgid: 'e-2', create_time: 1760925600, aibotid: BOT.botId, chattype: 'single', from: { userid: 'wangju' }, msgtype: 'event', event: { eventtype: 'template_card_event', event_key: card.buttons[1]!.action, task_id: card.id } });
    await waitFor(() => mem.processed.length === 1);
    expect(mem.processed[0]).toMatchObject({ kind: 'action', text: card.buttons[1]!.action });
  });

  it('with WECOM_CARDS=0 the same notice goes as text', async () => {
    const sender = createWecomSender({ config: { corpId: 'c', apiBase: 'http://127.0.0.1:9', bot: null, app: null, cards: false }, log: silentLogger, botSocket: client });
    fake.pushCallback({ msgid: 'm-9', aibotid: BOT.botId, chatid: 'wrkLeaders', chattype: 'group', from: { userid: 'wangju' }, msgtype: 'text', text: { content: '@督办助手 帮助' } });
    await waitFor(() => mem.processed.length === 1);
    const route = mem.processed[0]!.replyTo!;
    expect(await sender.send({ kind: 'reply', platform: 'wecom', route }, message)).toEqual({ ok: true });
    expect(fake.sent('aibot_respond_msg').at(-1)!.body).toMatchObject({ msgtype: 'stream' });
  });
});

describe('self-built app', () => {
  let fake: FakeWecomApi;
  let config: WecomChannelConfig;
  beforeAll(async () => {
    fake = await startFakeWecomApi({ corpId: 'wwcorp', secret: 'app-secret', agentId: 1000002 });
    config = { corpId: 'wwcorp', apiBase: fake.base, bot: null, app: { token: 't', aesKey: 'a'.repeat(43), secret: 'app-secret', agentId: '1000002' } };
  });
  afterAll(() => fake.close());

  it('sends the card with message/send; a click carries the card, key and ResponseCode; the update uses the code once', async () => {
    const sender = createWecomSender({ config, log: silentLogger });
    expect(await sender.send({ kind: 'user', platform: 'wecom', userIds: ['wangju'] }, message)).toEqual({ ok: true });
    expect(fake.cards.get(card.id)?.touser).toBe('wangju');
    // a group webhook cannot carry buttons: text
    const hook = fake.addWebhook('k1');
    expect(await sender.send({ kind: 'group', platform: 'wecom', chatId: 'wrkX', webhookUrl: hook }, message)).toEqual({ ok: true });
    expect(fake.sent('/cgi-bin/webhook/send').at(-1)!.json.msgtype).toBe('markdown');
    // the click, as the app's callback decrypts it
    const ev = fake.clickCard(card.id, card.buttons[0]!.action, 'wangju')!;
    const xml = `<xml>${Object.entries(ev).map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`).join('')}</xml>`;
    const msg = decodeAppMessage(parseAppMessage(xml), { agentId: '1000002' });
    expect(msg).toMatchObject({ kind: 'action', senderId: 'wangju', text: card.buttons[0]!.action, replyTo: { kind: 'wecom_app_card', extra: { cardId: card.id, responseCode: ev.ResponseCode } } });
    expect(msg.messageId).toBe(`app-card:wangju:${card.id}:${ev.CreateTime}`);
    expect(fake.clickCard(card.id, 'duban:close:someone-else', 'wangju')).toBeNull();
    const decided = decidedCard(card, '已销号 · 王局长 · 10月20日 10:00');
    const to = { kind: 'reply' as const, platform: 'wecom' as const, route: msg.replyTo! };
    expect(await sender.send(to, { markdown: '', text: '', card: decided })).toEqual({ ok: true });
    expect(fake.cards.get(card.id)?.updated).toMatchObject({ card: undefined, all: true });
    expect(fake.cards.get(card.id)?.updated?.replaceName).toMatch(/^已销号 · 王局长/);
    // a retried update with the same code is refused by WeCom: not sent as if new
    expect((await sender.send(to, { markdown: '', text: '', card: decided })).ok).toBe(false);
    // words for the clicker (a refusal, a question) go to them through the app
    expect(await sender.send(to, { markdown: '只有领导或管理员可以进行此操作。', text: '' })).toEqual({ ok: true });
    expect(fake.sent('/cgi-bin/message/send').at(-1)!.json).toMatchObject({ touser: 'wangju', msgtype: 'markdown' });
    expect(fake.violations).toEqual([]);
  });

  it('a click reaches POST /wecom/app signed and encrypted as WeCom sends it, and its retry is stored once', async () => {
    const sender = createWecomSender({ config, log: silentLogger });
    const c2 = { ...card, id: `review-${CLAIM}-7` };
    expect(await sender.send({ kind: 'user', platform: 'wecom', userIds: ['wangju'] }, { ...message, card: c2 })).toEqual({ ok: true });
    const ev = fake.clickCard(c2.id, c2.buttons[1]!.action, 'wangju', 1760925600)!;
    const xml = `<xml>${Object.entries(ev).map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`).join('')}</xml>`;
    const routeConfig: WecomChannelConfig = { corpId: SAMPLE.corpId, apiBase: fake.base, bot: null, app: { token: SAMPLE.token, aesKey: SAMPLE.aesKey, secret: 'app-secret', agentId: '1000002' } };
    const mem = memoryAccept();
    const app = new Koa();
    app.silent = true;
    app.use(createWecomRouter({ config: routeConfig, accept: mem.accept, log: silentLogger, clock: fixedClock(new Date(1760925600_000)) }).routes());
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (let i = 0; i < 2; i += 1) {
        const cb = signedCallback({ token: SAMPLE.token, aesKey: SAMPLE.aesKey, receiveId: SAMPLE.corpId }, xml, 1760925600_000);
        const res = await fetch(`${url}/wecom/app?${queryString(cb.query)}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: appEnvelopeXml(SAMPLE.corpId, cb.encrypt) });
        expect(res.status).toBe(200);
      }
      expect(mem.processed).toHaveLength(1);
      expect(mem.processed[0]).toMatchObject({ kind: 'action', senderId: 'wangju', text: c2.buttons[1]!.action, replyTo: { kind: 'wecom_app_card', extra: { cardId: c2.id, responseCode: ev.ResponseCode } } });
    } finally {
      await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
    }
  });

  it('appchat/send never gets a card (WeCom takes none there): the group gets text', async () => {
    const sender = createWecomSender({ config, log: silentLogger });
    expect(await sender.send({ kind: 'group', platform: 'wecom', chatId: 'wrkAppChat' }, { ...message, card: { ...card, id: 'review-x-2' } })).toEqual({ ok: true });
    expect(fake.sent('/cgi-bin/appchat/send').at(-1)!.json.msgtype).toBe('markdown');
    expect(fake.violations).toEqual([]);
  });
});
