// Needs PostgreSQL. The ledger from chat: "导出台账" sends the workbook, "出一期通报" answers
// with a bulletin, "看板" gives a signed link; members are refused.
import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

it('exports the ledger as an Excel file sent with the answer', async () => {
  const reply = await bot.say('wang', '导出台账');
  expect(reply).toContain('督办台账已导出');
  const row = await bot.t.db.outbox.findFirstOrThrow({ where: { fileName: { endsWith: '.xlsx' } } });
  expect(row.state).toBe('sent');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(row.fileContent!) as unknown as ArrayBuffer);
  const sheetText = wb.worksheets.map((ws) => ws.getSheetValues().flat().join(' ')).join(' ');
  expect(sheetText).toContain('深化医保支付方式改革');
  expect(sheetText).toContain('逾期');
});

it('answers 出一期通报 with a bulletin naming the lagging unit', async () => {
  const reply = await bot.say('wang', '出一期通报');
  expect(reply).toContain('通报');
  expect(reply).toContain('医疗保障分局');
});

it('gives leaders a signed dashboard link and refuses members', async () => {
  expect(await bot.say('wang', '看板')).toMatch(/\/dashboard\?t=/);
  expect(await bot.say('zhangsan', '导出台账')).toContain('只有领导或管理员');
});

it('tells a leader plainly when the dashboard is off, without configuration names', async () => {
  const off = await createConsoleBot({ dashboardSecret: null });
  try {
    const reply = await off.say('wang', '看板');
    expect(reply).toBe('督办看板尚未开通，请联系系统管理员。');
    expect(reply).not.toMatch(/[A-Z_]{6,}/);
  } finally {
    await off.close();
  }
});
