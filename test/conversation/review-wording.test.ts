// Needs PostgreSQL. How reviewers' and units' words are read through the real parser and the
// console channel: a negated 销号 is a 退回, 销号 of one's own unit's task is refused, a quoted
// reminder names its task, and leaders' short answers to a quoted notice decide that notice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';
import { render } from '../../src/render/render.ts';

let bot: ConsoleBot;
beforeEach(async () => { bot = await createConsoleBot(); });
afterEach(async () => { await bot.close(); });

const task = async (path: string) => (await bot.t.db.task.findUnique({ where: { id: bot.seed.tasks[path]! } }))!;
const leaderNotices = () => bot.notices().filter((n) => n.to.kind === 'group' && n.to.chatId === 'g-leaders');

/** The unit reminder as the bot sends it (templates/reminders/unit.md), its example in the digits notation. */
function reminder(unit: string, items: { path: string; key: string; title: string; due: string }[]): string {
  return render('reminders/unit', {
    unit,
    items: items.map((t, i) => ({ n: i + 1, path: t.path, title: t.title, due: t.due, overdue: false, left: 5 })),
    example: items[0]!.key,
    liaisons: '张三',
    pending: '',
  }, { channel: 'console' }).text;
}

describe('a negated 销号 is a 退回', () => {
  it('returns the claim with the stated reason instead of closing it', async () => {
    await bot.say('zhangsan', '二（五）进度70%');
    for (const [path, ref] of [['二.(五)', '二（五）'], ['二.(一)', '二（一）']] as const) {
      if (path === '二.(一)') await bot.say('zhangsan', '二（一）进度40%');
      await bot.say('zhangsan', `${ref}已办结`);
    }
    await bot.say('lisi', '二（三）已办结');

    const five = await bot.say('wang', '二（五）不同意销号，文件还缺盖章版');
    expect(five).toContain('已退回：二.(五) 加强急救人员培训，原因：文件还缺盖章版');
    expect(five).not.toContain('已销号');
    expect(await bot.say('wang', '二（一）暂不销号，缺少验收材料')).toContain('原因：缺少验收材料');
    expect(await bot.say('wang', '二（三）先别销号，等审计结果')).toContain('原因：等审计结果');
    expect(await task('二.(五)')).toMatchObject({ state: 'open', percent: 70 });
    expect(await task('二.(一)')).toMatchObject({ state: 'open', percent: 40 });
    expect((await task('二.(三)')).state).toBe('open');
    expect(await bot.t.db.progressReport.count({ where: { kind: 'done_confirmed' } })).toBe(0);
  });

  it('returns the quoted claim on 不同意销号 naming no task', async () => {
    await bot.say('zhangsan', '二（一）已办结');
    const notice = leaderNotices().find((n) => n.text.includes('二.(一)'))!;
    expect(await bot.say('wang', '暂缓销号，等验收', { quote: notice.text })).toContain('已退回：二.(一) 提高区域急救能力，原因：等验收');
    expect((await task('二.(一)')).state).toBe('open');
  });
});

describe('销号 of one\'s own unit\'s task', () => {
  it('is refused for an admin who is the unit\'s liaison, and files nothing; 已办结 is still a claim', async () => {
    await bot.say('admin', '设置 李四 为 管理员');
    bot.notices();
    expect(await bot.say('lisi', '二（三）销号')).toContain('不能审核本单位的任务');
    expect((await task('二.(三)')).state).toBe('open');
    expect(await bot.t.db.progressReport.count()).toBe(0);
    expect(bot.notices()).toEqual([]);

    expect(await bot.say('lisi', '二（三）已办结')).toContain('等待领导审核销号');
    expect((await task('二.(三)')).state).toBe('claimed_done');
  });
});

