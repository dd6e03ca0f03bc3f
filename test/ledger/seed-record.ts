/**
 * The seed plan (test/helpers/seed.ts) plus a record worth a ledger: reports with their
 * original words, a returned and then confirmed completion, a pending and an approved
 * extension, a reminder sent and acknowledged. Statuses at REF_NOW (2025-11-20):
 * 二.(一) 逾期 20 days, 二.(二) 已完成, 二.(三) 逾期 51 days, 二.(四) 正常推进, 二.(五) 持续推进.
 */
import type { Db } from '../../src/store/db.ts';
import { seedPlan } from '../helpers/seed.ts';

const at = (s: string) => new Date(`${s}+08:00`);
const day = (s: string) => new Date(`${s}T00:00:00Z`);

export async function seedRecord(db: Db) {
  const seed = await seedPlan(db);
  const { tasks, units } = seed;
  const zhang = await db.person.findFirstOrThrow({ where: { userId: 'zhangsan' } });
  const wang = await db.person.findFirstOrThrow({ where: { userId: 'wang' } });
  const wj = units['区卫生健康局']!;
  const t1 = tasks['二.(一)']!;
  const t2 = tasks['二.(二)']!;
  const t4 = tasks['二.(四)']!;
  await db.task.updateMany({ where: { planId: seed.planId }, data: { createdAt: at('2025-09-01T10:00:00') } });
  await db.assignment.update({ where: { taskId_unitId: { taskId: t2, unitId: wj } }, data: { role: 'lead' } });

  const report = (taskId: string, kind: string, text: string, createdAt: Date, extra: { percent?: number; unitId?: string | null; personId?: string; note?: string; reminderId?: string } = {}) =>
    db.progressReport.create({ data: { taskId, kind, originalText: text, createdAt, unitId: extra.unitId === undefined ? wj : extra.unitId, personId: extra.personId ?? zhang.id, percent: extra.percent ?? null, note: extra.note ?? null, reminderId: extra.reminderId ?? null } });

  await db.reminder.create({
    data: { id: 'remind:test:1', kind: 'overdue', unitId: wj, slot: at('2025-11-03T09:00:00'), state: 'acknowledged', sentAt: at('2025-11-03T09:00:05'), ackAt: at('2025-11-03T09:30:00'), items: { create: [{ taskId: t1, step: 'overdue', daysOverdue: 3 }] } },
  });
  await report(t1, 'progress', '急救站点建设完成一半，进度50%', at('2025-11-05T16:20:00'), { percent: 50 });
  await db.task.update({ where: { id: t1 }, data: { percent: 50, lastReportAt: at('2025-11-05T16:20:00') } });
  await db.extensionRequest.create({ data: { taskId: t1, unitId: wj, personId: zhang.id, requestedDate: day('2025-12-31'), reason: '设备采购周期长', createdAt: at('2025-11-06T10:00:00') } });

  await report(t2, 'done_claim', '医共体建设已完成，申请销号', at('2025-11-18T09:00:00'), { percent: 100 });
  await report(t2, 'returned', '王局长：佐证材料不全，退回', at('2025-11-18T15:00:00'), { unitId: null, personId: wang.id, note: '佐证材料不全' });
  await report(t2, 'done_claim', '已补充佐证材料，再次申请销号', at('2025-11-19T11:00:00'), { percent: 100 });
  await report(t2, 'done_confirmed', '同意销号', at('2025-11-20T09:00:00'), { unitId: null, personId: wang.id, percent: 100 });
  await db.task.update({ where: { id: t2 }, data: { state: 'done', percent: 100, doneAt: at('2025-11-20T09:00:00'), lastReportAt: at('2025-11-19T11:00:00') } });

  const d4 = await db.deadline.findFirstOrThrow({ where: { taskId: t4 } });
  await db.deadline.update({ where: { id: d4.id }, data: { original: day('2026-03-31') } });
  await db.extensionRequest.create({ data: { taskId: t4, unitId: units['区财政局']!, requestedDate: day('2026-06-30'), reason: '资金拨付延后', state: 'approved', approvedDate: day('2026-06-30'), decidedBy: '王局长', decidedAt: at('2025-10-10T10:00:00'), createdAt: at('2025-10-08T10:00:00') } });
  return seed;
}
