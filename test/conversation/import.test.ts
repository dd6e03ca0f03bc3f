// Needs PostgreSQL. Importing a plan from chat: an admin pastes the document, gets the
// summary, and the plan becomes active only after "确认"; others cannot import.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
const plan = readFileSync(path.resolve(__dirname, '../../demo/plan.txt'), 'utf8');
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

it('reads a pasted plan into a draft, and activates it only on confirmation', async () => {
  const summary = await bot.say('admin', plan);
  expect(summary).toContain('已读取方案：高新区2026年深化医药卫生体制改革重点工作任务');
  expect(summary).toMatch(/共 8 项任务，涉及 \d+ 个单位/);
  expect(summary).toContain('回复「确认」启用该方案');
  const draft = await bot.t.db.plan.findFirstOrThrow({ where: { title: { contains: '高新区' } } });
  expect(draft.status).toBe('draft');
  const confirmed = await bot.say('admin', '确认');
  expect(confirmed).toContain('方案已启用');
  // the seed's plan is active too, and only 区卫生健康局 has a bound group
  expect(confirmed).toContain('目前共有 1 个其他方案同时在督办');
  const ungrouped = /以下单位尚未绑定群，收不到催办提醒：(.+?)。/.exec(confirmed)?.[1]?.split('、') ?? [];
  expect(ungrouped.length).toBeGreaterThan(0);
  expect(ungrouped).not.toContain('区卫生健康局');
  expect((await bot.t.db.plan.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe('active');
  // the same unit is one record across plans: 区卫生健康局 now has the seed's tasks and the plan's
  const unit = await bot.t.db.unit.findMany({ where: { name: '区卫生健康局' } });
  expect(unit).toHaveLength(1);
  expect(await bot.say('zhangsan', '我的任务')).toMatch(/区卫生健康局：共 8 项/);
});

it('re-importing the same document updates the draft instead of duplicating it', async () => {
  await bot.say('admin', plan);
  await bot.say('admin', '取消');
  expect(await bot.t.db.plan.count({ where: { title: { contains: '高新区' } } })).toBe(1);
});

it('a document with no tasks is refused with a clear message and saves nothing', async () => {
  const before = await bot.t.db.plan.count();
  const reply = await bot.say('admin', `关于做好年度工作的通知。${'各单位要高度重视，责任单位要认真落实，确保取得实效。'.repeat(20)}`);
  expect(reply).toMatch(/^无法导入：/);
  expect(await bot.t.db.plan.count()).toBe(before);
});

it('never imports a plan file from someone who is not an admin: it is kept as 佐证材料 and asked about', async () => {
  const before = await bot.t.db.plan.count();
  const answer = await bot.sendFile('zhangsan', 'plan.txt', readFileSync(path.resolve(__dirname, '../../demo/plan.txt')));
  expect(answer.text).toContain('哪一项任务的佐证材料');
  expect(await bot.t.db.plan.count()).toBe(before);
});

it('warns before activation when deadlines are already past, and counts tasks without deadlines as the CLI does', async () => {
  const { importDocument, formatTree } = await import('../../src/importer/index.ts');
  const file = path.resolve(__dirname, '../fixtures/import/002_4dcb66f00f1ef9c8.txt');
  const text = readFileSync(file, 'utf8');
  const cliCount = /(\d+) 项无时限/.exec(formatTree(await importDocument(Buffer.from(text), { fileName: 'seed.txt' })))![1];
  const summary = await bot.say('admin', text);
  expect(summary).toContain(`${cliCount} 项无明确时限`);
  // two of its tasks are due 2023年12月31日; the bot's clock says 2025年11月20日
  expect(summary).toContain('其中 2 项的完成时限早于今天（2025年11月20日），启用后会立即列为逾期');
  await bot.say('admin', '取消');
  // a plan whose deadlines are all ahead carries no such warning
  expect(await bot.say('admin', plan)).not.toContain('早于今天');
  await bot.say('admin', '取消');
});

it('acts on another command while an import waits for 确认, and keeps the import waiting', async () => {
  const other = readFileSync(path.resolve(__dirname, '../fixtures/import/002_4dcb66f00f1ef9c8.txt'), 'utf8');
  const summary = await bot.say('admin', other);
  expect(summary).toContain('回复「确认」启用该方案');
  const draft = await bot.t.db.plan.findFirstOrThrow({ where: { status: 'draft' }, orderBy: { updatedAt: 'desc' } });
  const overdue = await bot.say('admin', '哪些逾期了');
  expect(overdue).toContain('逾期任务');
  expect(overdue).toContain('导入的方案仍待确认：回复「确认」启用并开始催办，回复「取消」放弃。');
  expect((await bot.t.db.plan.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe('draft');
  expect(await bot.say('admin', '确认')).toContain('方案已启用');
  expect((await bot.t.db.plan.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe('active');
});
