/**
 * A real plan for reminder tests: the tasks of 佛山市高明区深化医药卫生体制改革重点工作任务
 * (/work/shared/seeds/002_…, 明府办函〔2023〕4号) with their responsible units as written,
 * given deadlines in 2025 chosen around the holidays (Spring Festival, Labour Day, National
 * Day), recurring tasks as the text says (每年/每季度), and the dates units finish or report.
 */
import type { Db } from '../../../src/store/db.ts';
import { unitAliases } from '../../../src/tasks/unit-aliases.ts';
import { pathKey } from '../../../src/tasks/path-key.ts';
import { shanghaiInstant } from '../../../src/lib/shanghai.ts';

export interface FixtureTask {
  path: string;
  title: string;
  units: string[];
  due?: string;
  recurring?: 'yearly' | 'quarterly' | 'monthly';
  /** the day (15:00) the task is confirmed done */
  doneOn?: string;
}

export const PLAN_TASKS: FixtureTask[] = [
  { path: '一.(一)', title: '健全完善医改领导和工作机制', units: ['区医改办'], recurring: 'yearly' },
  { path: '一.(二)', title: '健全完善财政补助机制', units: ['区卫生健康局', '区委编办', '区财政局'], due: '2025-06-30', doneOn: '2025-07-03' },
  { path: '一.(三)', title: '健全完善医改绩效考核机制', units: ['区医改办'], recurring: 'quarterly' },
  { path: '一.(四)', title: '健全完善政府监督管理机制', units: ['区卫生健康局', '区市场监管局', '区政务数据局', '医疗保障分局'], due: '2025-12-31' },
  { path: '二.(一)', title: '提升公立医院高质量发展水平', units: ['区卫生健康局'], due: '2025-02-06', doneOn: '2025-02-11' },
  { path: '二.(二)', title: '激活公立医院发展活力', units: ['区卫生健康局', '区委编办', '区财政局', '公安分局'], due: '2025-10-01', doneOn: '2025-10-16' },
  { path: '二.(三)', title: '提高区域急救能力', units: ['区卫生健康局'], due: '2025-10-31', doneOn: '2025-10-31' },
  { path: '二.(四)', title: '提升基层医疗卫生服务水平', units: ['区卫生健康局', '医疗保障分局'], due: '2025-10-09', doneOn: '2025-10-10' },
  { path: '二.(五)', title: '强化中医药服务能力', units: ['区卫生健康局'], due: '2025-01-29', doneOn: '2025-02-06' },
  { path: '二.(六)', title: '完善“一老一小”健康服务能力', units: ['区卫生健康局', '区民政局', '医疗保障分局'], due: '2025-09-30', doneOn: '2025-09-30' },
  { path: '三.(一)', title: '提高疾病预防控制能力', units: ['区卫生健康局', '区委编办', '区民政局'], due: '2025-06-30', doneOn: '2025-06-27' },
  { path: '三.(二)', title: '加强医防协同能力', units: ['区卫生健康局', '区人力资源社会保障局', '医疗保障分局'], recurring: 'quarterly' },
  { path: '三.(三)', title: '全面推进健康佛山行动', units: ['区委宣传部'], recurring: 'monthly' },
  { path: '四.(一)', title: '强化药品耗材集采力度', units: ['区卫生健康局', '医疗保障分局'], due: '2025-12-31' },
  { path: '四.(二)', title: '实施医疗服务价格动态调整', units: ['医疗保障分局', '区卫生健康局', '区市场监管局'], due: '2025-04-30', doneOn: '2025-05-08' },
  { path: '四.(三)', title: '深化医保支付方式改革', units: ['医疗保障分局', '区卫生健康局'], due: '2025-09-30', doneOn: '2025-10-13' },
  { path: '四.(四)', title: '推进基金监管体系建设', units: ['医疗保障分局'], due: '2025-03-31', doneOn: '2025-04-03' },
];

/** Progress reports during the year: the unit reports at 15:00 of that day. */
export const REPORTS: { path: string; unit: string; on: string }[] = [
  { path: '二.(二)', unit: '区财政局', on: '2025-10-09' },
  { path: '四.(三)', unit: '医疗保障分局', on: '2025-10-10' },
  { path: '三.(二)', unit: '区人力资源社会保障局', on: '2025-06-03' },
];

export const UNITS = [...new Set(PLAN_TASKS.flatMap((t) => t.units))];

export interface Seeded {
  planId: string;
  units: Map<string, string>;
  unitNames: Map<string, string>;
  tasks: Map<string, string>;
  members: Map<string, { name: string; userId: string }[]>;
}

