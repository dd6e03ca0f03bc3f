// Needs PostgreSQL. The office's round trip in chat: "导出台账" → the clerk edits the workbook →
// sends it back to the bot → the bot lists what will change → "确认" applies exactly that, and
// the reminder schedule follows the new deadline. A non-admin's workbook changes nothing.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';
import { remindersOf } from '../../src/wiring/reminders.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

async function edited(xlsx: Buffer): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('测试方案')!;
  const col = (h: string) => { let n = 0; ws.getRow(2).eachCell((c, i) => { if (c.value === h) n = i; }); return n; };
  const row = (p: string) => { let r: ExcelJS.Row | null = null; ws.eachRow((x) => { if (x.getCell(1).value === p) r = x; }); return r as unknown as ExcelJS.Row; };
  row('二.(二)').getCell(col('完成时限')).value = '2025年12月31日';
  const addRow = (cells: Record<string, string>) => {
    const r = ws.getRow(ws.rowCount + 1);
    for (const [h, v] of Object.entries(cells)) r.getCell(col(h)).value = v;
    r.commit();
  };
  addRow({ 序号: '二.(六)', 任务: '开展院前急救演练', 牵头单位: '卫健局', 完成时限: '2026年3月31日' });
  addRow({ 序号: '二.(七)', 任务: '建设智慧医保', 牵头单位: '不存在局', 完成时限: '2026年6月30日' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** queued reminder days of 二.(二) (the horizon is 10 days from 2025-11-20) */
const queuedDays = async () => (await bot.t.db.reminderItem.findMany({ where: { task: { path: '二.(二)' }, reminder: { state: 'queued' } }, select: { reminder: { select: { slot: true } } } }))
  .map((q) => new Date(q.reminder.slot.getTime() + 8 * 3600_000).toISOString().slice(0, 10)).sort();
const dueOf = async (path: string) => (await bot.t.db.task.findFirst({ where: { planId: bot.seed.planId, path } }))?.dueDate?.toISOString().slice(0, 10);

describe('ledger import in chat', () => {
  let workbook: Buffer;

  it('an admin exports, edits and sends back the ledger; the bot lists exactly the edits', async () => {
    await (await remindersOf(bot.rt)).reconcileAll(bot.clock.now());
    expect(await queuedDays()).toContain('2025-11-25');
    await bot.say('admin', '导出台账');
    workbook = await edited(bot.lastFile()!);
    const review = await bot.sendFile('admin', '督办台账（改）.xlsx', workbook);
    expect(review.text).toContain('台账修改核对');
    expect(review.text).toContain('二.(二) 推进紧密型医共体建设：完成时限 2025年11月25日 → 2025年12月31日');
    expect(review.text).toContain('新增 二.(六) 开展院前急救演练（牵头单位：区卫生健康局');
    expect(review.text).toMatch(/未能读取的行[^]*不存在局/);
    expect(review.text).toContain('回复“确认”写入');
    expect(await dueOf('二.(二)')).toBe('2025-11-25');
    expect(await dueOf('二.(六)')).toBeUndefined();
  });

  it('"确认" applies the change set and reschedules the reminders of the changed task', async () => {
    const applied = await bot.say('admin', '确认');
    expect(applied).toContain('台账修改已写入：更正1处，新增1项');
    expect(await dueOf('二.(二)')).toBe('2025-12-31');
    expect(await dueOf('二.(六)')).toBe('2026-03-31');
    expect(await dueOf('二.(七)')).toBeUndefined();
    expect(await queuedDays()).toEqual([]);
    expect(await bot.say('wang', '二（二）现在什么情况')).toContain('2025年12月31日');
  });

  it('a member\'s workbook is not read as a ledger and changes nothing: it is kept as 佐证材料 and asked about', async () => {
    const kept = await bot.sendFile('zhangsan', '督办台账.xlsx', workbook);
    expect(kept.text).toContain('哪一项任务的佐证材料');
    expect(await bot.t.db.task.count({ where: { planId: bot.seed.planId } })).toBe(6);
  });

  it('"取消" after a review leaves everything as it was', async () => {
    await bot.say('admin', '导出台账');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bot.lastFile()! as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('测试方案')!;
    ws.eachRow((r) => { if (r.getCell(1).value === '二.(四)') r.getCell(2).value = '建立健全财政补助长效机制'; });
    const review = await bot.sendFile('admin', '台账.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(review.text).toContain('建立健全财政补助机制 → 建立健全财政补助长效机制');
    expect(await bot.say('admin', '取消')).toBeTruthy();
    expect((await bot.t.db.task.findFirst({ where: { path: '二.(四)' } }))!.title).toBe('建立健全财政补助机制');
  });
});
