// Needs PostgreSQL. "第N项": the N-th line of 我的任务 (open tasks, as listed) or the unit's
// item numbered N in the plan. When both readings agree the bot acts; when they differ it asks.
// 区卫生健康局 has 二.(一), 二.(二) and 二.(五) in the seed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

const percentOf = async (path: string) => (await bot.t.db.task.findUniqueOrThrow({ where: { id: bot.seed.tasks[path]! } })).percent;

it('acts when the line of 我的任务 and the plan number agree', async () => {
  const mine = await bot.say('zhangsan', '我的任务');
  expect(mine).toMatch(/2\. 二\.\(二\)/);
  expect(await bot.say('zhangsan', '第二项进度40%')).toContain('二.(二) 推进紧密型医共体建设 进度 40%');
  expect(await percentOf('二.(二)')).toBe(40);
});

it('asks when they differ, and takes the plan number when no such line exists', async () => {
  await bot.t.db.task.update({ where: { id: bot.seed.tasks['二.(一)']! }, data: { state: 'done', percent: 100 } });
  // 我的任务 now lists 1. 二.(二) 2. 二.(五): 第二项 is 二.(五) as listed, 二.(二) as numbered
  const ask = await bot.say('zhangsan', '第二项进度45%');
  expect(ask).toContain('二.(二) 推进紧密型医共体建设');
  expect(ask).toContain('二.(五) 加强急救人员培训');
  expect(await percentOf('二.(二)')).toBe(40);
  expect(await bot.say('zhangsan', '2')).toContain('二.(五) 加强急救人员培训 进度 45%');
  expect(await bot.say('zhangsan', '第五项进度50%')).toContain('二.(五) 加强急救人员培训 进度 50%');
});
