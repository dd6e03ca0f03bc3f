// Needs PostgreSQL. A 办结 claim the leaders returned is not the task's latest progress:
// lists (哪些逾期了) show the progress report before it, as the ledger does.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

const lineOf = (reply: string, path: string) => reply.split('\n').find((l) => l.includes(path)) ?? '';

it('shows the latest progress report, not a returned claim, in 哪些逾期了', async () => {
  await bot.say('zhangsan', '二（一）进度60%，站点建成6个');
  await bot.say('zhangsan', '二（一）已办结，站点全部建成');
  await bot.say('wang', '退回二（一），佐证材料不全');
  const line = lineOf(await bot.say('wang', '哪些逾期了'), '二.(一)');
  expect(line).toContain('最新进展：二（一）进度60%，站点建成6个（');
  expect(line).not.toContain('已办结');
});
