/**
 * A small active plan written straight into a test database: three units, five tasks with
 * deadlines around the reference day 2025-11-20 (Thursday), people with roles, a unit group
 * and a leaders' group.
 */
import type { Db } from '../../src/store/db.ts';
import { unitAliases } from '../../src/tasks/unit-aliases.ts';
import { pathKey } from '../../src/tasks/path-key.ts';

export const REF_NOW = new Date('2025-11-20T10:00:00+08:00');

export const SEED_TASKS = [
  { path: '二.(一)', title: '提高区域急救能力', due: '2025-10-31', units: ['区卫生健康局'] },
  { path: '二.(二)', title: '推进紧密型医共体建设', due: '2025-11-25', units: ['区卫生健康局', '区财政局'] },
  { path: '二.(三)', title: '深化医保支付方式改革', due: '2025-09-30', units: ['医疗保障分局'] },
  { path: '二.(四)', title: '建立健全财政补助机制', due: '2026-06-30', units: ['区财政局'] },
  { path: '二.(五)', title: '加强急救人员培训', due: null, units: ['区卫生健康局'] },
] as const;

export async function seedPlan(db: Db, platform: 'console' | 'wecom' | 'dingtalk' = 'console') {
  const units: Record<string, string> = {};
  for (const name of ['区卫生健康局', '区财政局', '医疗保障分局']) {
    const u = await db.unit.create({ data: { name, aliases: unitAliases(name) } });
    units[name] = u.id;
  }
  const plan = await db.plan.create({ data: { title: '测试方案', sourceHash: `seed-${Math.random()}`, status: 'active' } });
  const tasks: Record<string, string> = {};
  let seq = 0;
  for (const t of SEED_TASKS) {
    const task = await db.task.create({
      data: {
        planId: plan.id, path: t.path, pathKey: pathKey(t.path)!, seq: (seq += 1), title: t.title, text: `${t.title}。`,
        dueDate: t.due ? new Date(`${t.due}T00:00:00Z`) : null, dueKind: t.due ? 'date' : 'ongoing',
        deadlines: { create: t.due ? [{ date: new Date(`${t.due}T00:00:00Z`), raw: t.due, kind: 'date' }] : [{ raw: '持续推进', kind: 'ongoing' }] },
        assignments: { create: t.units.map((n) => ({ unitId: units[n]!, nameAsWritten: n })) },
      },
    });
    tasks[t.path] = task.id;
  }
  const person = (userId: string, name: string, role: 'member' | 'leader' | 'admin', unit?: string) =>
    db.person.create({ data: { platform, userId, name, role, unitId: unit ? units[unit]! : null } });
  await person('zhangsan', '张三', 'member', '区卫生健康局');
  await person('lisi', '李四', 'member', '医疗保障分局');
  await person('wang', '王局长', 'leader');
  await person('admin', '管理员', 'admin');
  await db.chatGroup.create({ data: { platform, chatId: platform === 'dingtalk' ? 'cid-weijian' : 'g-weijian', kind: 'unit', unitId: units['区卫生健康局']! } });
  await db.chatGroup.create({ data: { platform, chatId: platform === 'dingtalk' ? 'cid-leaders' : 'g-leaders', kind: 'leaders' } });
  return { planId: plan.id, units, tasks };
}
