// Needs PostgreSQL (test/helpers/db.ts); one case re-saves the workbook with LibreOffice
// (Debian package libreoffice-calc-nogui) the way an office would.
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { REF_NOW } from '../helpers/seed.ts';
import { exportLedger } from '../../src/ledger/export.ts';
import { readLedgerChanges } from '../../src/ledger/import.ts';
import { applyLedgerChanges } from '../../src/ledger/apply.ts';
import { changeLines, reviewReply } from '../../src/ledger/review.ts';
import { render } from '../../src/render/render.ts';
import { seedRecord } from './seed-record.ts';
import { createStore } from '../../src/store/index.ts';

let t: TestDatabase;
let seed: Awaited<ReturnType<typeof seedRecord>>;
const admin = { personId: null, name: '管理员' };

beforeEach(async () => {
  t = await createTestDatabase('ledger_import');
  seed = await seedRecord(t.db);
});
afterEach(async () => t.drop());

type Add = (cells: Record<string, ExcelJS.CellValue>) => void;

async function edit(xlsx: Buffer, fn: (ws: ExcelJS.Worksheet, row: (p: string) => ExcelJS.Row, col: (h: string) => number, add: Add) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('测试方案')!;
  const col = (h: string) => { let n = 0; ws.getRow(2).eachCell((c, i) => { if (c.value === h) n = i; }); return n; };
  const row = (p: string) => { let r: ExcelJS.Row | null = null; ws.eachRow((x) => { if (x.getCell(1).value === p) r = x; }); return r as unknown as ExcelJS.Row; };
  const add: Add = (cells) => {
    const r = ws.getRow(ws.rowCount + 1);
    for (const [h, v] of Object.entries(cells)) r.getCell(col(h)).value = v;
    r.commit();
  };
  fn(ws, row, col, add);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('ledger import', () => {
  it('an unedited ledger gives no changes at all', async () => {
    const cs = await readLedgerChanges(createStore(t.db).ledger, await exportLedger(createStore(t.db).ledger, { now: REF_NOW }));
    expect(cs).toMatchObject({ changes: [], creates: [], problems: [], conflicts: [], ignored: [], missing: [] });
  });

  it('a ledger re-saved by LibreOffice still reads back unchanged', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'duban-lo-'));
    writeFileSync(path.join(dir, 'in.xlsx'), await exportLedger(createStore(t.db).ledger, { now: REF_NOW }));
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', path.join(dir, 'out'), path.join(dir, 'in.xlsx')], { stdio: 'pipe', timeout: 120_000 });
    const cs = await readLedgerChanges(createStore(t.db).ledger, readFileSync(path.join(dir, 'out', 'in.xlsx')));
    expect(cs).toMatchObject({ changes: [], creates: [], problems: [], conflicts: [], ignored: [], missing: [] });
  }, 120_000);

  it('export → edit cells → import gives exactly the edited changes, unreadable rows by number', async () => {
    const xlsx = await edit(await exportLedger(createStore(t.db).ledger, { now: REF_NOW }), (_ws, row, col, add) => {
      row('二.(一)').getCell(col('完成时限')).value = '2025年12月15日';
      row('二.(三)').getCell(col('责任单位')).value = '医保分局、区财政局';
      row('二.(四)').getCell(col('任务')).value = '建立健全财政补助长效机制';
      row('二.(五)').getCell(col('进度%')).value = 80;
      add({ 序号: '二.(六)', 任务: '开展院前急救演练', 牵头单位: '卫健局', 完成时限: new Date(Date.UTC(2026, 2, 31)), 目标: '每季度一次\n覆盖全部站点' });
      add({ 序号: '二.(七)', 任务: '建设智慧医保', 责任单位: '不存在局', 完成时限: '2026年6月30日' });
      add({ 序号: '二.(八)', 任务: '完善考核', 责任单位: '区财政局', 完成时限: '明年' });
    });
    const cs = await readLedgerChanges(createStore(t.db).ledger, xlsx);
    expect(cs.changes.map((c) => [c.row, c.path, c.field, c.beforeText, c.afterText])).toEqual([
      [3, '二.(一)', 'due', '2025年10月31日', '2025年12月15日'],
      [5, '二.(三)', 'units', '牵头单位：无；责任单位：医疗保障分局', '牵头单位：无；责任单位：医疗保障分局、区财政局'],
      [6, '二.(四)', 'title', '建立健全财政补助机制', '建立健全财政补助长效机制'],
    ]);
    expect(cs.creates).toHaveLength(1);
    expect(cs.creates[0]).toMatchObject({ row: 8, path: '二.(六)', pathKey: '2.6', title: '开展院前急救演练', targets: ['每季度一次', '覆盖全部站点'], due: { date: '2026-03-31', kind: 'date' } });
    expect(cs.problems).toEqual([
      { sheet: '测试方案', row: 9, message: expect.stringContaining('不存在局') },
      { sheet: '测试方案', row: 10, message: expect.stringContaining('明年') },
    ]);
    expect(cs.ignored).toEqual([{ sheet: '测试方案', row: 7, message: expect.stringContaining('进度%') }]);
    expect(cs.conflicts).toEqual([]);
    expect(cs.missing).toEqual([]);

    const review = render(reviewReply(cs).key, reviewReply(cs).data, { channel: 'wecom', listKey: 'items' }).markdown;
    expect(review).toContain('「测试方案」第3行 二.(一) 提高区域急救能力：完成时限 2025年10月31日 → 2025年12月15日');
    expect(review).toContain('「测试方案」第9行');
    expect(review).toContain('回复“确认”');
    expect(changeLines(cs)).toHaveLength(4);

    const result = await applyLedgerChanges(createStore(t.db), JSON.parse(JSON.stringify(cs)), admin);
    expect(result).toMatchObject({ applied: 3, created: 1, skipped: [] });
    const t1 = await t.db.task.findUniqueOrThrow({ where: { id: seed.tasks['二.(一)']! }, include: { deadlines: true } });
    expect(t1.dueDate?.toISOString().slice(0, 10)).toBe('2025-12-15');
    expect(t1.deadlines.map((d) => d.date?.toISOString().slice(0, 10))).toEqual(['2025-12-15']);
    const t3 = await t.db.assignment.findMany({ where: { taskId: seed.tasks['二.(三)']! }, include: { unit: true } });
    expect(t3.map((a) => [a.unit.name, a.role]).sort()).toEqual([['区财政局', 'owner'], ['医疗保障分局', 'owner']]);
    const added = await t.db.task.findFirstOrThrow({ where: { planId: seed.planId, path: '二.(六)' }, include: { assignments: { include: { unit: true } } } });
    expect(added.assignments.map((a) => [a.unit.name, a.role, a.nameAsWritten])).toEqual([['区卫生健康局', 'lead', '卫健局']]);
    expect(await t.db.auditLog.count({ where: { action: { in: ['ledger_edit', 'ledger_add'] } } })).toBe(4);
    expect(result.taskIds).toEqual(expect.arrayContaining([seed.tasks['二.(一)'], seed.tasks['二.(三)'], added.id]));

    // the next export carries the applied edits: importing it changes nothing, and the trail shows them
    const again = await exportLedger(createStore(t.db).ledger, { now: REF_NOW });
    expect(await readLedgerChanges(createStore(t.db).ledger, again)).toMatchObject({ changes: [], creates: [], problems: [], ignored: [] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(again as unknown as ArrayBuffer);
    const trail: string[] = [];
    wb.getWorksheet('全程留痕')!.eachRow((r) => trail.push((r.values as unknown[]).join('|')));
    expect(trail.some((l) => l.includes('台账更正') && l.includes('完成时限：2025年10月31日 → 2025年12月15日') && l.includes('管理员'))).toBe(true);
  });

  it('a field changed in the system after the export is a conflict, not an overwrite', async () => {
    const xlsx = await edit(await exportLedger(createStore(t.db).ledger, { now: REF_NOW }), (_ws, row, col) => {
      row('二.(一)').getCell(col('完成时限')).value = '2025年12月15日';
      row('二.(一)').getCell(col('任务')).value = '提高区域急救能力（修改）';
    });
    await t.db.task.update({ where: { id: seed.tasks['二.(一)']! }, data: { dueDate: new Date('2025-12-31T00:00:00Z') } });
    const cs = await readLedgerChanges(createStore(t.db).ledger, xlsx);
    expect(cs.changes.map((c) => c.field)).toEqual(['title']);
    expect(cs.conflicts).toEqual([{ sheet: '测试方案', row: 3, message: expect.stringContaining('2025年12月31日') }]);
  });

  it('a change made between review and confirmation is skipped and reported', async () => {
    const xlsx = await edit(await exportLedger(createStore(t.db).ledger, { now: REF_NOW }), (_ws, row, col) => {
      row('二.(四)').getCell(col('任务')).value = '新标题';
    });
    const cs = await readLedgerChanges(createStore(t.db).ledger, xlsx);
    await t.db.task.update({ where: { id: seed.tasks['二.(四)']! }, data: { title: '别人改的标题' } });
    const r = await applyLedgerChanges(createStore(t.db), cs, admin);
    expect(r).toMatchObject({ applied: 0, skipped: [{ row: 6 }] });
    expect((await t.db.task.findUniqueOrThrow({ where: { id: seed.tasks['二.(四)']! } })).title).toBe('别人改的标题');
  });

  it('removed rows delete nothing and are listed; duplicated or forged ids are refused by row', async () => {
    const xlsx = await edit(await exportLedger(createStore(t.db).ledger, { now: REF_NOW }), (ws, row, col, add) => {
      const idCol = col('系统编号（请勿修改）');
      add({ 序号: '二.(一)', 任务: '提高区域急救能力', 责任单位: '区卫生健康局', 完成时限: '2025年10月31日', '系统编号（请勿修改）': row('二.(一)').getCell(idCol).value });
      row('二.(二)').getCell(idCol).value = 'not-an-id';
      ws.spliceRows(row('二.(五)').number, 1);
    });
    const cs = await readLedgerChanges(createStore(t.db).ledger, xlsx);
    expect(cs.problems.map((p) => p.row)).toEqual([4, 7]);
    expect(cs.problems[1]!.message).toContain('第3行');
    expect(cs.missing.map((m) => m.path).sort()).toEqual(['二.(二)', '二.(五)']);
    expect(cs.changes).toEqual([]);
  });

  it('a workbook not exported by Duban is refused as a whole; junk bytes are a bad document', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['序号', '任务']);
    const cs = await readLedgerChanges(createStore(t.db).ledger, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(cs.problems).toEqual([{ sheet: '', row: 0, message: expect.stringContaining('导出台账') }]);
    await expect(readLedgerChanges(createStore(t.db).ledger, Buffer.from('not a zip'))).rejects.toThrow('BAD_DOCUMENT');
  });
});
