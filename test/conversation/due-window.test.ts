// Needs PostgreSQL. "本周到期的" asked mid-week: the window runs from today, and what fell due
// earlier in the week and is still open is pointed to as overdue instead of silently left out.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

it('on a Wednesday, names the tasks of this week that fell due on Monday or Tuesday', async () => {
  // 二.(二) (区卫生健康局, 区财政局) is due Tuesday 2025-11-25 and still open
  bot.clock.set(new Date('2025-11-26T10:00:00+08:00'));
  const reply = await bot.say('wang', '本周到期的');
  expect(reply.split('\n')).toEqual([
    '本周（2025年11月26日至2025年11月30日）没有到期的任务。',
    '本周此前到期、仍未办结的还有 1 项，已列为逾期，发送「哪些逾期了」查看。',
  ]);
  expect(await bot.say('wang', '哪些逾期了')).toContain('二.(二) 推进紧密型医共体建设');
});

it('says nothing of earlier days on the first day of the period', async () => {
  bot.clock.set(new Date('2025-11-24T10:00:00+08:00')); // Monday
  const reply = await bot.say('wang', '本周到期的');
  expect(reply).toContain('二.(二) 推进紧密型医共体建设');
  expect(reply).not.toContain('此前到期');
});