export async function seedYearPlan(db: Db): Promise<Seeded> {
  const units = new Map<string, string>();
  const members = new Map<string, { name: string; userId: string }[]>();
  let n = 0;
  for (const name of UNITS) {
    const u = await db.unit.create({ data: { name, aliases: unitAliases(name) } });
    units.set(name, u.id);
    await db.chatGroup.create({ data: { platform: 'wecom', chatId: `g-${n}`, kind: 'unit', unitId: u.id, webhookUrl: `http://127.0.0.1:9/robot?key=${n}` } });
    const people = [{ name: `联络员${n}甲`, userId: `u${n}a` }, { name: `联络员${n}乙`, userId: `u${n}b` }];
    for (const p of people) await db.person.create({ data: { platform: 'wecom', userId: p.userId, name: p.name, role: 'member', unitId: u.id } });
    members.set(u.id, people);
    n += 1;
  }
  await db.person.create({ data: { platform: 'wecom', userId: 'leader1', name: '王局长', role: 'leader' } });
  await db.chatGroup.create({ data: { platform: 'wecom', chatId: 'g-leaders', kind: 'leaders' } });
  const plan = await db.plan.create({ data: { title: '佛山市高明区深化医药卫生体制改革重点工作任务(2023-2025年)', docNumber: '明府办函〔2023〕4号', sourceHash: `year-${Math.random()}`, status: 'active' } });
  const tasks = new Map<string, string>();
  let seq = 0;
  for (const t of PLAN_TASKS) {
    const due = t.due ? new Date(`${t.due}T00:00:00Z`) : null;
    const row = await db.task.create({
      data: {
        planId: plan.id, path: t.path, pathKey: pathKey(t.path)!, seq: (seq += 1), title: t.title, text: `${t.title}。`, recurring: t.recurring ?? null,
        dueDate: due, dueKind: t.recurring ? 'recurring' : 'date',
        deadlines: { create: [{ date: due, raw: t.due ?? (t.recurring === 'yearly' ? '每年' : t.recurring === 'quarterly' ? '每季度' : '每月'), kind: t.recurring ? 'recurring' : 'date' }] },
        assignments: { create: t.units.map((name) => ({ unitId: units.get(name)!, nameAsWritten: name })) },
      },
    });
    tasks.set(t.path, row.id);
  }
  return { planId: plan.id, units, unitNames: new Map([...units].map(([k, v]) => [v, k])), tasks, members };
}

export const at15 = (day: string) => shanghaiInstant(day, 15);

/** Two units of the same plan, four tasks all due 2025-10-09 (three for 区卫生健康局): their 1-day-before slot is Sep 30 09:00. */
export async function seedSmall(db: Db, opts: { groups?: boolean } = {}) {
  const paths = ['二.(三)', '二.(四)', '二.(六)', '一.(二)'];
  const chosen = PLAN_TASKS.filter((t) => paths.includes(t.path)).map((t) => ({ ...t, units: [t.path === '一.(二)' ? '区财政局' : '区卫生健康局'], due: '2025-10-09', doneOn: undefined, recurring: undefined }));
  const units = new Map<string, string>();
  const members = new Map<string, { id: string; name: string; userId: string }[]>();
  let n = 0;
  for (const name of ['区卫生健康局', '区财政局']) {
    const u = await db.unit.create({ data: { name, aliases: unitAliases(name) } });
    units.set(name, u.id);
    if (opts.groups !== false) await db.chatGroup.create({ data: { platform: 'wecom', chatId: `g-${n}`, kind: 'unit', unitId: u.id, webhookUrl: `http://127.0.0.1:9/robot?key=${n}` } });
    const people = [];
    for (const s of ['甲', '乙']) people.push(await db.person.create({ data: { platform: 'wecom', userId: `u${n}${s}`, name: `联络员${n}${s}`, role: 'member', unitId: u.id } }));
    members.set(u.id, people);
    n += 1;
  }
  await db.chatGroup.create({ data: { platform: 'wecom', chatId: 'g-leaders', kind: 'leaders' } });
  const plan = await db.plan.create({ data: { title: '测试方案', sourceHash: `small-${Math.random()}`, status: 'active' } });
  const tasks = new Map<string, string>();
  let seq = 0;
  for (const t of chosen) {
    const row = await db.task.create({
      data: {
        planId: plan.id, path: t.path, pathKey: pathKey(t.path)!, seq: (seq += 1), title: t.title, text: t.title, dueDate: new Date(`${t.due}T00:00:00Z`), dueKind: 'date',
        assignments: { create: t.units.map((name) => ({ unitId: units.get(name)!, nameAsWritten: name })) },
      },
    });
    tasks.set(t.path, row.id);
  }
  return { planId: plan.id, units, tasks, members };
}
