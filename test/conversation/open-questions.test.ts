// Needs PostgreSQL. Open questions (请补充新的完成时限和延期原因, which task did you mean?)
// through the console channel and the real parser: only answers go to the question, a new
// command is handled as one (the question is dropped, and the answer says so), 取消 says what
// it cancelled; days that do not exist and percentages over 100 are refused and change nothing.
// Seed: test/helpers/seed.ts (today 2025-11-20; zhangsan = 区卫生健康局, wang = leader).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeEach(async () => { bot = await createConsoleBot(); });
afterEach(async () => { await bot.close(); });

const ASKS_FOR_DATE = '请补充新的完成时限';
const task = (path: string) => bot.t.db.task.findUniqueOrThrow({ where: { id: bot.seed.tasks[path] } });
const extensions = () => bot.t.db.extensionRequest.count();
const openQuestions = () => bot.t.db.pendingDialog.count();

describe('a new command while a question is open', () => {
  it('is handled as a new command, and the unfinished extension request is said to be dropped', async () => {
    expect(await bot.say('zhangsan', '二（五）申请延期')).toContain('请补充新的完成时限和延期原因');
    const other = await bot.say('zhangsan', '2.3进度50%');
    expect(other).toContain('不是区卫生健康局承办的任务');
    expect(other).not.toContain(ASKS_FOR_DATE);
    expect(other).toContain('之前待补充的「申请延期 二.(五) 加强急救人员培训」未提交，已取消');
    const unknownTask = await bot.say('zhangsan', '二（九）进度50%');
    expect(unknownTask).toContain('没有找到任务「二（九）」');
    expect(unknownTask).not.toContain(ASKS_FOR_DATE);
    expect(await bot.say('zhangsan', '二（一）进度60%')).toContain('二.(一) 提高区域急救能力 进度 60%（上次 0%）');
    // the dropped question is gone: a date on its own no longer files anything
    expect(await openQuestions()).toBe(0);
    expect(await extensions()).toBe(0);
  });

  it('queries and leader commands are not swallowed by an open question', async () => {
    expect(await bot.say('zhangsan', '二（一）申请延期')).toContain(ASKS_FOR_DATE);
    expect(await bot.say('zhangsan', '哪些逾期了')).toContain('逾期任务');
    expect(await bot.say('zhangsan', '二（一）延期到明年3月底，原因是设备未到货')).toContain('已提交延期申请');
    expect(await bot.say('zhangsan', '二（五）延期到明年3月底，原因是培训基地装修')).toContain('已提交延期申请');
    // the leader's own open question (which request?) does not swallow the next commands either
    expect(await bot.say('wang', '同意延期')).toContain('请问是哪一条');
    const done = await bot.say('wang', '二（四）销号');
    expect(done).toContain('二.(四) 建立健全财政补助机制');
    expect(done).not.toContain('请问是哪一条');
    expect(done).toContain('之前待选择任务的「审批延期」未执行，已取消');
    const back = await bot.say('wang', '退回 二（四），佐证材料不全');
    expect(back).toContain('二.(四)');
    expect(back).not.toContain('请问是哪一条');
    expect(await bot.t.db.extensionRequest.count({ where: { state: 'pending' } })).toBe(2);
  });

  it('a leader asking about an extension request gets the task, not an extension prompt', async () => {
    const reply = await bot.say('wang', '二（二）延期申请的情况');
    expect(reply).toContain('二.(二) 推进紧密型医共体建设');
    expect(reply).toContain('完成时限：2025年11月25日');
    expect(reply).not.toContain(ASKS_FOR_DATE);
    expect(await openQuestions()).toBe(0);
  });

  it('a several-task message while a question is open is acted on in full', async () => {
    expect(await bot.say('zhangsan', '二（一）申请延期')).toContain(ASKS_FOR_DATE);
    const reply = await bot.say('zhangsan', '2.1进度40%，2.5进度30%');
    expect(reply).toContain('二.(一) 提高区域急救能力 进度 40%');
    expect(reply).toContain('二.(五) 加强急救人员培训 进度 30%');
    expect(reply).toContain('之前待补充的「申请延期 二.(一) 提高区域急救能力」未提交');
    expect(await openQuestions()).toBe(0);
  });

  it('answers (a date, a reason, 好的) still go to the open question', async () => {
    expect(await bot.say('zhangsan', '二（五）申请延期')).toContain('请补充新的完成时限和延期原因');
    expect(await bot.say('zhangsan', '好的')).toContain('请补充新的完成时限和延期原因');
    expect(await bot.say('zhangsan', '因为培训基地还在装修')).toContain('请补充新的完成时限，');
    const filed = await bot.say('zhangsan', '下周五');
    expect(filed).toContain('已提交延期申请：二.(五) 加强急救人员培训');
    expect(filed).toContain('2025年11月28日');
    expect(filed).toContain('原因：培训基地还在装修');
  });
});

