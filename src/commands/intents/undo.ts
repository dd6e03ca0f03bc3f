/**
 * 撤销 — "撤销", "撤回刚才的销号", "刚才进度报错了", "撤销 12月3日 二（一）的销号".
 * Undoes the speaker's last change of the last 24 hours (a progress report, a 办结 claim, 销号,
 * 退回, an extension request or decision, a pause, a plan's activation or 停用, a 签收), or an older
 * one named by its task, action or day (an admin may name anyone's). State, progress, deadline
 * and reminders go back to what they were, everyone who was told of the change is told of the
 * undo, and the history keeps both. A change someone made after it is never overwritten: the
 * undo is refused and names them. (With a question of the bot's open, 撤销 cancels the question:
 * conversation/dialog.ts.)
 */
import type { IntentContext, IntentHandler, IntentResult, Notice } from './types.ts';
import type { ChangeRow } from '../../store/changes.ts';
import { resolveTask } from '../resolve-task.ts';
import { actionLabel, stateLabel } from '../../render/labels.ts';
import { chineseDate, shanghaiDay, shanghaiInstant } from '../../lib/shanghai.ts';
import { referencesFor } from './references.ts';

/** An unnamed 撤销 reaches back this far. */
export const UNDO_WINDOW_MS = 24 * 3600_000;

/** The actions a word names (parse/undo.ts): 销号 is also a direct 销号, a decision either way. */
const ACTIONS: Record<string, string[]> = {
  confirm_done: ['confirm_done', 'close_direct'],
  return_done: ['return_done'],
  decide_extension: ['approve_extension', 'reject_extension'],
  request_extension: ['request_extension'],
  claim_done: ['claim_done'],
  report_progress: ['report_progress'],
  pause_reminders: ['pause_reminders', 'resume_reminders'],
  deactivate_plan: ['deactivate_plan'],
  // 恢复 was a plan switched back on, or reminders resumed
  activate_plan: ['activate_plan', 'resume_reminders'],
  sign: ['sign'],
};

/** Words that mean the change just made. */
const JUST_NOW = /刚才|刚刚|上一条|上一步|前一条/;

export const undo: IntentHandler = async (ctx) => {
  if (!ctx.speaker.personId) return { reply: { key: 'errors/not-bound', data: {} } };
  const found = await findChange(ctx);
  if ('reply' in found) return found;
  const change = found.change;
  const admin = ctx.speaker.role === 'admin';
  if (change.actorId !== ctx.speaker.personId && !admin) return { reply: { key: 'undo-done', data: { notYours: true, by: change.actorName } } };
  const later = await ctx.store.changes.later(change);
  const what = await describe(ctx, change);
  if (later.length) {
    const next = later[0]!;
    return { reply: { key: 'undo-done', data: { ...what, blocked: true, laterBy: next.actorName, laterAction: actionLabel(next.action), laterAt: when(next.at), self: next.actorId === ctx.speaker.personId } } };
  }
  await ctx.store.transaction(async (tx) => {
    await tx.changes.undo(change, { personId: ctx.speaker.personId }, ctx.now);
    await tx.changes.recordUndo({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, change, messageId: ctx.message.id, told: change.told });
  });
  if (change.taskId) await ctx.hooks.taskChanged(change.taskId);
  if (change.planId && (!change.taskId || change.before.plan)) await ctx.hooks.planChanged?.(change.planId);
  // a 签收 taken back leaves the task as it was: the tasks are unsigned again
  const after = change.taskId && !change.before.signatures ? await ctx.store.tasks.byId(change.taskId) : null;
  // the answer says who is told of the undo: those told of the change (units are named by reportingDelivery)
  const toldLeaders = change.told.some((t) => t.kind === 'leaders') && (await ctx.store.directory.leaderGroupCount()) > 0;
  const data = {
    ...what, by: ctx.speaker.name, undone: true, unsigned: Boolean(change.before.signatures), toldLeaders,
    state: after ? stateLabel(after.state) : null, percent: after?.percent ?? null,
    due: after?.dueDate ? chineseDate(shanghaiDay(after.dueDate)) : null,
  };
  const notices: Notice[] = change.told.map((t) => ({ to: t.kind === 'leaders' ? { kind: 'leaders' } : { kind: 'unit', unitId: t.unitId }, reply: { key: 'undo-done', data: { ...data, notice: true } } }));
  return { reply: { key: 'undo-done', data }, notices };
};

