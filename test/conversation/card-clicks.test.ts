/**
 * Buttons of a reminder card (报进展 / 申请延期 / 已办结 / 查看任务) and odd clicks, through the
 * console channel and the real conversation path: each reminder button opens the dialogue its
 * words would, on exactly the card's task; a key Duban never made, or a request that no longer
 * exists, is answered as such and changes nothing. Needs PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionKey, type CardVerb } from '../../src/channels/card.ts';
import { buildCard } from '../../src/render/card.ts';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(() => bot.close());

/** a click as a channel decodes it: an action message whose text is the button's key */
async function click(userId: string, key: string, chatId = 'g-weijian'): Promise<string> {
  const before = bot.sent.length;
  const id = randomUUID();
  await bot.rt.accept({ platform: 'console', messageId: `click:${id}`, chatType: 'group', chatId, senderId: userId, senderName: userId, kind: 'action', text: key, quote: null, file: null, replyTo: { kind: 'console', extra: { id, cardId: 'c-test' } } });
  await bot.rt.inline!.drain();
  const reply = bot.sent.slice(before).find((s) => s.to.kind === 'reply' && (s.to.route.extra as { id?: string }).id === id);
  if (!reply) throw new Error(`no answer to the click ${key}; failures: ${JSON.stringify(bot.rt.inline!.failures)}`);
  return reply.text;
}
const key = (verb: CardVerb, path: string) => actionKey({ verb, id: bot.seed.tasks[path]! });
const task = async (path: string) => (await bot.t.db.task.findUnique({ where: { id: bot.seed.tasks[path]! } }))!;

describe('查看佐证材料', () => {
  it('sends the clicking leader their own link to the claim\'s files, privately; without files it says so', async () => {
    await bot.say('lisi', '二（三）已办结，结算材料见附件');
    const claim = await bot.t.db.progressReport.findFirst({ where: { taskId: bot.seed.tasks['二.(三)']!, kind: 'done_claim' }, orderBy: { createdAt: 'desc' } });
    const evidence = actionKey({ verb: 'evidence', id: claim!.id });
    expect(await click('wang', evidence, 'g-leaders')).toMatch(/还没有佐证材料/);
    // the file follows the claim (attached by the sender's last half hour: run first, so only this claim is recent)
    expect((await bot.sendFile('lisi', '结算清单.pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'))).text).toMatch(/已附佐证材料/);
    const files = await bot.t.db.evidence.count({ where: { taskId: bot.seed.tasks['二.(三)']! } });
    expect(files).toBe(1);
    bot.notices();
    expect(await click('wang', evidence, 'g-leaders')).toMatch(/已私信/);
    const sent = bot.sent.filter((s) => s.to.kind === 'user' && s.to.userIds.includes('wang'));
    expect(sent.at(-1)?.text).toMatch(/佐证材料 1 份/);
    // a unit member may not
    expect(await click('lisi', evidence, 'g-leaders')).toMatch(/领导/);
  });
});

describe('reminder buttons', () => {
  it('the reminder card carries the four buttons on its task', () => {
    const card = buildCard('reminder', { id: 'r-1', taskId: bot.seed.tasks['二.(一)']!, data: { path: '二.(一)', title: '提高区域急救能力', due: '2025年10月31日', overdue: true, days: 20 } });
    expect(card.title).toBe('催办：二.(一)');
    expect(card.buttons.map((b) => b.label)).toEqual(['报进展', '申请延期', '已办结', '查看任务']);
    expect(card.facts).toContainEqual({ label: '状态', value: '已逾期20天' });
  });

  it('报进展 asks for the progress; the answer is recorded on the card\'s task', async () => {
    expect(await click('zhangsan', key('report', '二.(二)'))).toMatch(/进展/);
    await bot.say('zhangsan', '进度60%，设备招标已完成', { chatId: 'g-weijian' });
    expect((await task('二.(二)')).percent).toBe(60);
  });

  it('申请延期 asks for the date and the reason, then files the request on that task', async () => {
    expect(await click('zhangsan', key('extend', '二.(五)'))).toMatch(/时限|日期|原因/);
    await bot.say('zhangsan', '延到12月31日，原因是培训场地未落实', { chatId: 'g-weijian' });
    const ext = await bot.t.db.extensionRequest.findFirst({ where: { taskId: bot.seed.tasks['二.(五)']! } });
    expect(ext?.reason).toContain('培训场地');
  });

  it('已办结 asks to confirm; 确认 claims the task', async () => {
    expect(await click('zhangsan', key('claim', '二.(一)'))).toMatch(/确认/);
    expect((await task('二.(一)')).state).toBe('open');
    await bot.say('zhangsan', '确认', { chatId: 'g-weijian' });
    expect((await task('二.(一)')).state).toBe('claimed_done');
  });

  it('查看任务 answers the task card', async () => {
    expect(await click('zhangsan', key('view', '二.(二)'))).toMatch(/推进紧密型医共体建设/);
  });
});

describe('odd clicks', () => {
  it('a key Duban never made, or a claim that does not exist, is answered and changes nothing', async () => {
    const before = JSON.stringify(await bot.t.db.task.findMany({ orderBy: { id: 'asc' } }));
    expect(await click('wang', 'not-a-duban-key', 'g-leaders')).toMatch(/文字操作/);
    expect(await click('wang', actionKey({ verb: 'close', id: randomUUID() }), 'g-leaders')).toMatch(/不存在/);
    expect(JSON.stringify(await bot.t.db.task.findMany({ orderBy: { id: 'asc' } }))).toBe(before);
  });
});
