/**
 * 催办设置 — "2.3 提醒改为提前5、2、1个工作日", "本方案逾期5个工作日后上报领导",
 * "提醒时间改为10点", "关闭 2.3 提醒", "查看提醒设置", "2.3 提醒恢复默认". Admins change;
 * anyone may look. A task named in the message is the scope, else the plan (named in 《》,
 * or the only active one). The reminders module validates, stores and reschedules.
 */
import type { Policy } from '../../reminders/policy-config.ts';
import type { PolicyChange } from '../../reminders/policy-settings.ts';
import type { IntentContext, IntentHandler, IntentResult } from './types.ts';
import { withTask } from './with-task.ts';
import { withActivePlan } from './with-plan.ts';
import { chineseDate, shanghaiDay } from '../../lib/shanghai.ts';

type Scope = { scope: 'task' | 'plan'; id: string; what: string };

export const reminderPolicy: IntentHandler = async (ctx) => {
  const p = ctx.command.policy ?? { action: 'show', plan: null, set: {} };
  if (p.action !== 'show' && ctx.speaker.role !== 'admin') return { reply: { key: 'errors/not-admin', data: {} } };
  const change: PolicyChange = p.action === 'set' ? { set: p.set } : p.action === 'reset' ? { reset: true } : null;
  if (ctx.command.task) {
    return withTask(ctx, (task) => apply(ctx, { scope: 'task', id: task.id, what: `${task.path} ${task.title}` }, change), { askWhenMissing: false });
  }
  return withActivePlan(ctx, p.plan, (plan) => apply(ctx, { scope: 'plan', id: plan.id, what: plan.title }, change));
};

async function apply(ctx: IntentContext, s: Scope, change: PolicyChange): Promise<IntentResult> {
  const out = await ctx.hooks.reminderPolicy({ scope: s.scope, id: s.id, change });
  if (!out.ok) {
    if ('notFound' in out) return { reply: { key: 'errors/task-not-found', data: { ref: s.what } } };
    return { reply: { key: 'errors/policy-invalid', data: Object.fromEntries(out.invalid.map((k) => [k, true])) } };
  }
  if (change) {
    await ctx.store.records.audit({
      actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'set_reminder_policy', taskId: s.scope === 'task' ? s.id : undefined,
      messageId: ctx.message.id, detail: { scope: s.scope, id: s.id, ...('set' in change ? { set: change.set as Record<string, never> } : { reset: true }) },
    });
  }
  return { reply: { key: 'reminder-policy', data: {
    what: s.what, task: s.scope === 'task', changed: change && 'set' in change, reset: change && !('set' in change), own: Object.keys(out.overrides).length > 0, ...describe(out.effective),
    pausedUntil: out.pausedUntil ? chineseDate(shanghaiDay(out.pausedUntil)) : null,
    ownTasks: out.ownTasks.length ? out.ownTasks.map((t, i, all) => ({ path: t.path, title: t.title, until: t.pausedUntil && t.pausedUntil > ctx.now ? chineseDate(shanghaiDay(t.pausedUntil)) : null, last: i === all.length - 1 })) : null,
  } } };
}

function describe(p: Policy): Record<string, unknown> {
  return { enabled: p.enabled, before: p.beforeWorkdays.join('、'), hasBefore: p.beforeWorkdays.length > 0, onDueDay: p.onDueDay, every: p.overdueEveryWorkdays, daily: p.overdueEveryWorkdays === 1, escalate: p.escalateAfterWorkdays, hour: String(p.hour).padStart(2, '0'), evidenceRequired: p.evidenceRequired };
}
