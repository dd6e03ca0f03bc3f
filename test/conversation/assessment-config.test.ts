// Needs PostgreSQL. The 考评 weights an office sets in ASSESSMENT_RULES reach the bulletin and
// the ledger through the runtime's wiring: 医疗保障分局 has one overdue item (二.(三)).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot({ env: { ASSESSMENT_RULES: '{"onTimeDone":3,"lateReport":-4,"returned":-5}' } }); });
afterAll(async () => { await bot.close(); });

it('scores units in the bulletin with the configured weights and states them', async () => {
  const reply = await bot.say('wang', '出一期通报');
  expect(reply).toContain('按时办结每项3分，逾期未办结或逾期办结每项-4分，办结申请被退回每次-5分');
  expect(reply).toMatch(/医疗保障分局：[^\n]*考评得分-4分/);
});

it('uses the same weights in the exported ledger', async () => {
  await bot.say('wang', '导出台账');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bot.lastFile()! as unknown as ArrayBuffer);
  const summary = wb.worksheets.find((w) => w.name.includes('汇总'))!;
  const rows: string[] = [];
  summary.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? '')).join('|')));
  expect(rows.find((r) => r.includes('医疗保障分局'))).toMatch(/\|-4(\||$)/);
});
