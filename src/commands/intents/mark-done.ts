/**
 * 办结 — "二（三）已办结", "急救那个做完了，材料已报送", "2.3 销号".
 * A unit's 办结 is a claim that waits for review; a leader or admin saying it confirms (销号).
 */
import type { IntentHandler, IntentContext } from './types.ts';
import type { TaskListRow } from '../../store/tasks.ts';
import { withTask, unitOf } from './with-task.ts';

export const markDone: IntentHandler = async (ctx) => {
  if (ctx.speaker.role === 'guest') return { reply: { key: 'errors/not-bound', data: {} } };
  return withTask(ctx, (task) => (ctx.speaker.role === 'member' ? claim(ctx, task) : confirm(ctx, task)));
};

async function claim(ctx: IntentContext, task: TaskListRow) {
  const view = { path: task.path, title: task.title, unit: ctx.speaker.unitName, by: ctx.speaker.name };
  if (task.state !== 'open') return { reply: { key: 'done-claimed' as const, data: { ...view, already: true, state: task.state } } };
  await ctx.store.transaction(async (tx) => {
    await tx.records.addReport({ taskId: task.id, unitId: unitOf(ctx, task), personId: ctx.speaker.personId, kind: 'done_claim', percent: 100, previousPercent: task.percent, note: ctx.message.text, messageId: ctx.message.id, originalText: ctx.message.text });
    await tx.tasks.setState(task.id, 'claimed_done', ctx.now, 100);
    await tx.records.audit({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'claim_done', taskId: task.id, messageId: ctx.message.id });
  });
  await ctx.hooks.taskChanged(task.id);
  return {
    reply: { key: 'done-claimed' as const, data: view },
    notices: [{ to: { kind: 'leaders' as const }, reply: { key: 'done-claimed-leaders' as const, data: { ...view, note: ctx.message.text } } }],
  };
}

async function confirm(ctx: IntentContext, task: TaskListRow) {
  const view = { path: task.path, title: task.title, by: ctx.speaker.name };
  if (task.state === 'done') return { reply: { key: 'done-confirmed' as const, data: { ...view, already: true } } };
  await ctx.store.transaction(async (tx) => {
    await tx.records.addReport({ taskId: task.id, unitId: null, personId: ctx.speaker.personId, kind: 'done_confirmed', percent: 100, previousPercent: task.percent, note: null, messageId: ctx.message.id, originalText: ctx.message.text });
    await tx.tasks.setState(task.id, 'done', ctx.now, 100);
    await tx.records.audit({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'confirm_done', taskId: task.id, messageId: ctx.message.id });
  });
  await ctx.hooks.taskChanged(task.id);
  const notices = task.assignments.map((a) => ({ to: { kind: 'unit' as const, unitId: a.unit.id }, reply: { key: 'done-confirmed' as const, data: { ...view, toUnit: true } } }));
  return { reply: { key: 'done-confirmed' as const, data: view }, notices };
}

/** 退办 — "退回 2.3，佐证材料不全": reopens a claimed task and tells the unit why. */
export const returnDone: IntentHandler = async (ctx) => {
  if (ctx.speaker.role !== 'leader' && ctx.speaker.role !== 'admin') return { reply: { key: 'errors/not-leader', data: {} } };
  return withTask(ctx, async (task) => {
    const view = { path: task.path, title: task.title, by: ctx.speaker.name, reason: ctx.command.reason };
    if (task.state === 'open') return { reply: { key: 'done-returned', data: { ...view, notClaimed: true } } };
    await ctx.store.transaction(async (tx) => {
      await tx.records.addReport({ taskId: task.id, unitId: null, personId: ctx.speaker.personId, kind: 'returned', percent: null, note: ctx.command.reason, messageId: ctx.message.id, originalText: ctx.message.text });
      await tx.tasks.setState(task.id, 'open', ctx.now);
      await tx.records.audit({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'return_done', taskId: task.id, messageId: ctx.message.id, detail: { reason: ctx.command.reason } });
    });
    await ctx.hooks.taskChanged(task.id);
    const notices = task.assignments.map((a) => ({ to: { kind: 'unit' as const, unitId: a.unit.id }, reply: { key: 'done-returned-unit' as const, data: view } }));
    return { reply: { key: 'done-returned', data: view }, notices };
  }, { askWhenMissing: false });
};
