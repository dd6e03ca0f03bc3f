// Needs PostgreSQL. A file whose sender never says its task is dropped by the periodic sweep a
// day later, with its stored content; a file attached to a task, and content it shares, stay.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';
import { reconcileAll } from '../../src/main.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

const fixture = (name: string) => readFileSync(path.resolve(__dirname, '../fixtures/evidence', name));

it('drops, a day later, the files nobody said the task of, and keeps every file of a task', async () => {
  const db = bot.t.db;
  await bot.say('zhangsan', '二（一）已办结');
  expect((await bot.sendFile('zhangsan', '验收报告.pdf', fixture('验收报告.pdf'))).text).toContain('已附佐证材料');
  // another unit's files with no task named: the bot asks, nobody answers
  expect((await bot.sendFile('lisi', '签到表.png', fixture('签到表.png'))).text).toMatch(/哪一项任务/);
  // the same content as a task's file: the content is shared with that task's row
  await bot.sendFile('lisi', '报告副本.pdf', fixture('验收报告.pdf'));
  expect((await db.evidence.findMany({ where: { taskId: null }, orderBy: { createdAt: 'asc' } })).map((e) => e.name)).toEqual(['签到表.png', '报告副本.pdf']);
  const before = { evidence: await db.evidence.count(), files: await db.storedFile.count() };

  // within the day nothing goes
  await reconcileAll(bot.rt);
  expect([await db.evidence.count(), await db.storedFile.count()]).toEqual([before.evidence, before.files]);

  bot.clock.set(new Date(Date.now() + 25 * 3600_000));
  await reconcileAll(bot.rt);
  expect(await db.evidence.count({ where: { taskId: null } })).toBe(0);
  const kept = await db.evidence.findMany({ include: { file: { include: { chunks: true } } } });
  expect(kept.map((e) => e.name)).toEqual(['验收报告.pdf']);
  expect(kept[0]!.file.chunks.length).toBeGreaterThan(0);
  // the 签到表's content, referred to by no row any more, is gone; the shared report stays
  expect((await db.storedFile.findMany({ select: { id: true } })).map((f) => f.id)).toEqual([kept[0]!.fileId]);
});
