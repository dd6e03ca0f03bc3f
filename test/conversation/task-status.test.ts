// Needs PostgreSQL. "二（一）现在什么情况": one task's card with its units, deadline, progress
// and quantified targets, written as a sentence list.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

it('lists a task\'s targets separated by 「；」 with nothing trailing', async () => {
  await bot.t.db.task.updateMany({ where: { path: '二.(一)' }, data: { targets: ['急救站点达到12个', '平均急救反应时间缩短至12分钟以内'] } });
  const reply = await bot.say('wang', '二（一）现在什么情况');
  expect(reply).toContain('二.(一) 提高区域急救能力');
  expect(reply.split('\n')).toContain('- 目标：急救站点达到12个；平均急救反应时间缩短至12分钟以内');
});
