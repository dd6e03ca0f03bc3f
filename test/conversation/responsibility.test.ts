// Needs PostgreSQL. Who answers for a task, through the real parser and the console channel:
// progress, 办结 and extension requests come from the responsible units (the 牵头单位 where a
// task names one), finished tasks take no more progress, nobody reviews their own unit's
// task, and an answer never claims to have told a unit that has no group to tell.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeEach(async () => { bot = await createConsoleBot(); });
afterEach(async () => { await bot.close(); });

const task = async (path: string) => (await bot.t.db.task.findUnique({ where: { id: bot.seed.tasks[path]! } }))!;

describe('reports come from the responsible units', () => {
  it('refuses a leader or admin with no unit, and says what they can do instead', async () => {
    const ext = await bot.say('wang', '二（一）申请延期到明年6月底，原因是测试');
    expect(ext).toContain('由责任单位报送');
    expect(ext).toContain('销号');
    expect(ext).toContain('退回');
    expect(ext).toContain('同意 二（一） 延期');
    expect(ext).not.toContain('已提交延期申请');
    expect(await bot.t.db.extensionRequest.count()).toBe(0);
    expect(bot.notices()).toEqual([]);

    expect(await bot.say('wang', '二（一）进度50%')).toContain('由责任单位报送');
    expect(await bot.say('admin', '二（一）进度50%')).toContain('由责任单位报送');
    // a leader in a unit's group still speaks as a leader, not for that unit
    expect(await bot.say('wang', '二（一）进度60%', { chatId: 'g-weijian' })).toContain('由责任单位报送');
    expect((await task('二.(一)')).percent).toBe(0);
    expect(await bot.t.db.progressReport.count()).toBe(0);
  });
});

describe('finished tasks take no more progress', () => {
  it('refuses progress while a claim waits, returns to the progress before the claim, and refuses it after 销号', async () => {
    expect(await bot.say('zhangsan', '二（一）进度60%')).toContain('进度 60%（上次 0%）');
    expect(await bot.say('zhangsan', '二（一）已办结')).toContain('等待领导审核销号');
    expect(await bot.say('zhangsan', '二（一）进度80%')).toContain('已报办结，等待领导审核');
    expect(await task('二.(一)')).toMatchObject({ state: 'claimed_done', percent: 100 });

    const back = await bot.say('wang', '退回 二（一），佐证材料不全');
    expect(back).toContain('任务恢复为办理中（进度 60%）');
    expect(await task('二.(一)')).toMatchObject({ state: 'open', percent: 60 });
    expect(await bot.say('wang', '二（一）现在什么情况')).toContain('进度：60%');

    await bot.say('zhangsan', '二（一）已办结，材料已补充');
    expect(await bot.say('wang', '二（一）销号')).toContain('已销号');
    expect(await bot.say('zhangsan', '二（一）进度50%')).toContain('已销号，无需再报进度');
    expect(await task('二.(一)')).toMatchObject({ state: 'done', percent: 100 });
    expect(await bot.t.db.progressReport.count({ where: { taskId: bot.seed.tasks['二.(一)'], kind: 'progress' } })).toBe(1);
  });

  it('"进度100%" is a 办结 claim, and a return goes back to the figure before it', async () => {
    await bot.say('zhangsan', '二（五）进度70%');
    expect(await bot.say('zhangsan', '二（五）进度100%')).toContain('报办结');
    await bot.say('wang', '退回 二（五），还在持续推进');
    expect(await task('二.(五)')).toMatchObject({ state: 'open', percent: 70 });
  });
});

