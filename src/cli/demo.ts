/**
 * The demo a newcomer sees: demo/plan.txt imported and activated (its years moved to the
 * current year so deadlines fall around today), a console group bound to 区卫生健康局, an
 * admin, a leader and a liaison. Idempotent.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { importDocument } from '../importer/index.ts';
import { saveImportedPlan } from '../importer/save.ts';
import { loadConfig } from '../config/load.ts';
import { migrate } from '../store/migrate.ts';
import { createRuntime, reconcileAll, type Runtime } from '../main.ts';
import { clockFrom } from '../lib/clock.ts';
import { shanghaiParts } from '../lib/shanghai.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';
import { remindersOf } from '../wiring/reminders.ts';

const PLAN = path.join(PROJECT_ROOT, 'demo', 'plan.txt');
const DEMO_YEAR = 2026;

/**
 * `sign`: the plan's tasks reach their units as on activation, so the demo unit is sent its
 * 任务通知 and asked to 签收 (the newcomer's demo); the scenario tests start without it.
 */
export async function seedDemo(rt: Runtime, opts: { sign?: boolean } = {}): Promise<{ planId: string; howTo: string }> {
  const year = shanghaiParts(rt.clock.now()).year;
  const text = (await readFile(PLAN, 'utf8')).replace(/(20\d\d)年/g, (_, y: string) => `${Number(y) - DEMO_YEAR + year}年`);
  const plan = await importDocument(Buffer.from(text), { fileName: 'plan.txt' });
  const saved = await saveImportedPlan(rt.store.plans, plan, { sourceName: 'demo/plan.txt' });
  await rt.store.plans.setStatus(saved.planId, 'active');
  const unit = await rt.store.directory.unitByName('区卫生健康局');
  await rt.store.directory.upsertPerson({ platform: 'console', userId: '管理员', name: '管理员', role: 'admin' });
  await rt.store.directory.upsertPerson({ platform: 'console', userId: '领导', name: '领导', role: 'leader' });
  if (unit) {
    await rt.store.directory.upsertPerson({ platform: 'console', userId: '张三', name: '张三', role: 'member', unitId: unit.id });
    await rt.store.directory.bindGroup({ platform: 'console', chatId: 'demo-区卫生健康局', kind: 'unit', unitId: unit.id });
  }
  await rt.store.directory.bindGroup({ platform: 'console', chatId: 'demo-leaders', kind: 'leaders', unitId: null });
  // only tasks not reached before: a second start sends no second notice
  if (opts.sign) await (await remindersOf(rt)).startSigning({ planId: saved.planId });
  await reconcileAll(rt).catch(() => {});
  const howTo = [
    `演示方案已导入并启用：${plan.doc.title ?? '演示方案'}（${saved.tasks} 项任务，${saved.units} 个单位）。`,
    '在另一个终端试试：',
    '  npx duban chat --as "张三@区卫生健康局"   # 承办单位：签收 / 我的任务 / 二（一）进度70% / 二（二）申请延期到明年1月底，原因是…',
    '  npx duban chat --as leader               # 领导：哪些逾期了 / 本周到期的 / 汇总一下 / 同意延期',
    '  npx duban chat --as admin                # 管理员：帮助',
  ].join('\n');
  return { planId: saved.planId, howTo };
}

export async function run(): Promise<number> {
  const config = loadConfig();
  await migrate(config.DATABASE_URL);
  const rt = createRuntime(config, { inline: true, log: (await import('../lib/logger.ts')).silentLogger, clock: clockFrom(config.CLOCK_START) });
  const { howTo } = await seedDemo(rt, { sign: true });
  console.log(howTo);
  await rt.close();
  return 0;
}
