// Needs PostgreSQL (test/helpers/db.ts). Whose report the ledger shows: 汇总's 最近报送时间 is
// each unit's own latest report (progress or 办结 claim, never an acknowledgement, never
// another unit's report on a shared task; empty when it never reported), and a task's
// 最新进展 is its latest progress report, or the 办结 claim only while it awaits review.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { REF_NOW } from '../helpers/seed.ts';
import { exportLedger } from '../../src/ledger/export.ts';
import { seedRecord } from './seed-record.ts';
import { createStore } from '../../src/store/index.ts';

const at = (s: string) => new Date(`${s}+08:00`);

let t: TestDatabase;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  t = await createTestDatabase('ledger_unit_reports');
  const seed = await seedRecord(t.db);
  const wj = seed.units['区卫生健康局']!;
  const yb = seed.units['医疗保障分局']!;
  const t3 = seed.tasks['二.(三)']!;
  const t5 = seed.tasks['二.(五)']!;
  const report = (taskId: string, unitId: string | null, kind: string, text: string, createdAt: string, percent: number | null = null) =>
    t.db.progressReport.create({ data: { taskId, unitId, kind, originalText: text, note: kind === 'returned' ? '佐证材料不全' : null, percent, createdAt: at(createdAt) } });

  // 二.(三) shared: 卫健局 reports first, 医保分局 later and claims completion (awaiting review)
  await t.db.assignment.create({ data: { taskId: t3, unitId: wj, nameAsWritten: '区卫生健康局' } });
  await report(t3, wj, 'progress', '配合材料已报送，进度40%', '2025-11-19T15:00:00', 40);
  await report(t3, yb, 'progress', '支付方式改革进度80%', '2025-11-20T09:00:00', 80);
  await report(t3, yb, 'done_claim', '二（三）已办结，DRG付费全面落地', '2025-11-20T09:30:00', 100);
  await t.db.task.update({ where: { id: t3 }, data: { state: 'claimed_done', percent: 100, lastReportAt: at('2025-11-20T09:30:00') } });
  // an acknowledgement is not a report
  await report(seed.tasks['二.(一)']!, wj, 'ack', '收到', '2025-11-20T09:45:00');

  // 二.(五): 60%, then a 办结 claim that the leaders returned
  await report(t5, wj, 'progress', '培训完成六成，进度60%', '2025-11-10T10:00:00', 60);
  await report(t5, wj, 'done_claim', '二（五）已完成，培训全部结束', '2025-11-12T10:00:00', 100);
  await report(t5, null, 'returned', '退回二（五），佐证材料不全', '2025-11-13T10:00:00');
  await t.db.task.update({ where: { id: t5 }, data: { state: 'open', percent: 60, lastReportAt: at('2025-11-12T10:00:00') } });

  wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportLedger(createStore(t.db).ledger, { now: REF_NOW })) as unknown as ArrayBuffer);
});
afterAll(async () => t.drop());

function column(ws: ExcelJS.Worksheet, header: string): number {
  let n = 0;
  ws.getRow(2).eachCell((c, i) => { if (c.value === header) n = i; });
  expect(n).toBeGreaterThan(0);
  return n;
}

function cellOf(sheet: string, key: string, header: string): unknown {
  const ws = wb.getWorksheet(sheet)!;
  const keyCol = sheet === '汇总' ? 2 : 1;
  const c = column(ws, header);
  let v: unknown;
  ws.eachRow((r) => { if (r.getCell(keyCol).value === key) v = r.getCell(c).value; });
  return v;
}

it('gives each unit in 汇总 the time of its own latest report, empty when it never reported', () => {
  const last = (unit: string) => cellOf('汇总', unit, '最近报送时间');
  // its 配合 report on 二.(三), not 医保分局's later one on the same task, nor its later 收到
  expect(last('区卫生健康局')).toBe('2025年11月19日 15:00');
  expect(last('医疗保障分局')).toBe('2025年11月20日 09:30');
  // 区财政局 shares 二.(二) with 卫健局 but never reported
  expect(last('区财政局')).toBe('');
});

it('shows the latest progress, not a returned 办结 claim, as 最新进展; a claim awaiting review is shown', () => {
  const latest = (path: string) => cellOf('测试方案', path, '最新进展');
  expect(latest('二.(五)')).toBe('培训完成六成，进度60%');
  expect(latest('二.(三)')).toBe('二（三）已办结，DRG付费全面落地');
  expect(latest('二.(一)')).toBe('急救站点建设完成一半，进度50%');
});
