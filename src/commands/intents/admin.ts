/**
 * 管理 — "本群绑定 区卫生健康局", "本群绑定 领导群", "设置 张三 为 医疗保障分局 联络员",
 * "设置 李四 为 领导", "暂停 2.3 提醒到12月1日", "暂停全部提醒到12月1日" (the plan), "恢复 2.3 提醒".
 * Admins only.
 */
import { roleLabel } from '../../render/labels.ts';
import type { IntentHandler, IntentContext, IntentResult } from './types.ts';
import { withTask } from './with-task.ts';
import { withActivePlan } from './with-plan.ts';
import { chineseDate, shanghaiInstant } from '../../lib/shanghai.ts';

function adminOnly(ctx: IntentContext): IntentResult | null {
  return ctx.speaker.role === 'admin' ? null : { reply: { key: 'errors/not-admin', data: {} } };
}

export const bindGroup: IntentHandler = async (ctx) => {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  if (ctx.speaker.chat.kind !== 'group') return { reply: { key: 'bind-done', data: { notGroup: true } } };
  const chatId = ctx.speaker.chat.chatId;
  const before = await ctx.store.directory.group(ctx.speaker.platform, chatId);
  if (ctx.command.leaders) {
    await ctx.store.directory.bindGroup({ platform: ctx.speaker.platform, chatId, kind: 'leaders', unitId: null });
    await ctx.store.records.audit({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'bind_leaders_group', messageId: ctx.message.id, detail: { chatId } });
    const leaderGroups = await ctx.store.directory.leaderGroupCount();
    return { reply: { key: 'bind-done', data: { leaders: true, otherLeaderGroups: leaderGroups > 1 ? leaderGroups - 1 : null, ...(await previousBinding(ctx, before, null)) } } };
  }
  const unit = ctx.command.unit ? await ctx.store.directory.unitByName(ctx.command.unit) : null;
  if (!unit) return { reply: { key: 'errors/unit-not-found', data: { unit: ctx.command.unit } } };
  await ctx.store.directory.bindGroup({ platform: ctx.speaker.platform, chatId, kind: 'unit', unitId: unit.id });
  await ctx.store.records.audit({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'bind_group', unitId: unit.id, messageId: ctx.message.id, detail: { chatId } });
  const open = await ctx.store.tasks.list({ unitId: unit.id }, { openOnly: true, take: 1000 });
  return { reply: { key: 'bind-done', data: { unit: unit.name, tasks: open.length, ...(await previousBinding(ctx, before, unit.id)) } } };
};

/** A group moved from one unit to another (or to the leaders): name the unit it left, and whether that unit still has a group. */
async function previousBinding(ctx: IntentContext, before: { kind: string; unitId: string | null; unit?: { name: string } | null } | null, unitId: string | null): Promise<Record<string, unknown>> {
  if (!before || before.kind !== 'unit' || !before.unitId || before.unitId === unitId) return {};
  const left = await ctx.store.directory.unitGroupCount(before.unitId);
  return { was: before.unit?.name ?? null, wasOrphaned: left === 0 };
}


export const setRole: IntentHandler = async (ctx) => {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const name = ctx.command.person;
  const role = ctx.command.role ?? 'member';
  const people = name ? (await ctx.store.directory.peopleByName(name)).filter((p) => p.platform === ctx.speaker.platform) : [];
  if (people.length !== 1) return { reply: { key: 'errors/person-not-found', data: { name, many: people.length > 1 } } };
  let unitId: string | null = null;
  let unitName: string | null = null;
  if (role === 'member') {
    const unit = ctx.command.unit ? await ctx.store.directory.unitByName(ctx.command.unit) : null;
    if (!unit) return { reply: { key: 'errors/unit-not-found', data: { unit: ctx.command.unit } } };
    unitId = unit.id;
    unitName = unit.name;
  }
  const person = people[0]!;
  await ctx.store.directory.setRole(person.id, role, unitId ?? (role === 'member' ? null : person.unitId));
  await ctx.store.records.audit({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'set_role', unitId, messageId: ctx.message.id, detail: { person: person.name, role } });
  // a leader or admin keeps their unit: they report for it, and never review its tasks
  const keptUnit = role !== 'member' && person.unitId ? (person.unit?.name ?? null) : null;
  return { reply: { key: 'role-set', data: { name: person.name, role: roleLabel(role), unit: unitName, keptUnit } } };
};

