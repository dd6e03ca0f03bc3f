/**
 * `npx duban plans list | activate PLAN [--yes] | deactivate PLAN`: the plans and their states,
 * and switching one on or off as 「恢复方案《…》」/「停用方案《…》」 do in chat. PLAN is an id or a
 * part of the title. Activating a draft whose deadlines are already past needs --yes (the chat
 * import asks 「确认」 for the same reason). Each change is recorded (撤销 can take it back) and
 * the reminder schedule is rebuilt at once.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.ts';
import { createRuntime, type Runtime } from '../main.ts';
import { silentLogger } from '../lib/logger.ts';
import { reconcileReminders, remindersOf } from '../wiring/reminders.ts';
import { shanghaiDay } from '../lib/shanghai.ts';

export const USAGE = 'usage: npx duban plans list | activate 方案ID或标题 [--yes] | deactivate 方案ID或标题';
const STATUS: Record<string, string> = { draft: '草稿', active: '督办中', archived: '已停用' };

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { yes: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  const [sub, ...rest] = positionals;
  if (values.help || !sub || !['list', 'activate', 'deactivate'].includes(sub) || (sub !== 'list' && !rest.length)) {
    console[values.help ? 'log' : 'error'](USAGE);
    return values.help ? 0 : 2;
  }
  const rt = createRuntime(loadConfig(), { log: silentLogger });
  try {
    if (sub === 'list') return await list(rt);
    return await setStatus(rt, rest.join(' '), sub === 'activate' ? 'active' : 'archived', values.yes === true);
  } finally {
    await rt.close();
  }
}

async function list(rt: Runtime): Promise<number> {
  const plans = await rt.store.plans.list({ statuses: ['active', 'draft', 'archived'] });
  if (!plans.length) console.log('还没有方案：npx duban import --save 文件，或 npx duban demo');
  for (const p of plans) console.log(`${p.id}  ${STATUS[p.status]}  ${p._count.tasks} 项  ${p.title}`);
  return 0;
}

async function setStatus(rt: Runtime, named: string, status: 'active' | 'archived', yes: boolean): Promise<number> {
  const from = status === 'active' ? (['draft', 'archived'] as const) : (['active'] as const);
  const byId = await rt.store.plans.byId(named).catch(() => null);
  const plans = byId && from.includes(byId.status as never) ? [byId] : await rt.store.plans.list({ statuses: [...from], titleContains: named });
  if (plans.length !== 1) {
    console.error(plans.length ? `有多个方案符合「${named}」，请用方案ID：\n${plans.map((p) => `  ${p.id}  ${p.title}`).join('\n')}` : `没有找到${status === 'active' ? '草稿或已停用' : '督办中'}的方案「${named}」（npx duban plans list 查看全部）`);
    return 1;
  }
  const plan = plans[0]!;
  if (status === 'active' && plan.status === 'draft' && !yes) {
    const pastDue = await rt.store.plans.pastDueCount(plan.id, shanghaiDay(rt.clock.now()));
    if (pastDue > 0) {
      console.error(`《${plan.title}》有 ${pastDue} 项任务的完成时限早于今天，启用后会立即列为逾期并开始催办。确认启用请加 --yes。`);
      return 1;
    }
  }
  await rt.store.transaction(async (tx) => {
    const before = { plan: await tx.changes.planBefore(plan.id) };
    await tx.plans.setStatus(plan.id, status);
    await tx.changes.record({ actorId: null, actorName: '命令行', action: status === 'active' ? 'activate_plan' : 'deactivate_plan', planId: plan.id, before });
  });
  // a plan switched on for the first time: its tasks reach their units now and 签收 starts
  if (status === 'active' && plan.status === 'draft') await (await remindersOf(rt)).startSigning({ planId: plan.id });
  await reconcileReminders(rt);
  console.log(`${status === 'active' ? '已启用' : '已停用'}：《${plan.title}》${status === 'active' ? '，催办提醒已排期' : '，不再发送提醒'}`);
  return 0;
}
