// Needs PostgreSQL. The ledger's 佐证材料 column (count and names, linked to the task's dashboard
// page) and the 通报's list of claims that came without 佐证材料.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';
import { buildBulletin, exportLedger } from '../../src/ledger/index.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

it('lists each task\'s 佐证材料 in the ledger and the claims without any in the 通报', async () => {
  await bot.say('zhangsan', '二（一）已办结');
  expect((await bot.sendFile('zhangsan', '验收报告.pdf', readFileSync(path.resolve(__dirname, '../fixtures/evidence/验收报告.pdf')))).text).toContain('已附佐证材料');
  await bot.say('zhangsan', '二（五）已办结');
  const now = bot.clock.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await exportLedger(bot.rt.store.ledger, { now, baseUrl: 'https://duban.example.gov.cn' }) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('测试方案')!;
  const header = ws.getRow(2).values as string[];
  const col = header.indexOf('佐证材料');
  expect(col).toBeGreaterThan(0);
  const row = (p: string) => { let found: ExcelJS.Row | undefined; ws.eachRow((r) => { if (r.getCell(1).value === p) found = r; }); return found!; };
  const cell = row('二.(一)').getCell(col).value as { text: string; hyperlink: string };
  expect(cell.text).toBe('1份：验收报告.pdf');
  expect(cell.hyperlink).toMatch(/^https:\/\/duban\.example\.gov\.cn\/dashboard\/task\/[\w-]+$/);
  expect(row('二.(五)').getCell(col).value ?? '').toBe('');
  const bulletin = (await buildBulletin(bot.rt.store.ledger, { now })).markdown();
  expect(bulletin).toMatch(/尚未附佐证材料.*二\.\(五\)/);
  expect(bulletin).not.toMatch(/尚未附佐证材料[^\n]*二\.\(一\)/);
});