/** Words that make a pause or resume the whole plan's. */
const WHOLE_PLAN = /全部|所有|整个|全体|各项|方案|计划|一律/;

export const pauseReminders: IntentHandler = async (ctx) => {
  const refused = adminOnly(ctx);
  if (refused) return refused;
  const resume = ctx.command.kind === 'resume_reminders';
  const until = resume ? null : ctx.command.date;
  const key = resume ? 'resume-set' : 'pause-set';
  const bad = resume ? undefined : ctx.command.badDate;
  // a day that does not exist, none, or one already past pauses nothing; the next message's day answers
  const wrongDay = bad ? { impossible: true, ...bad } : !resume && !until ? { missing: true } : !resume && until! <= ctx.today ? { passed: true, date: chineseDate(until!) } : null;
  if (wrongDay) {
    const dialog = ctx.command.task ? { kind: 'confirm_date', payload: { command: { ...ctx.command, date: null, badDate: undefined } } } : undefined;
    return { reply: { key: 'errors/bad-date', data: wrongDay }, ...(dialog ? { dialog } : {}) };
  }
  const untilAt = until ? shanghaiInstant(until, 0) : null;
  if (ctx.command.unit && !ctx.command.task) {
    const unit = await ctx.store.directory.unitByName(ctx.command.unit);
    if (!unit) return { reply: { key: 'errors/unit-not-found', data: { unit: ctx.command.unit } } };
    const before = { unit: await ctx.store.changes.unitBefore(unit.id) };
    await ctx.hooks.pause({ scope: 'unit', id: unit.id, until: untilAt });
    await ctx.store.changes.record({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: resume ? 'resume_reminders' : 'pause_reminders', unitId: unit.id, messageId: ctx.message.id, detail: { until }, before });
    return { reply: { key, data: { what: unit.name, until: until ? chineseDate(until) : null } } };
  }
  // the whole plan only when the message says so (暂停全部提醒, 整个方案暂停); with no task named, the task
  // just acted on, or a question which
  if (!ctx.command.task && (resume || WHOLE_PLAN.test(ctx.message.text))) {
    return withActivePlan(ctx, null, async (plan) => {
      const before = { plan: await ctx.store.changes.planBefore(plan.id) };
      await ctx.hooks.pause({ scope: 'plan', id: plan.id, until: untilAt });
      if (resume) await enableAgain(ctx, 'plan', plan.id);
      await ctx.store.changes.record({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: resume ? 'resume_reminders' : 'pause_reminders', planId: plan.id, messageId: ctx.message.id, detail: { planId: plan.id, until }, before });
      return { reply: { key, data: { what: plan.title, until: until ? chineseDate(until) : null } } };
    });
  }
  return withTask(ctx, async (task) => {
    const before = { task: await ctx.store.changes.taskBefore(task.id) };
    await ctx.hooks.pause({ scope: 'task', id: task.id, until: untilAt });
    if (resume) await enableAgain(ctx, 'task', task.id);
    await ctx.store.changes.record({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: resume ? 'resume_reminders' : 'pause_reminders', taskId: task.id, messageId: ctx.message.id, detail: { until }, before });
    return { reply: { key, data: { what: `${task.path} ${task.title}`, until: until ? chineseDate(until) : null } } };
  });
};

/** "恢复 2.3 提醒" also lifts a "关闭 2.3 提醒" (a policy with enabled: false). */
async function enableAgain(ctx: IntentContext, scope: 'task' | 'plan', id: string): Promise<void> {
  const now = await ctx.hooks.reminderPolicy({ scope, id, change: null });
  if (now.ok && !now.effective.enabled) await ctx.hooks.reminderPolicy({ scope, id, change: { set: { enabled: true } } });
}