describe('a quoted reminder names its task', () => {
  it('takes the one task a reminder lists, though its example writes it in another notation', async () => {
    const quote = reminder('区卫生健康局', [{ path: '二.(二)', key: '2.2', title: '推进紧密型医共体建设', due: '2025年11月25日' }]);
    expect(quote).toContain('2.2 进度70%');
    const reply = await bot.say('zhangsan', '已完成，共检查医疗机构46家', { quote });
    expect(reply).not.toContain('请问是哪一项');
    expect(reply).toContain('二.(二)');
    expect((await task('二.(二)')).state).toBe('claimed_done');
  });

  it('asks among the reminder\'s tasks only when it lists several', async () => {
    const quote = reminder('区卫生健康局', [
      { path: '二.(一)', key: '2.1', title: '提高区域急救能力', due: '2025年10月31日' },
      { path: '二.(五)', key: '2.5', title: '加强急救人员培训', due: '持续推进' },
    ]);
    const ask = await bot.say('zhangsan', '已完成', { quote });
    expect(ask).toContain('二.(一)');
    expect(ask).toContain('二.(五)');
    expect(ask).not.toContain('二.(二)');
    expect(await bot.say('zhangsan', '2')).toContain('二.(五)');
    expect((await task('二.(五)')).state).toBe('claimed_done');
  });
});

describe('leaders\' short answers to a quoted notice', () => {
  it('销号 on 可以, 退回 with the reason on 退回 / 不行', async () => {
    await bot.say('zhangsan', '二（一）已办结');
    await bot.say('zhangsan', '二（五）已办结');
    await bot.say('lisi', '二（三）已办结');
    const notices = leaderNotices();
    const quote = (path: string) => notices.find((n) => n.text.includes(path))!.text;

    expect(await bot.say('wang', '退回，配合单位的材料还没交', { quote: quote('二.(一)') })).toContain('已退回：二.(一) 提高区域急救能力，原因：配合单位的材料还没交');
    expect(await bot.say('wang', '不行，台账不全', { quote: quote('二.(五)') })).toContain('已退回：二.(五) 加强急救人员培训，原因：台账不全');
    expect(await bot.say('wang', '可以', { quote: quote('二.(三)') })).toContain('已销号');
    expect((await task('二.(一)')).state).toBe('open');
    expect((await task('二.(五)')).state).toBe('open');
    expect((await task('二.(三)')).state).toBe('done');
  });

  it('approves on 可以 / 批准 and rejects on 不批准 with the reason', async () => {
    await bot.say('lisi', '二（三）申请延期到明年1月底，原因是系统供应商更换');
    await bot.say('zhangsan', '二（五）申请延期到明年6月底，原因是培训场地改造');
    const notices = leaderNotices();
    const quote = (path: string) => notices.find((n) => n.text.includes(path))!.text;

    const no = await bot.say('wang', '不批准，按原时限完成', { quote: quote('二.(三)') });
    expect(no).toContain('已驳回：二.(三) 深化医保支付方式改革 的延期申请');
    expect(no).toContain('原因：按原时限完成');
    expect(await bot.say('wang', '可以', { quote: quote('二.(五)') })).toContain('已同意：二.(五) 加强急救人员培训 完成时限调整为 2026年6月30日');
    const states = Object.fromEntries((await bot.t.db.extensionRequest.findMany({ include: { task: true } })).map((e) => [e.task.path, e.state]));
    expect(states).toEqual({ '二.(三)': 'rejected', '二.(五)': 'approved' });
  });

  it('decides nothing without a quote, and shows a leader what a leader can say', async () => {
    await bot.say('lisi', '二（三）申请延期到明年1月底，原因是系统供应商更换');
    const reply = await bot.say('wang', '可以');
    expect(reply).toContain('没太明白');
    expect(reply).toContain('销号');
    expect(reply).not.toContain('进度70%');
    expect((await bot.t.db.extensionRequest.findFirst())!.state).toBe('pending');
    expect(await bot.say('zhangsan', '不行')).toContain('进度70%');
  });

  it('answers any message it does not understand with a leader\'s examples to a leader, a unit\'s to a unit', async () => {
    const leader = await bot.say('wang', '这个月的会议纪要发一下');
    expect(leader).toContain('没太明白');
    expect(leader).toContain('待销号的有哪些');
    expect(leader).not.toContain('进度70%');
    const unit = await bot.say('zhangsan', '这个月的会议纪要发一下');
    expect(unit).toContain('进度70%');
    expect(unit).not.toContain('待销号的有哪些');
  });
});
