// Needs PostgreSQL. What the ledger says a unit said, from chat: 最新进展 is the unit's own
// latest words about that task (its part of a message about several tasks, never a leader's
// return reason), and the trail keeps each report's words even when the bot had to ask which
// task was meant, and a decision's reason without stray punctuation.
import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';
import { exportLedger } from '../../src/ledger/export.ts';
import { REF_NOW } from '../helpers/seed.ts';
import { createStore } from '../../src/store/index.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

async function ledger() {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportLedger(createStore(bot.t.db).ledger, { now: REF_NOW })) as unknown as ArrayBuffer);
  const plan = wb.worksheets[0]!;
  let latestCol = 0;
  plan.getRow(2).eachCell((c, i) => { if (c.value === '最新进展') latestCol = i; });
  const latest = (path: string) => {
    let v: unknown = null;
    plan.eachRow((r) => { if (r.getCell(1).value === path) v = r.getCell(latestCol).value; });
    return v;
  };
  const trail: string[][] = [];
  wb.getWorksheet('全程留痕')!.eachRow((r) => trail.push((r.values as unknown[]).slice(1).map((x) => String(x ?? ''))));
  // 方案 | 序号 | 任务 | 时间 | 事项 | 单位/人员 | 内容（原话）
  const events = (path: string) => trail.filter((r) => r[1] === path).map((r) => `${r[4]}｜${r[6]}`);
  return { latest, events };
}

it('puts in 最新进展 only the part of a multi-task message about that task; the trail keeps the whole message', async () => {
  await bot.say('zhangsan', '2.1进度95%，2.2进度50%');
  const l = await ledger();
  expect(l.latest('二.(一)')).toBe('2.1进度95%');
  expect(l.latest('二.(二)')).toBe('2.2进度50%');
  expect(l.events('二.(一)')).toContain('报送进度｜2.1进度95%，2.2进度50%');
});

it('never shows a leader\'s return reason, nor the returned claim, as the latest progress', async () => {
  await bot.say('zhangsan', '二（二）已办结，资金已拨付到位');
  expect((await ledger()).latest('二.(二)')).toBe('二（二）已办结，资金已拨付到位'); // awaiting review
  await bot.say('wang', '退回二（二），配合单位未报送佐证材料');
  const l = await ledger();
  expect(l.latest('二.(二)')).toBe('2.2进度50%');
  expect(l.events('二.(二)')).toContain('办结退回｜退回二（二），配合单位未报送佐证材料');
});

it('records the report\'s words, not the digit that answered "which task?"', async () => {
  const asked = await bot.say('zhangsan', '急救那项进度70%，站点已建成10个');
  expect(asked).toContain('请回复序号');
  const n = asked.split('\n').find((x) => x.includes('加强急救人员培训'))!.match(/^(\d+)\./)![1]!;
  expect(await bot.say('zhangsan', n)).toContain('70%');
  const l = await ledger();
  expect(l.events('二.(五)')).toContain('报送进度｜急救那项进度70%，站点已建成10个');
  expect(l.events('二.(五)').join('\n')).not.toContain(`报送进度｜${n}`);
  expect(l.latest('二.(五)')).toBe('急救那项进度70%，站点已建成10个');
});

it('writes a rejection\'s reason in the trail without a leading comma', async () => {
  await bot.say('zhangsan', '二（一）申请延期到2025年12月31日，原因是设备采购周期长');
  await bot.say('wang', '驳回二（一）延期，急救能力建设是年度硬任务');
  const l = await ledger();
  expect(l.events('二.(一)')).toContain('驳回延期｜急救能力建设是年度硬任务');
});

it('stores a decision\'s reason without the punctuation that followed the command word', async () => {
  const ext = await bot.t.db.extensionRequest.create({ data: { taskId: bot.seed.tasks['二.(二)']!, unitId: bot.seed.units['区卫生健康局']!, requestedDate: new Date('2026-01-31T00:00:00Z'), reason: '设备未到货' } });
  expect(await bot.rt.store.records.decideExtension(ext.id, { state: 'rejected', by: '王局长', note: '，医共体建设是年度硬任务。', at: REF_NOW })).toBe(true);
  expect((await bot.t.db.extensionRequest.findUniqueOrThrow({ where: { id: ext.id } })).decisionNote).toBe('医共体建设是年度硬任务。');
});
