// Needs PostgreSQL. Two active plans both have a 二.(一): lists that mix them say which plan
// each task belongs to, so "我的任务" and the which-task question can be told apart.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeAll(async () => {
  bot = await createConsoleBot();
  const unit = await bot.t.db.unit.findFirstOrThrow({ where: { name: '区卫生健康局' } });
  await bot.t.db.plan.create({
    data: {
      title: '高新区2026年全民健身实施方案', sourceHash: 'second-plan', status: 'active',
      tasks: { create: [{ path: '二.(一)', pathKey: '2.1', seq: 1, title: '建设社区健身设施', text: '建设社区健身设施', targets: [], warnings: [], dueDate: new Date('2026-06-30T00:00:00Z'), dueKind: 'date', assignments: { create: [{ unitId: unit.id, nameAsWritten: '区卫生健康局' }] } }] },
    },
  });
});
afterAll(async () => { await bot.close(); });

it('tags each task of 我的任务 with its plan when the list mixes plans', async () => {
  const reply = await bot.say('zhangsan', '我的任务');
  expect(reply).toContain('〔测试〕二.(一) 提高区域急救能力');
  expect(reply).toContain('〔全民健身〕二.(一) 建设社区健身设施');
});

it('asks which plan\'s 2.1 is meant, with the plans named', async () => {
  const reply = await bot.say('zhangsan', '2.1进度50%');
  expect(reply).toMatch(/1\. 〔(?:测试|全民健身)〕二\.\(一\)/);
  expect(reply).toMatch(/2\. 〔(?:测试|全民健身)〕二\.\(一\)/);
});