describe('answering the question for date and reason', () => {
  it('takes both the date and the reason from one answer', async () => {
    expect(await bot.say('zhangsan', '二（五）申请延期')).toContain('请补充新的完成时限和延期原因');
    const filed = await bot.say('zhangsan', '明年9月底，原因是系统供应商更换');
    expect(filed).toContain('已提交延期申请：二.(五) 加强急救人员培训');
    expect(filed).toContain('2026年9月30日');
    expect(filed).toContain('原因：系统供应商更换');
    const ext = await bot.t.db.extensionRequest.findFirstOrThrow({ where: { taskId: bot.seed.tasks['二.(五)'] } });
    expect(ext.requestedDate.toISOString().slice(0, 10)).toBe('2026-09-30');
    expect(ext.reason).toBe('系统供应商更换');
  });
});

describe('days that do not exist', () => {
  it.each([
    ['二（一）申请延期到2月30日，原因是设备未到货', '2月没有30日，请重新写明日期'],
    ['二（一）申请延期到4月31日，原因是设备未到货', '4月没有31日，请重新写明日期'],
    ['二（一）申请延期到2027年2月29日，原因是设备未到货', '2027年不是闰年，2月没有29日，请重新写明日期'],
    ['二（一）申请延期到13月，原因是设备未到货', '没有13月，请重新写明日期'],
  ])('%s is refused with why, and nothing is filed', async (text, why) => {
    const reply = await bot.say('zhangsan', text);
    expect(reply).toContain(why);
    expect(reply).not.toContain(ASKS_FOR_DATE);
    expect(await extensions()).toBe(0);
  });

  it('after the refusal a real date completes the request, keeping the reason', async () => {
    expect(await bot.say('zhangsan', '二（一）申请延期到2月30日，原因是设备未到货')).toContain('2月没有30日');
    expect(await bot.say('zhangsan', '2月31日')).toContain('2月没有31日');
    expect(await extensions()).toBe(0);
    const filed = await bot.say('zhangsan', '2026年2月28日');
    expect(filed).toContain('已提交延期申请：二.(一) 提高区域急救能力');
    expect(filed).toContain('2026年2月28日');
    expect(filed).toContain('原因：设备未到货');
  });

  it('pausing reminders to a day that does not exist is refused and pauses nothing', async () => {
    expect(await bot.say('admin', '暂停全部提醒到2月30日')).toContain('2月没有30日，请重新写明日期');
    expect(await bot.say('admin', '暂停全部提醒到4月31日')).toContain('4月没有31日');
    expect(await bot.t.db.auditLog.count({ where: { action: 'pause_reminders' } })).toBe(0);
    expect(await bot.say('admin', '暂停全部提醒到12月1日')).toContain('2025年12月1日');
  });

  it('a progress report with an expected day that does not exist changes nothing', async () => {
    expect(await bot.say('zhangsan', '二（一）进度60%，预计2月30日完成')).toContain('2月没有30日');
    expect((await task('二.(一)')).percent).toBe(0);
  });
});

describe('progress over 100%', () => {
  it('is refused and the task keeps its progress', async () => {
    await bot.say('zhangsan', '二（一）进度40%');
    const reply = await bot.say('zhangsan', '二（一）进度120%');
    expect(reply).toContain('进度应在0到100%之间');
    expect(reply).toContain('120%');
    expect(reply).not.toContain('已记录');
    expect((await task('二.(一)')).percent).toBe(40);
    expect(await bot.t.db.progressReport.count({ where: { taskId: bot.seed.tasks['二.(一)'] } })).toBe(1);
  });
});

describe('取消 / 算了 during an open question', () => {
  it('cancels the extension request and says which', async () => {
    expect(await bot.say('zhangsan', '二（一）申请延期')).toContain(ASKS_FOR_DATE);
    const reply = await bot.say('zhangsan', '取消');
    expect(reply).toContain('已取消：申请延期 二.(一) 提高区域急救能力，未提交');
    expect(reply).not.toContain('目前没有');
    expect(await openQuestions()).toBe(0);
    expect(await bot.say('zhangsan', '明年3月底')).not.toContain('已提交延期申请');
    expect(await extensions()).toBe(0);
  });

  it('cancels a which-task question', async () => {
    expect(await bot.say('zhangsan', '急救那项进度六成')).toMatch(/1\. 二\.\(一\) 提高区域急救能力/);
    expect(await bot.say('zhangsan', '算了')).toContain('已取消：上报进度（待选择任务），未执行');
    expect(await bot.say('zhangsan', '1')).toContain('目前没有待选择的问题');
    expect((await task('二.(一)')).percent).toBe(0);
  });

  it('with nothing open still says so', async () => {
    expect(await bot.say('zhangsan', '取消')).toContain('目前没有待确认的事项');
  });
});
