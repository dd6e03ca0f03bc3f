// Needs PostgreSQL (test/helpers/db.ts) and LibreOffice + pdftotext (Debian packages
// libreoffice-calc-nogui, poppler-utils, fonts-noto-cjk): the exported workbook is opened
// by a real office suite, not only by the library that wrote it.
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { REF_NOW } from '../helpers/seed.ts';
import { exportLedger } from '../../src/ledger/export.ts';
import { seedRecord } from './seed-record.ts';
import { pdfTextOf } from './office.ts';
import { createStore } from '../../src/store/index.ts';

let t: TestDatabase;
let seed: Awaited<ReturnType<typeof seedRecord>>;
let xlsx: Buffer;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  t = await createTestDatabase('ledger_export');
  seed = await seedRecord(t.db);
  // settings changed in chat are audit rows of their own in the trail
  const at = new Date('2025-11-19T10:00:00+08:00');
  await t.db.auditLog.createMany({ data: [
    { at, actorName: '管理员', action: 'set_reminder_policy', taskId: seed.tasks['二.(一)']!, detail: { scope: 'task', id: seed.tasks['二.(一)']!, set: { beforeWorkdays: [5, 2, 1], onDueDay: false } } },
    { at, actorName: '管理员', action: 'resume_reminders', taskId: seed.tasks['二.(一)']!, detail: { until: null } },
  ] });
  xlsx = await exportLedger(createStore(t.db).ledger, { now: REF_NOW });
  mkdirSync('test-output', { recursive: true });
  writeFileSync('test-output/ledger.xlsx', xlsx);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
});
afterAll(async () => t.drop());

const col = (ws: ExcelJS.Worksheet, header: string) => {
  let n = 0;
  ws.getRow(2).eachCell((c, i) => { if (c.value === header) n = i; });
  return n;
};
const rowOf = (ws: ExcelJS.Worksheet, path: string) => {
  let found: ExcelJS.Row | null = null;
  ws.eachRow((r) => { if (r.getCell(1).value === path) found = r; });
  return found as unknown as ExcelJS.Row;
};

describe('ledger export', () => {
  it('has one sheet per plan, then 汇总 and 全程留痕, in office column order', () => {
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['测试方案', '汇总', '全程留痕']);
    const ws = wb.getWorksheet('测试方案')!;
    const headers = (ws.getRow(2).values as unknown[]).slice(1, 12);
    expect(headers).toEqual(['序号', '任务', '牵头单位', '责任单位', '完成时限', '目标', '最新进展', '进度%', '状态', '最近报送时间', '延期情况']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(30);
  });

  it('fills status cells red, yellow or green by the one status function', () => {
    const ws = wb.getWorksheet('测试方案')!;
    const status = col(ws, '状态');
    const cell = (p: string) => rowOf(ws, p).getCell(status);
    expect(cell('二.(一)').value).toBe('逾期');
    expect((cell('二.(一)').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(cell('二.(二)').value).toBe('已完成');
    expect(cell('二.(四)').value).toBe('正常推进');
    expect((cell('二.(四)').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFC6EFCE');
    expect(cell('二.(五)').value).toBe('持续推进');
  });

  it('shows the latest words, percent, report time and extension state of each task', () => {
    const ws = wb.getWorksheet('测试方案')!;
    const r1 = rowOf(ws, '二.(一)');
    expect(r1.getCell(col(ws, '最新进展')).value).toBe('急救站点建设完成一半，进度50%');
    expect(r1.getCell(col(ws, '进度%')).value).toBe(50);
    expect(r1.getCell(col(ws, '最近报送时间')).value).toBe('2025年11月5日 16:20');
    expect(r1.getCell(col(ws, '延期情况')).value).toBe('申请延期至2025年12月31日，待审批');
    expect(rowOf(ws, '二.(四)').getCell(col(ws, '延期情况')).value).toBe('已批准延期至2026年6月30日（原定2026年3月31日）');
    expect(rowOf(ws, '二.(二)').getCell(col(ws, '牵头单位')).value).toBe('区卫生健康局');
    expect(rowOf(ws, '二.(二)').getCell(col(ws, '责任单位')).value).toBe('区财政局');
  });

  it('ranks units in 汇总 by assessment score from the record', () => {
    const ws = wb.getWorksheet('汇总')!;
    const rows: [unknown, unknown, unknown][] = [];
    ws.eachRow((r, n) => { if (n > 2 && typeof r.getCell(1).value === 'number') rows.push([r.getCell(1).value, r.getCell(2).value, r.getCell(16).value]); }); // 16: 考评得分, after 领办逾期
    // 财政局 +1 (二.(二) on time); 医保 −1 (二.(三) overdue); 卫健局 +1 −1 −2 (returned once)
    expect(rows).toEqual([[1, '区财政局', 1], [2, '医疗保障分局', -1], [3, '区卫生健康局', -2]]);
  });

  it('keeps the whole trail with original words and Shanghai times', () => {
    const ws = wb.getWorksheet('全程留痕')!;
    const lines: string[] = [];
    ws.eachRow((r) => lines.push((r.values as unknown[]).slice(1).join(' | ')));
    const t2 = lines.filter((l) => l.includes('推进紧密型医共体建设'));
    expect(t2.map((l) => l.split(' | ')[4])).toEqual(['任务下达', '申请办结', '办结退回', '申请办结', '确认办结（销号）']);
    expect(t2[2]).toContain('2025年11月18日 15:00');
    expect(lines.some((l) => l.includes('发送提醒') && l.includes('2025年11月3日 09:00'))).toBe(true);
    expect(lines.some((l) => l.includes('提醒已确认收到') && l.includes('09:30'))).toBe(true);
    expect(lines.some((l) => l.includes('申请延期') && l.includes('设备采购周期长'))).toBe(true);
    expect(lines.some((l) => l.includes('批准延期') && l.includes('2026年6月30日'))).toBe(true);
    // assigned with the deadline as first set (二.(四) was extended from 2026年3月31日), lead and 配合 named as such
    const assigned = (title: string) => lines.find((l) => l.includes(title) && l.includes('任务下达'))!;
    expect(assigned('建立健全财政补助机制')).toContain('完成时限：2026年3月31日');
    expect(assigned('推进紧密型医共体建设')).toContain('牵头：区卫生健康局；配合：区财政局；');
    // settings in words, never raw JSON
    expect(lines.some((l) => l.includes('调整提醒设置') && l.includes('提前5、2、1个工作日提醒；到期当天不提醒'))).toBe(true);
    expect(lines.some((l) => l.includes('恢复提醒'))).toBe(true);
    expect(lines.filter((l) => /[{}"]/.test(l))).toEqual([]);
  });

  it('opens in LibreOffice: converted to PDF, the titles and statuses read back', () => {
    const text = pdfTextOf(xlsx).replace(/[ \t]+/g, ' ');
    for (const title of ['提高区域急救能力', '推进紧密型医共体建设', '深化医保支付方式改革', '建立健全财政补助机制']) expect(text).toContain(title);
    for (const status of ['逾期', '已完成', '正常推进', '持续推进']) expect(text).toContain(status);
    expect(text).toContain('考评得分');
    expect(text).not.toContain(seed.tasks['二.(一)']!); // the id column is hidden
  }, 120_000);
});
