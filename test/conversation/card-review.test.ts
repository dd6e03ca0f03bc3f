/**
 * The whole review cycle by clicks on DingTalk, through the real service (web + worker, BullMQ,
 * PostgreSQL) with DingTalk pointed at its fake (test/helpers/platform-bot.ts): a unit's 办结
 * reaches the leaders' group as an interactive card; a unit member's click is refused, the
 * leader's click closes exactly that claim and the card shows it for everyone; DingTalk's retry
 * of the click acts once; a later click on the decided request says so; text and clicks mix.
 * Needs PostgreSQL and Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardCallbackSig } from '../../src/channels/dingtalk/verify.ts';
import { createPlatformBot, DINGTALK, type PlatformBot } from '../helpers/platform-bot.ts';
import { waitFor } from '../helpers/wait-for.ts';

let bot: PlatformBot;
beforeAll(async () => { bot = await createPlatformBot('dingtalk', { env: { DINGTALK_CARD_TEMPLATE_ID: 'tpl-duban.schema' } }); }, 60_000);
afterAll(() => bot?.close());

const click = (body: unknown) => fetch(`${bot.base}/dingtalk/card?sig=${cardCallbackSig(DINGTALK.appSecret)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const taskState = async (path: string) => (await bot.t.db.task.findFirst({ where: { path } }))!.state;
const privateTo = (staffId: string, after: number) => waitFor(() => bot.dingtalk.calls('/v1.0/robot/oToMessages/batchSend').slice(after).find((r) => r.json.userIds.includes(staffId)), { what: `a message to ${staffId}` });
const cardFor = (path: string) => waitFor(() => [...bot.dingtalk.cards.entries()].find(([, c]) => c.to === 'cid-leaders' && c.params.title?.includes(path)), { what: `the card of ${path}` });

describe('review by clicks on DingTalk', () => {
  it('a member cannot close, the leader closes exactly that claim, a retry acts once, a late click is told', async () => {
    await bot.sayDingtalk('zhangsan', '二（一）已办结，验收材料已报送');
    const [cardId, card] = await cardFor('二.(一)');
    expect(JSON.parse(card.params.buttons!).map((b: { text: string }) => b.text)).toEqual(['销号', '退回', '查看佐证材料']);
    const close = JSON.parse(card.params.buttons!)[0].actionId as string;

    let mark = bot.dingtalk.calls('/v1.0/robot/oToMessages/batchSend').length;
    expect((await click(bot.dingtalk.clickCard(cardId, close, 'zhangsan'))).status).toBe(200);
    const refused = await privateTo('zhangsan', mark);
    expect(JSON.parse(refused.json.msgParam).text).toMatch(/领导/);
    expect(await taskState('二.(一)')).toBe('claimed_done');

    const leaderClick = bot.dingtalk.clickCard(cardId, close, 'wang')!;
    expect((await click(leaderClick)).status).toBe(200);
    expect((await click(leaderClick)).status).toBe(200); // DingTalk's retry
    await waitFor(() => bot.dingtalk.cards.get(cardId)!.updates.length === 1, { what: 'the card update' });
    expect(bot.dingtalk.cards.get(cardId)!.params).toMatchObject({ decided: 'true', buttons: '[]' });
    expect(bot.dingtalk.cards.get(cardId)!.params.result).toMatch(/^已销号 · 王局长 · /);
    expect(await taskState('二.(一)')).toBe('done');
    expect(await bot.t.db.progressReport.count({ where: { kind: 'done_confirmed' } })).toBe(1);
    // the unit is told, as by text
    await waitFor(() => bot.dingtalk.calls('/v1.0/robot/groupMessages/send').find((r) => r.json.openConversationId === 'cid-weijian' && /销号/.test(r.json.msgParam)), { what: 'the unit notice' });

    // another leader's click on the same (stale) card, a moment later: told it is done, nothing changes
    mark = bot.dingtalk.calls('/v1.0/robot/oToMessages/batchSend').length;
    const late = { ...leaderClick, userId: 'admin' };
    expect((await click(late)).status).toBe(200);
    const told = await privateTo('admin', mark);
    expect(JSON.parse(told.json.msgParam).text).toMatch(/已处理.*已销号 · 王局长/);
    expect(await bot.t.db.progressReport.count({ where: { kind: 'done_confirmed' } })).toBe(1);
    expect(bot.dingtalk.violations).toEqual([]);
  }, 60_000);

  it('退回 by click asks the reason in the chat; a decision in words updates the card and a late click is told', async () => {
    await bot.sayDingtalk('lisi', '二（三）已办结');
    const [cardId, card] = await cardFor('二.(三)');
    const ret = JSON.parse(card.params.buttons!)[1].actionId as string;
    const mark = bot.dingtalk.calls('/v1.0/robot/oToMessages/batchSend').length;
    expect((await click(bot.dingtalk.clickCard(cardId, ret, 'wang'))).status).toBe(200);
    const asked = await privateTo('wang', mark);
    expect(JSON.parse(asked.json.msgParam).text).toMatch(/原因/);
    // the leader answers in the single chat where the question came
    await bot.sayDingtalk('wang', '支付方式改革的测算报告还没附上');
    await waitFor(() => bot.dingtalk.cards.get(cardId)!.params.decided === 'true', { what: 'the card update' });
    expect(bot.dingtalk.cards.get(cardId)!.params.result).toMatch(/^已退回 · 王局长/);
    expect(await taskState('二.(三)')).toBe('open');
    const returned = await bot.t.db.progressReport.findFirst({ where: { kind: 'returned' }, orderBy: { createdAt: 'desc' } });
    expect(returned?.note).toContain('测算报告');

    // decided in words: the card shown is updated too; a click that was on its way is told
    await bot.sayDingtalk('zhangsan', '二（五）已办结');
    const [id5, card5] = await cardFor('二.(五)');
    const stale = bot.dingtalk.clickCard(id5, JSON.parse(card5.params.buttons!)[1].actionId, 'wang')!;
    expect(await bot.sayDingtalk('wang', '二（五）销号')).toMatch(/销号/);
    await waitFor(() => bot.dingtalk.cards.get(id5)!.params.decided === 'true', { what: 'the card updated after the words' });
    expect(bot.dingtalk.cards.get(id5)!.params.result).toMatch(/^已销号 · 王局长/);
    const mark2 = bot.dingtalk.calls('/v1.0/robot/oToMessages/batchSend').length;
    expect((await click(stale)).status).toBe(200);
    expect(JSON.parse((await privateTo('wang', mark2)).json.msgParam).text).toMatch(/已处理.*已销号/);
    expect(await taskState('二.(五)')).toBe('done');
    expect(bot.dingtalk.violations).toEqual([]);
  }, 60_000);

  it('退回 with the reason typed in the card\'s input returns at once, with that reason', async () => {
    await bot.sayDingtalk('zhangsan', '二（二）已办结');
    const [cardId, card] = await cardFor('二.(二)');
    const ret = JSON.parse(card.params.buttons!)[1].actionId as string;
    expect((await click(bot.dingtalk.clickCard(cardId, ret, 'wang', { reason: '缺少区财政局的会签意见' }))).status).toBe(200);
    await waitFor(() => bot.dingtalk.cards.get(cardId)!.params.decided === 'true', { what: 'the card update' });
    expect(bot.dingtalk.cards.get(cardId)!.params.result).toMatch(/^已退回 · 王局长/);
    expect(await taskState('二.(二)')).toBe('open');
    const returned = await bot.t.db.progressReport.findFirst({ where: { kind: 'returned' }, orderBy: { createdAt: 'desc' } });
    expect(returned?.note).toBe('缺少区财政局的会签意见');
    expect(bot.dingtalk.violations).toEqual([]);
  }, 60_000);
});
