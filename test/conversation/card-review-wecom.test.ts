/**
 * The review cycle by clicks on WeCom, through the real service (web + worker, BullMQ,
 * PostgreSQL) with the AI bot on its long connection to the fake (test/helpers/fake-wecom-ws.ts,
 * which checks every frame and card): a 办结 in the unit's group reaches the leaders' group as a
 * template card; a member's click is refused in the chat; the leader's click closes exactly that
 * claim and the card is updated for everyone on the click's req_id; WeCom's retried event acts
 * once. Needs PostgreSQL and Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { parseConfig } from '../../src/config/load.ts';
import { createRuntime, startWeb, startWorker, type Runtime } from '../../src/main.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import type { Workers } from '../../src/queue/queues.ts';
import { parseActionKey } from '../../src/channels/card.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { REF_NOW, seedPlan } from '../helpers/seed.ts';
import { startFakeWecomWs, type FakeWecomWs } from '../helpers/fake-wecom-ws.ts';
import { waitFor } from '../helpers/wait-for.ts';

const BOT = { botId: 'aib-duban', secret: 'bot-secret' };
let t: TestDatabase;
let fake: FakeWecomWs;
let rt: Runtime;
let server: Server;
let workers: Workers;

beforeAll(async () => {
  t = await createTestDatabase('cardws');
  await seedPlan(t.db, 'wecom');
  fake = await startFakeWecomWs(BOT);
  rt = createRuntime(parseConfig({
    DATABASE_URL: t.url, QUEUE_PREFIX: `cardws${randomUUID().slice(0, 8)}`, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent',
    WECOM_BOT_MODE: 'ws', WECOM_BOT_ID: BOT.botId, WECOM_BOT_SECRET: BOT.secret, WECOM_BOT_WS_URL: fake.url,
  }), { clock: fixedClock(REF_NOW), log: silentLogger });
  server = await startWeb(rt);
  workers = await startWorker(rt);
  await waitFor(() => fake.sent('aibot_subscribe').length > 0, { what: 'the subscription', timeoutMs: 20_000 });
}, 60_000);
afterAll(async () => {
  await workers?.close();
  await new Promise<void>((r) => server?.close(() => r()));
  for (const q of Object.values(rt?.queues?.queues ?? {})) await q.obliterate({ force: true }).catch(() => {});
  await rt?.close();
  await fake?.close();
  await t?.drop();
});

const say = (userid: string, chatid: string, content: string) =>
  fake.pushCallback({ msgid: randomUUID(), aibotid: BOT.botId, chatid, chattype: 'group', from: { userid }, msgtype: 'text', text: { content: `@督办助手 ${content}` } });
const clickEvent = (userid: string, taskId: string, key: string, msgid: string = randomUUID()) =>
  ({ msgid, create_time: Math.floor(Date.now() / 1000), aibotid: BOT.botId, chatid: 'g-leaders', chattype: 'group', from: { userid }, msgtype: 'event', event: { eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: key, task_id: taskId } } });
const stateOf = async (path: string) => (await t.db.task.findFirst({ where: { path } }))!.state;

describe('review by clicks on WeCom (AI bot, long connection)', () => {
  it('the card reaches the leaders; a member is refused; the leader closes exactly that claim; the retry acts once', async () => {
    // the leaders' group has talked to the bot (aibot_send_msg needs that)
    say('wang', 'g-leaders', '帮助');
    await waitFor(() => fake.sent('aibot_respond_msg').length >= 1, { what: 'the answer to 帮助', timeoutMs: 20_000 });
    say('zhangsan', 'g-weijian', '二（一）已办结，验收材料已报送');
    const push = await waitFor(() => fake.sent('aibot_send_msg').find((f) => f.body?.msgtype === 'template_card' && f.body.chatid === 'g-leaders'), { what: 'the card', timeoutMs: 20_000 });
    const card = push.body.template_card;
    expect(card.button_list.map((b: { text: string }) => b.text)).toEqual(['销号', '退回', '查看佐证材料']);
    const close = card.button_list[0].key as string;
    expect(parseActionKey(close)?.verb).toBe('close');

    const pushes = fake.sent('aibot_send_msg').length;
    fake.pushEvent(clickEvent('zhangsan', card.task_id, close));
    const refused = await waitFor(() => fake.sent('aibot_send_msg').slice(pushes).find((f) => f.body?.msgtype === 'markdown'), { what: 'the refusal', timeoutMs: 20_000 });
    expect(refused.body.markdown.content).toMatch(/领导/);
    expect(await stateOf('二.(一)')).toBe('claimed_done');

    const ev = clickEvent('wang', card.task_id, close, 'click-wang-1');
    const reqId = fake.pushEvent(ev);
    fake.pushEvent(ev); // WeCom's retry of the same event
    const update = await waitFor(() => fake.sent('aibot_respond_update_msg')[0], { what: 'the card update', timeoutMs: 20_000 });
    expect(update.headers?.req_id).toBe(reqId);
    expect(update.body.template_card.task_id).toBe(card.task_id);
    expect(update.body.template_card.sub_title_text).toMatch(/^已销号 · 王局长 · /);
    expect(await stateOf('二.(一)')).toBe('done');
    await new Promise((r) => setTimeout(r, 300));
    expect(await t.db.progressReport.count({ where: { kind: 'done_confirmed' } })).toBe(1);
    expect(fake.violations).toEqual([]);
  }, 60_000);
});