/** The change meant: named (task, action, day) or the speaker's last one within 24 hours. */
async function findChange(ctx: IntentContext): Promise<{ change: ChangeRow } | IntentResult> {
  const { task, date, what } = ctx.command;
  const named = Boolean(task || date || what);
  const actions = what ? ACTIONS[what] : undefined;
  const resolved = task ? await resolveTask(ctx.store, ctx.speaker, task, null, null, { plan: ctx.command.plan, activeOnly: false }) : null;
  // "刚才70那条报串了，撤销": 刚才 pins the speaker's last change; a figure that names no task only points at it
  const pinnedLast = resolved?.kind === 'none' && JUST_NOW.test(ctx.message.text);
  if ((!resolved || pinnedLast) && !date) {
    // 撤销 / 撤回刚才的销号: the speaker's own changes of the last 24 hours
    const recent = await ctx.store.changes.find({ actorId: ctx.speaker.personId!, actions, from: new Date(ctx.now.getTime() - UNDO_WINDOW_MS) }, 1);
    if (recent[0]) return { change: recent[0] };
    return { reply: { key: 'undo-done', data: { nothing: true, named, action: what ? actionLabel(ACTIONS[what]![0]!) : null } } };
  }
  if (resolved?.kind === 'none') return { reply: { key: 'errors/task-not-found', data: { ref: resolved.ref } } };
  const taskIds = !resolved ? undefined : resolved.kind === 'one' ? [resolved.task.id] : resolved.tasks.map((t) => t.id);
  // a day named for something done is the latest such day on or before today
  const day = date ? (date > ctx.today ? `${Number(date.slice(0, 4)) - 1}${date.slice(4)}` : date) : null;
  const from = day ? shanghaiInstant(day, 0) : undefined;
  const to = from ? new Date(from.getTime() + 24 * 3600_000) : undefined;
  const admin = ctx.speaker.role === 'admin';
  const found = await ctx.store.changes.find({ taskIds, actions, from, to, actorId: admin ? undefined : ctx.speaker.personId! }, 1);
  if (found[0]) return { change: found[0] };
  // a change named by its task that someone else made: the answer says whose it is (only they or an admin may undo it)
  const others = taskIds && !admin ? await ctx.store.changes.find({ taskIds, actions, from, to }, 1) : [];
  if (others[0]) return { change: others[0] };
  return { reply: { key: 'undo-done', data: { nothing: true, named: true, day: day ? chineseDate(day) : null, action: what ? actionLabel(ACTIONS[what]![0]!) : null } } };
}

/** What the answer names: the action, the task or plan, when. */
async function describe(ctx: IntentContext, change: ChangeRow): Promise<Record<string, unknown>> {
  const task = change.taskId ? await ctx.store.tasks.byId(change.taskId) : null;
  const [ref] = task ? await referencesFor(ctx.store, [task]) : [null];
  const plan = !task && change.planId ? await ctx.store.plans.byId(change.planId) : null;
  const signedTasks = !task && change.before.signatures ? ((change.detail as { tasks?: string[] } | null)?.tasks ?? []).join('、') || null : null;
  return { action: actionLabel(change.action), path: ref, title: task?.title ?? null, plan: plan?.title ?? null, signedTasks, at: when(change.at), changedBy: change.actorName, someoneElse: change.actorId !== ctx.speaker.personId };
}

function when(at: Date): string {
  const day = shanghaiDay(at);
  const hm = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
  return `${chineseDate(day)} ${hm}`;
}
