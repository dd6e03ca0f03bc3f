/**
 * `npx duban reminders reconcile` rebuilds the schedule from PostgreSQL (after a Redis
 * flush, nothing is lost and nothing already sent is sent again);
 * `npx duban reminders preview [--unit X] [--days 30]` prints what will be sent when;
 * `npx duban reminders policy [--plan 标题] [--task 2.3] [--set '{"hour":10}' | --reset]`
 * shows or changes a plan's or a task's reminder policy (as "2.3 提醒改为…" does in chat);
 * `--cycle 每月25日前` sets its 定期报送 cycle (`--cycle none` removes it), `--sign 2` its 签收 period.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.ts';
import { createRuntime, type Runtime } from '../main.ts';
import { silentLogger } from '../lib/logger.ts';
import { remindersOf } from '../wiring/reminders.ts';
import { pathKey } from '../tasks/path-key.ts';
import { readCycle } from '../tasks/cycles.ts';

const USAGE = 'usage: npx duban reminders reconcile | preview [--unit 单位] [--days 30] | policy [--plan 方案标题] [--task 2.3] [--set JSON | --cycle 每月25日前报送 | --cycle none | --sign 2 | --reset]';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: {
    unit: { type: 'string' }, days: { type: 'string', default: '30' },
    plan: { type: 'string' }, task: { type: 'string' }, set: { type: 'string' }, reset: { type: 'boolean' }, cycle: { type: 'string' }, sign: { type: 'string' },
  } });
  const sub = positionals[0];
  if (sub !== 'reconcile' && sub !== 'preview' && sub !== 'policy') {
    console.error(USAGE);
    return 2;
  }
  if (sub === 'policy') return policy(values);
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 400) {
    console.error('--days 应为 1 到 400 之间的整数');
    return 2;
  }
  const rt = createRuntime(loadConfig(), { log: silentLogger, inline: sub === 'preview' });
  try {
    const reminders = await remindersOf(rt);
    if (sub === 'reconcile') {
      const result = await reminders.reconcileAll();
      console.log(JSON.stringify(result));
    } else {
      console.log(reminders.renderPreview(await reminders.preview({ unit: values.unit, days }), { unit: values.unit, days }));
    }
    return 0;
  } finally {
    await rt.close();
  }
}

async function policy(o: { plan?: string; task?: string; set?: string; reset?: boolean; cycle?: string; sign?: string }): Promise<number> {
  let set: Record<string, unknown> | null = null;
  if (o.cycle !== undefined) {
    const cycle = o.cycle === 'none' ? null : readCycle(/报|反馈/.test(o.cycle) ? o.cycle : `${o.cycle}报送`);
    if (cycle === null && o.cycle !== 'none') return console.error('--cycle 应为报送周期，例如 "每月25日前"、"每季度末"、"每周五前"，或 none'), 2;
    set = { reportCycle: cycle };
  }
  if (o.sign !== undefined) set = { ...(set ?? {}), signWorkdays: Number(o.sign) };
  if (o.set) {
    try {
      set = { ...(set ?? {}), ...(JSON.parse(o.set) as Record<string, unknown>) };
    } catch {
      console.error('--set 应为 JSON，例如 \'{"beforeWorkdays":[5,2,1],"hour":10}\'');
      return 2;
    }
  }
  const rt = createRuntime(loadConfig(), { log: silentLogger });
  try {
    const scope = await findScope(rt, o.plan, o.task);
    if (typeof scope === 'string') return console.error(scope), 1;
    const change = set ? { set } : o.reset ? { reset: true as const } : null;
    const out = await (await remindersOf(rt)).policy({ ...scope, change });
    if (!out.ok) return console.error('notFound' in out ? '找不到该方案或任务' : `不合法的设置：${out.invalid.join(', ')}`), 1;
    console.log(JSON.stringify({ scope: scope.scope, overrides: out.overrides, effective: out.effective }, null, 2));
    return 0;
  } finally {
    await rt.close();
  }
}

async function findScope(rt: Runtime, planText?: string, task?: string): Promise<{ scope: 'task' | 'plan'; id: string } | string> {
  const plans = await rt.store.tasks.activePlans(planText);
  if (plans.length !== 1) return plans.length ? `有多个在办方案，请用 --plan 指定：${plans.map((p) => p.title).join('；')}` : '没有找到在办方案';
  if (!task) return { scope: 'plan', id: plans[0]!.id };
  const key = pathKey(task);
  const rows = key ? (await rt.store.tasks.byPathKey(key, {})).filter((t) => t.planId === plans[0]!.id) : [];
  return rows.length === 1 ? { scope: 'task', id: rows[0]!.id } : `方案中没有唯一的任务 ${task}`;
}
