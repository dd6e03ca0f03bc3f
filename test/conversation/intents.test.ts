// Needs PostgreSQL. Drives the intents with ready-made commands (the text is the command as
// JSON), so these tests pin down what each action does to the ledger and what it answers,
// independent of the Chinese parser (tested in test/parse and test/conversation/chat.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';
import { emptyCommand, type Command } from '../../src/commands/command.ts';

let bot: ConsoleBot;
const c = (kind: Command['kind'], slots: Partial<Command> = {}) => JSON.stringify({ ...emptyCommand(kind), ...slots });

beforeAll(async () => { bot = await createConsoleBot({ understand: (text) => JSON.parse(text) as Command }); });
afterAll(async () => { await bot.close(); });

describe('unit members', () => {
  it('records progress with the previous figure and keeps the original message', async () => {
    const reply = await bot.say('zhangsan', c('report_progress', { task: '2.1', percent: 70 }));
    expect(reply).toContain('已记录：二.(一) 提高区域急救能力 进度 70%（上次 0%）');
    const again = await bot.say('zhangsan', c('report_progress', { task: '二（一）', percent: 80 }));
    expect(again).toContain('进度 80%（上次 70%）');
    const reports = await bot.t.db.progressReport.findMany({ where: { taskId: bot.seed.tasks['二.(一)'] }, orderBy: { createdAt: 'asc' } });
    expect(reports.map((r) => r.percent)).toEqual([70, 80]);
    expect(reports[0]!.originalText).toContain('report_progress');
    expect(await bot.t.db.auditLog.count({ where: { action: 'report_progress' } })).toBe(2);
  });

  it('refuses to update another unit\'s task and changes nothing', async () => {
    const reply = await bot.say('zhangsan', c('report_progress', { task: '2.3', percent: 50 }));
    expect(reply).toContain('不是区卫生健康局承办的任务');
    const task = await bot.t.db.task.findUnique({ where: { id: bot.seed.tasks['二.(三)'] } });
    expect(task!.percent).toBe(0);
  });

  it('asks which task when the reference is ambiguous, and acts on the numbered answer', async () => {
    const ask = await bot.say('zhangsan', c('report_progress', { task: '急救', percent: 40 }));
    expect(ask).toMatch(/1\. 二\.\(一\) 提高区域急救能力/);
    expect(ask).toMatch(/2\. 二\.\(五\) 加强急救人员培训/);
    const done = await bot.say('zhangsan', c('choose', { index: 2 }));
    expect(done).toContain('二.(五) 加强急救人员培训 进度 40%');
  });

  it('claims completion, which waits for a leader to confirm (销号) or return it (退办)', async () => {
    const claim = await bot.say('zhangsan', c('mark_done', { task: '2.2' }));
    expect(claim).toContain('报办结，等待领导审核销号');
    expect(bot.notices().some((n) => n.to.kind === 'group' && n.to.chatId === 'g-leaders' && n.text.includes('办结待审核'))).toBe(true);
    let task = await bot.t.db.task.findUnique({ where: { id: bot.seed.tasks['二.(二)'] } });
    expect(task!.state).toBe('claimed_done');
    const back = await bot.say('wang', c('return_done', { task: '2.2', reason: '佐证材料不全' }));
    expect(back).toContain('已退回：二.(二) 推进紧密型医共体建设，原因：佐证材料不全');
    expect(bot.notices().some((n) => n.to.kind === 'group' && n.to.chatId === 'g-weijian' && n.text.includes('佐证材料不全'))).toBe(true);
    task = await bot.t.db.task.findUnique({ where: { id: bot.seed.tasks['二.(二)'] } });
    expect(task!.state).toBe('open');
    await bot.say('zhangsan', c('mark_done', { task: '2.2' }));
    expect(await bot.say('wang', c('mark_done', { task: '2.2' }))).toContain('已销号');
    task = await bot.t.db.task.findUnique({ where: { id: bot.seed.tasks['二.(二)'] } });
    expect(task!.state).toBe('done');
  });

  it('asks for what is missing in an extension request, and the deadline changes only on approval', async () => {
    const ask = await bot.say('zhangsan', c('request_extension', { task: '2.1', date: '2026-03-31' }));
    expect(ask).toContain('请补充延期原因');
    const filed = await bot.say('zhangsan', c('unknown', { reason: '设备采购流程未完成' }));
    expect(filed).toContain('已提交延期申请');
    let task = await bot.t.db.task.findUnique({ where: { id: bot.seed.tasks['二.(一)'] } });
    expect(task!.dueDate!.toISOString().slice(0, 10)).toBe('2025-10-31');
    const ok = await bot.say('wang', c('decide_extension', { approve: true, task: '2.1' }));
    expect(ok).toContain('完成时限调整为 2026年3月31日');
    task = await bot.t.db.task.findUnique({ where: { id: bot.seed.tasks['二.(一)'] } });
    expect(task!.dueDate!.toISOString().slice(0, 10)).toBe('2026-03-31');
  });

  it('only leaders and admins decide', async () => {
    expect(await bot.say('zhangsan', c('decide_extension', { approve: true, task: '2.1' }))).toContain('只有领导或管理员');
    expect(await bot.say('zhangsan', c('bind_group', { unit: '区财政局' }), { chatId: 'g-weijian' })).toContain('只有管理员');
  });
});

describe('leaders', () => {
  it('lists overdue tasks worst first with unit, deadline and days overdue', async () => {
    const reply = await bot.say('wang', c('query_overdue'));
    expect(reply).toContain('逾期任务：共 1 项');
    expect(reply).toMatch(/二\.\(三\) 深化医保支付方式改革｜医疗保障分局｜时限 2025年9月30日｜逾期 51 天/);
  });

  it('answers a unit\'s count and the summary by unit', async () => {
    const unit = await bot.say('wang', c('query_unit', { unit: '医疗保障分局' }));
    expect(unit).toContain('医疗保障分局：共 1 项，已完成 0 项，未完成 1 项');
    const sum = await bot.say('wang', c('summary'));
    expect(sum).toMatch(/督办汇总：共 5 项/);
    expect(sum.indexOf('医疗保障分局')).toBeLessThan(sum.indexOf('区财政局'));
  });

  it('lists tasks due in a window, soonest first, using approved deadlines', async () => {
    expect(await bot.say('wang', c('query_due_soon', { window: 'this_week' }))).toBe('本周（2025年11月20日至2025年11月23日）没有到期的任务。');
    const reply = await bot.say('wang', c('query_due_soon', { date: '2026-06-30' }));
    expect(reply).toContain('共 2 项');
    expect(reply.indexOf('二.(一) 提高区域急救能力')).toBeLessThan(reply.indexOf('二.(四) 建立健全财政补助机制'));
  });
});

describe('admins', () => {
  it('binds a group to a unit, after which its members report for that unit', async () => {
    const reply = await bot.say('admin', c('bind_group', { unit: '财政局' }), { chatId: 'g-new' });
    expect(reply).toContain('已将本群绑定为「区财政局」');
    const r = await bot.say('newcomer', c('report_progress', { task: '2.4', percent: 10 }), { chatId: 'g-new' });
    expect(r).toContain('二.(四) 建立健全财政补助机制 进度 10%');
  });
});
