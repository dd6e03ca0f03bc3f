// Needs PostgreSQL. A task named by its whole title, with no number ("提高区域急救能力进度60%"),
// is the task meant, whatever its state: a finished one gets its own answer, not a list of
// the other open tasks to choose from.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

it('acts on the task whose title the message writes out', async () => {
  const reply = await bot.say('zhangsan', '提高区域急救能力进度60%，站点已选址');
  expect(reply).toContain('二.(一) 提高区域急救能力');
  expect(reply).not.toMatch(/请回复序号|1\. .*\n2\. /);
  const task = await bot.t.db.task.findUniqueOrThrow({ where: { id: bot.seed.tasks['二.(一)']! } });
  expect(task.percent).toBe(60);
});

it('answers for a finished task named by its title instead of listing other tasks', async () => {
  await bot.t.db.task.update({ where: { id: bot.seed.tasks['二.(一)']! }, data: { state: 'done', percent: 100, doneAt: new Date() } });
  const reply = await bot.say('zhangsan', '提高区域急救能力申请延期到明年1月底，原因是设备未到货');
  expect(reply).toBe('二.(一) 提高区域急救能力 已销号，无需申请延期。');
  expect(await bot.t.db.extensionRequest.count({ where: { taskId: bot.seed.tasks['二.(一)']! } })).toBe(0);
});
