// Needs PostgreSQL. A message about several tasks is acted on for each of them, through the
// real parser, and answered once with every outcome: no task is silently skipped.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

const percentOf = async (path: string) => (await bot.t.db.task.findUnique({ where: { id: bot.seed.tasks[path]! } }))!.percent;

it('records progress on each task of "2.1进度80%，2.2进度60%"', async () => {
  const reply = await bot.say('zhangsan', '2.1进度80%，2.2进度60%');
  expect(reply).toContain('二.(一) 提高区域急救能力 进度 80%');
  expect(reply).toContain('二.(二) 推进紧密型医共体建设 进度 60%');
  expect([await percentOf('二.(一)'), await percentOf('二.(二)')]).toEqual([80, 60]);
  const reports = await bot.t.db.progressReport.findMany({ where: { originalText: '2.1进度80%，2.2进度60%' } });
  expect(reports).toHaveLength(2);
});

it('claims completion of every task in a list: "二（一）、二（五）都已办结"', async () => {
  const reply = await bot.say('zhangsan', '二（一）、二（五）都已办结，材料已报送');
  const claimed = await bot.t.db.task.findMany({ where: { id: { in: [bot.seed.tasks['二.(一)']!, bot.seed.tasks['二.(五)']!] } }, select: { state: true } });
  expect(claimed.map((t) => t.state)).toEqual(['claimed_done', 'claimed_done']);
  expect(reply).toContain('二.(一)');
  expect(reply).toContain('二.(五)');
});

it('records what the unit may change and refuses the rest, in one answer', async () => {
  const reply = await bot.say('zhangsan', '2.2进度90%；2.3进度50%');
  expect(reply).toContain('进度 90%');
  expect(reply).toContain('不是区卫生健康局承办的任务');
  expect(await percentOf('二.(二)')).toBe(90);
  expect(await percentOf('二.(三)')).toBe(0);
});

it('keeps a message about one task whole, even when it mentions another path in passing', async () => {
  const reply = await bot.say('zhangsan', '2.2进度95%，比2.1快');
  expect(reply).toContain('进度 95%');
  expect(reply).not.toContain('二.(一) 提高区域急救能力 进度');
});
