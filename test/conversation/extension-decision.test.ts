// Needs PostgreSQL. An approved extension moves the deadline of every unit on the task, so
// every unit is told (or named as unreachable); a new deadline on a rest day is pointed out.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

it('tells every unit of a joint task about the new deadline, and flags a Sunday', async () => {
  // 二.(二): 区卫生健康局 (group g-weijian) and 区财政局 (no group)
  expect(await bot.say('zhangsan', '二（二）申请延期到12月31日，原因是资金未到位')).toContain('已提交延期申请');
  const reply = await bot.say('wang', '同意二（二）延期，但只能延到12月21日');
  expect(reply).toContain('完成时限调整为 2025年12月21日（申请为 2025年12月31日）（该日为休息日）');
  expect(reply).toContain('已通知区卫生健康局');
  expect(reply).toContain('区财政局未绑定单位群，未能通知');
  const unitNotice = bot.notices().find((n) => n.to.kind === 'group' && n.to.chatId === 'g-weijian');
  expect(unitNotice?.text).toContain('完成时限调整为 2025年12月21日（申请为 2025年12月31日）');
});

it('tells only the asking unit of a refusal', async () => {
  await bot.say('zhangsan', '二（一）申请延期到明年1月31日，原因是设备未到货');
  const reply = await bot.say('wang', '驳回二（一）延期，原因是年度硬任务');
  expect(reply).toContain('已驳回');
  expect(reply).not.toContain('区财政局');
});
