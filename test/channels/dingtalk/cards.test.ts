/**
 * Cards on DingTalk against the fakes: the robot's interactive card send and update
 * (test/helpers/fake-dingtalk-api.ts checks cardTemplateId, receiver, cardBizId, cardData's
 * string-only cardParamMap), a click posted to the card's callbackUrl (POST /dingtalk/card,
 * signed by our own `sig`) or pushed over the Stream (CALLBACK on /v1.0/card/instances/callback),
 * the ActionCard fallback that only opens the task, and cards switched off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Koa from 'koa';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDingtalkSender } from '../../../src/channels/dingtalk/api.ts';
import { createDingtalkRouter } from '../../../src/channels/dingtalk/routes.ts';
import { createDingtalkStream } from '../../../src/channels/dingtalk/stream.ts';
import { cardCallbackSig } from '../../../src/channels/dingtalk/verify.ts';
import type { DingtalkChannelConfig } from '../../../src/channels/dingtalk/types.ts';
import { actionKey, decidedCard, type Card } from '../../../src/channels/card.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { memoryAccept } from '../../helpers/memory-accept.ts';
import { memoryReplayGuard } from '../../helpers/memory-replay-guard.ts';
import { startFakeDingtalkApi, type FakeDingtalkApi } from '../../helpers/fake-dingtalk-api.ts';
import { startFakeStreamGateway } from '../../helpers/fake-dingtalk-stream.ts';
import { cardFrame } from '../../helpers/dingtalk-stream-frames.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const APP = { appKey: 'dingappkey', appSecret: 'dingappsecret-xyz', robotCode: 'dingappkey' };
const EXT = '7c1d2c3b-0a9e-4e8f-9b7a-6c5d4e3f2a1b';
const card: Card = {
  id: `extension-${EXT}-1`,
  title: '延期申请：二.(三)',
  facts: [{ label: '任务', value: '完善医保支付方式改革' }, { label: '申请延至', value: '2027年3月31日' }],
  buttons: [
    { label: '同意', action: actionKey({ verb: 'approve', id: EXT }), style: 'primary' },
    { label: '同意但改日期', action: actionKey({ verb: 'approve_date', id: EXT }), style: 'default' },
    { label: '驳回', action: actionKey({ verb: 'reject', id: EXT }), style: 'danger' },
  ],
};
const message = { markdown: '**延期申请**：医疗保障分局 申请将 二.(三) 延至 2027年3月31日', text: '延期申请', card };

let fake: FakeDingtalkApi;
let server: Server;
let base: string;
const mem = memoryAccept();
let config: DingtalkChannelConfig;

beforeAll(async () => {
  fake = await startFakeDingtalkApi(APP);
  const app = new Koa();
  app.use(createDingtalkRouter({ config: { appSecret: APP.appSecret, robotCode: APP.robotCode }, accept: mem.accept, replayGuard: memoryReplayGuard(), log: silentLogger }).routes());
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  config = { ...APP, mode: 'http', oapiBase: fake.url, apiBase: fake.url, cardTemplateId: 'tpl-duban.schema', cardCallbackUrl: `${base}/dingtalk/card?sig=${cardCallbackSig(APP.appSecret)}` };
});
afterAll(async () => { await fake.close(); await new Promise<void>((r) => server.close(() => r())); });

const click = (body: unknown, sig = cardCallbackSig(APP.appSecret)) => fetch(`${base}/dingtalk/card?sig=${sig}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('interactive cards', () => {
  it('sends the card to the group, reads a click (once, however often it comes) and updates the card for everyone', async () => {
    const sender = createDingtalkSender({ config, log: silentLogger });
    expect(await sender.send({ kind: 'group', platform: 'dingtalk', chatId: 'cidLeaders==' }, message)).toEqual({ ok: true });
    const sent = fake.cards.get(card.id)!;
    expect(sent.to).toBe('cidLeaders==');
    expect(sent.callbackUrl).toBe(config.cardCallbackUrl);
    expect(JSON.parse(sent.params.buttons!).map((b: { text: string }) => b.text)).toEqual(['同意', '同意但改日期', '驳回']);
    const body = fake.clickCard(card.id, card.buttons[2]!.action, 'staff-leader')!;
    expect((await click(body)).status).toBe(200);
    expect((await click(body)).status).toBe(200); // DingTalk's retry, or a double click
    const got = mem.processed.filter((m) => m.kind === 'action');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ platform: 'dingtalk', senderId: 'staff-leader', text: card.buttons[2]!.action, replyTo: { kind: 'dingtalk_card', extra: { cardId: card.id, staffId: 'staff-leader' } } });
    const decided = decidedCard(card, '已驳回延期 · 王局长 · 12月8日 10:02');
    expect(await sender.send({ kind: 'reply', platform: 'dingtalk', route: got[0]!.replyTo! }, { markdown: '', text: '', card: decided })).toEqual({ ok: true });
    expect(fake.cards.get(card.id)!.params).toMatchObject({ result: decided.result, decided: 'true', buttons: '[]' });
    expect(fake.clickCard(card.id, card.buttons[0]!.action, 'staff-leader')).toBeNull();
    // words for the clicker go to them in single chat
    expect(await sender.send({ kind: 'reply', platform: 'dingtalk', route: got[0]!.replyTo! }, { markdown: '只有领导或管理员可以进行此操作。', text: '' })).toEqual({ ok: true });
    expect(fake.calls('/v1.0/robot/oToMessages/batchSend').at(-1)!.json.userIds).toEqual(['staff-leader']);
    expect(fake.violations).toEqual([]);
  });

  it('refuses a click whose URL lacks our sig, and a body that is no Duban click', async () => {
    const before = mem.processed.length;
    expect((await click({ outTrackId: card.id, userId: 'x', content: '{}' }, 'forged')).status).toBe(401);
    expect((await click({ outTrackId: card.id, userId: 'x', content: '{"cardPrivateData":{"params":{"actionId":"rm -rf"}}}' })).status).toBe(400);
    expect(mem.processed.length).toBe(before);
  });

  it('reads a click pushed over the Stream and ACKs it', async () => {
    const gw = await startFakeStreamGateway({ clientId: APP.appKey, clientSecret: APP.appSecret });
    const streamMem = memoryAccept();
    const stream = createDingtalkStream({ config: { ...APP, apiBase: gw.url }, accept: streamMem.accept, log: silentLogger, backoff: { initialMs: 50, maxMs: 200 } });
    try {
      await stream.start();
      await waitFor(() => gw.live === 1, { timeoutMs: 5000, everyMs: 10 });
      expect(gw.openRequests[0]!.body.subscriptions).toContainEqual({ type: 'CALLBACK', topic: '/v1.0/card/instances/callback' });
      const frame = cardFrame({ outTrackId: card.id, userId: 'staff-leader', corpId: 'dingcorp', content: JSON.stringify({ cardPrivateData: { actionIds: ['duban_button'], params: { actionId: card.buttons[0]!.action } } }) });
      expect(gw.push(frame)).toBe(1);
      await waitFor(() => streamMem.processed.length === 1 && gw.unanswered.length === 0, { timeoutMs: 5000, everyMs: 10 });
      expect(streamMem.processed[0]).toMatchObject({ kind: 'action', text: card.buttons[0]!.action, senderId: 'staff-leader' });
      expect(gw.violations).toEqual([]);
    } finally {
      await stream.stop();
      await gw.close();
    }
  });
});

describe('without a card template, or with cards off', () => {
  it('one person gets an ActionCard whose one button opens the task by its signed link (it decides nothing)', async () => {
    const sender = createDingtalkSender({ config: { ...config, cardTemplateId: undefined }, log: silentLogger });
    const view = { ...card, id: 'extension-x-2', buttons: [], viewUrl: 'https://duban.example/d/t/abc?sig=1', viewLabel: '查看任务' };
    expect(await sender.send({ kind: 'user', platform: 'dingtalk', userIds: ['staff-leader'] }, { ...message, card: view })).toEqual({ ok: true });
    const sent = fake.calls('/v1.0/robot/oToMessages/batchSend').at(-1)!.json;
    expect(sent.msgKey).toBe('sampleActionCard');
    expect(JSON.parse(sent.msgParam)).toMatchObject({ singleTitle: '查看任务', singleURL: view.viewUrl });
    // a group gets the text: a link in a group could not tell who clicked
    expect(await sender.send({ kind: 'group', platform: 'dingtalk', chatId: 'cidLeaders==' }, message)).toEqual({ ok: true });
    expect(fake.calls('/v1.0/robot/groupMessages/send').at(-1)!.json.msgKey).toBe('sampleMarkdown');
    expect(fake.violations).toEqual([]);
  });

  it('DINGTALK_CARDS=0 sends text only', async () => {
    const sender = createDingtalkSender({ config: { ...config, cards: false }, log: silentLogger });
    const n = fake.cards.size;
    expect(await sender.send({ kind: 'group', platform: 'dingtalk', chatId: 'cidLeaders==' }, { ...message, card: { ...card, id: 'extension-y-3' } })).toEqual({ ok: true });
    expect(fake.cards.size).toBe(n);
    expect(fake.calls('/v1.0/robot/groupMessages/send').at(-1)!.json.msgKey).toBe('sampleMarkdown');
  });
});
