// Needs PostgreSQL. An admin changes, shows, resets, closes, pauses and resumes reminders in
// plain Chinese through the real parser; the schedule in PostgreSQL follows at once.
// Reference day Thursday 2025-11-20 10:00; 二.(二) is due Tuesday 2025-11-25
// (区卫生健康局 and 区财政局), 二.(四) on 2026-06-30.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';
import { remindersOf } from '../../src/wiring/reminders.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

/** the queued reminder slots of one task up to its deadline day, as 'YYYY-MM-DD step' in Shanghai time */
async function queuedSlots(path: string, until = '2025-11-25'): Promise<string[]> {
  const items = await bot.t.db.reminderItem.findMany({
    where: { taskId: bot.seed.tasks[path]!, reminder: { state: 'queued' } },
    select: { step: true, reminder: { select: { slot: true } } },
  });
  const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return [...new Set(items.filter((i) => day(i.reminder.slot) <= until).map((i) => `${day(i.reminder.slot)} ${i.step}`))].sort();
}

const policyOf = async (path: string) => (await bot.t.db.task.findUnique({ where: { id: bot.seed.tasks[path]! } }))!.reminderPolicy;

describe('reminder settings in chat', () => {
  it('shows the default policy to anyone who asks', async () => {
    const reply = await bot.say('wang', '查看提醒设置');
    expect(reply).toContain('「测试方案」的催办设置');
    expect(reply).toContain('提前 7、3、1 个工作日提醒');
    expect(reply).toContain('逾期超过 3 个工作日');
    expect(reply).toContain('工作日 09:00');
  });

  it('changes one task\'s ladder and reschedules it at once', async () => {
    await (await remindersOf(bot.rt)).reconcileAll(bot.clock.now());
    expect(await queuedSlots('二.(二)')).toEqual(['2025-11-24 before_1', '2025-11-25 due']);
    const reply = await bot.say('admin', '二（二）提醒改为提前2个工作日，到期当天不提醒');
    expect(reply).toContain('已更新「二.(二) 推进紧密型医共体建设」的催办设置');
    expect(reply).toContain('提前 2 个工作日提醒');
    expect(reply).not.toContain('到期当天再提醒');
    expect(await policyOf('二.(二)')).toEqual({ beforeWorkdays: [2], onDueDay: false });
    expect(await queuedSlots('二.(二)')).toEqual(['2025-11-21 before_2']);
    expect(await bot.t.db.auditLog.count({ where: { action: 'set_reminder_policy' } })).toBe(1);
  });

  it('refuses an impossible setting in Chinese and changes nothing', async () => {
    const reply = await bot.say('admin', '二（二）提醒时间改为22点');
    expect(reply).toContain('未修改催办设置');
    expect(reply).toContain('8 点到 19 点');
    expect(await policyOf('二.(二)')).toEqual({ beforeWorkdays: [2], onDueDay: false });
    expect(await queuedSlots('二.(二)')).toEqual(['2025-11-21 before_2']);
  });

  it('lets only admins change settings', async () => {
    const reply = await bot.say('zhangsan', '二（二）提醒改为提前5个工作日');
    expect(reply).toContain('只有管理员');
    expect(await policyOf('二.(二)')).toEqual({ beforeWorkdays: [2], onDueDay: false });
  });

  it('sets the plan\'s escalation threshold and hour; a task override still wins where it speaks', async () => {
    const reply = await bot.say('admin', '本方案逾期5个工作日后上报领导，提醒时间改为上午10点');
    expect(reply).toContain('逾期超过 5 个工作日');
    expect(reply).toContain('工作日 10:00');
    const plan = await bot.t.db.plan.findUnique({ where: { id: bot.seed.planId } });
    expect(plan!.reminderPolicy).toEqual({ escalateAfterWorkdays: 5, hour: 10 });
    const task = await bot.say('wang', '二（二）的提醒设置是什么');
    expect(task).toContain('提前 2 个工作日提醒');
    expect(task).toContain('逾期超过 5 个工作日');
    expect(await queuedSlots('二.(二)')).toEqual(['2025-11-21 before_2']);
    const slot = await bot.t.db.reminderItem.findFirst({ where: { taskId: bot.seed.tasks['二.(二)']!, reminder: { state: 'queued' } }, select: { reminder: { select: { slot: true } } } });
    expect(slot!.reminder.slot.toISOString()).toBe('2025-11-21T02:00:00.000Z');
  });

  it('closes a task\'s reminders for good and opens them again with 恢复', async () => {
    expect(await bot.say('admin', '关闭 二（二） 提醒')).toContain('已关闭');
    expect(await queuedSlots('二.(二)')).toEqual([]);
    expect(await bot.say('admin', '恢复 二（二） 提醒')).toContain('二.(二)');
    expect(await queuedSlots('二.(二)')).toEqual(['2025-11-21 before_2']);
  });

  it('resets a task to the plan\'s settings', async () => {
    const reply = await bot.say('admin', '二（二）提醒恢复默认');
    expect(reply).toContain('已恢复默认');
    expect(reply).toContain('沿用方案设置');
    expect(await policyOf('二.(二)')).toBeNull();
    expect(await queuedSlots('二.(二)')).toEqual(['2025-11-24 before_1', '2025-11-25 due']);
  });

  it('pauses the whole plan until a date and resumes it', async () => {
    expect(await bot.say('admin', '暂停全部提醒到11月26日')).toContain('已暂停「测试方案」的催办提醒，至 2025年11月26日 恢复');
    expect(await queuedSlots('二.(二)')).toEqual([]);
    expect(await queuedSlots('二.(二)', '2025-11-26')).toEqual(['2025-11-26 overdue']);
    expect(await bot.say('admin', '恢复全部提醒')).toContain('测试方案');
    expect(await queuedSlots('二.(二)')).toEqual(['2025-11-24 before_1', '2025-11-25 due']);
  });

  it('shows a plan\'s pause and the tasks with settings of their own', async () => {
    await bot.say('admin', '二（四）提醒改为提前5、2、1个工作日');
    await bot.say('admin', '暂停全部提醒到12月15日');
    const shown = await bot.say('wang', '查看提醒设置');
    expect(shown).toContain('暂停中：2025年12月15日 起恢复');
    expect(shown).toContain('以下任务另有单独设置（发送「任务编号 查看提醒设置」查看）：二.(四) 建立健全财政补助机制');
    expect(shown).not.toContain('二.(二)'); // reset to the plan's settings above
    await bot.say('admin', '恢复全部提醒');
    expect(await bot.say('wang', '查看提醒设置')).not.toContain('暂停中');
    // a paused task is listed with its date
    await bot.say('admin', '暂停 二（二） 提醒到12月10日');
    expect(await bot.say('wang', '查看提醒设置')).toContain('二.(二) 推进紧密型医共体建设（暂停至 2025年12月10日）');
  });
});