describe('牵头单位 and 配合单位', () => {
  beforeEach(async () => {
    const { tasks, units } = bot.seed;
    await bot.t.db.assignment.update({ where: { taskId_unitId: { taskId: tasks['二.(二)']!, unitId: units['区卫生健康局']! } }, data: { role: 'lead' } });
    await bot.t.db.assignment.update({ where: { taskId_unitId: { taskId: tasks['二.(二)']!, unitId: units['区财政局']! } }, data: { role: 'assist' } });
    await bot.t.db.person.create({ data: { platform: 'console', userId: 'qian', name: '钱五', role: 'member', unitId: units['区财政局']! } });
  });

  it('records an assist unit\'s progress as its own without changing the task, and refuses its 办结', async () => {
    await bot.say('zhangsan', '二（二）进度50%');
    const assist = await bot.say('qian', '二（二）进度90%');
    expect(assist).toContain('已记录贵单位的进展');
    expect(assist).toContain('任务进度由牵头单位区卫生健康局报送');
    expect((await task('二.(二)')).percent).toBe(50);
    const own = await bot.t.db.progressReport.findFirst({ where: { taskId: bot.seed.tasks['二.(二)'], unitId: bot.seed.units['区财政局'] } });
    expect(own).toMatchObject({ kind: 'progress', percent: 90, originalText: '二（二）进度90%' });

    const claim = await bot.say('qian', '二（二）已办结');
    expect(claim).toContain('由牵头单位区卫生健康局报办结');
    expect(await task('二.(二)')).toMatchObject({ state: 'open', percent: 50 });
    expect(bot.notices().filter((n) => n.text.includes('办结待审核'))).toEqual([]);

    expect(await bot.say('zhangsan', '二（二）已办结')).toContain('等待领导审核销号');
    expect((await task('二.(二)')).state).toBe('claimed_done');
  });

  it('keeps today\'s behaviour on a task without a lead', async () => {
    expect(await bot.say('qian', '二（四）进度30%')).toContain('已记录：二.(四) 建立健全财政补助机制 进度 30%（上次 0%）');
    expect((await task('二.(四)')).percent).toBe(30);
  });
});

describe('nobody reviews their own unit\'s task', () => {
  it('files an admin\'s 办结 of their own unit\'s task as a claim and refuses their 销号 of it', async () => {
    const set = await bot.say('admin', '设置 张三 为 管理员');
    expect(set).toContain('已设置：张三 为 管理员');
    expect(set).toContain('仍属「区卫生健康局」');

    const claim = await bot.say('zhangsan', '二（一）已办结');
    expect(claim).toContain('等待领导审核销号');
    expect(claim).toContain('不能审核本单位的任务');
    expect((await task('二.(一)')).state).toBe('claimed_done');
    expect(bot.notices().some((n) => n.to.kind === 'group' && n.to.chatId === 'g-leaders' && n.text.includes('区卫生健康局 报 二.(一)'))).toBe(true);

    expect(await bot.say('zhangsan', '二（一）销号')).toContain('不能审核本单位的任务');
    expect(await bot.say('zhangsan', '退回 二（一），再看看')).toContain('不能审核本单位的任务');
    expect((await task('二.(一)')).state).toBe('claimed_done');

    expect(await bot.say('wang', '二（一）销号')).toContain('已销号');
    // another unit's task the admin may still close, but only by name: nobody claimed it
    expect(await bot.say('zhangsan', '二（三）销号')).toContain('尚未报办结');
    expect((await task('二.(三)')).state).toBe('open');
    expect(await bot.say('zhangsan', '直接销号 二（三）')).toContain('已销号');
    expect((await task('二.(三)')).state).toBe('done');
  });
});

describe('answers say who was told', () => {
  it('names the units notified and those with no bound group', async () => {
    await bot.say('zhangsan', '二（二）已办结');
    bot.notices();
    const back = await bot.say('wang', '退回 二（二），材料不全');
    expect(back).toContain('已通知区卫生健康局');
    expect(back).toContain('区财政局未绑定单位群，未能通知');
    expect(back).toContain('本群绑定');
    expect(back).not.toContain('已通知承办单位');
    expect(bot.notices().map((n) => n.to.kind === 'group' && n.to.chatId)).toEqual(['g-weijian']);

    const done = await bot.say('wang', '直接销号 二（四）');
    expect(done).toContain('区财政局未绑定单位群，未能通知');
    expect(done).not.toContain('已通知');

    await bot.say('lisi', '二（三）申请延期到明年3月底，原因是设备采购流程未完成');
    const ok = await bot.say('wang', '同意延期');
    expect(ok).toContain('完成时限调整为 2026年3月31日');
    expect(ok).toContain('医疗保障分局未绑定单位群，未能通知');
    expect(ok).not.toContain('已通知承办单位');
  });
});
