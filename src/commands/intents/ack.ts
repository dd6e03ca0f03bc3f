/**
 * 收到 / 签收 — "收到", "好的，马上办", "👍", "签收", "已签收，马上办", "签收 2.3", a reply quoting a
 * task notice: recorded against the latest reminder sent to the unit, and the unit's 签收 of
 * the tasks named, quoted or reminded (src/reminders/ack.ts). Any member of the unit may
 * sign, in the unit's group or privately; 撤销 takes a 签收 back (intents/undo.ts).
 */
import type { IntentContext, IntentHandler, IntentResult } from './types.ts';
import { withTask } from './with-task.ts';

async function record(ctx: IntentContext, unitId: string, taskIds?: string[]): Promise<IntentResult> {
  const r = await ctx.hooks.recordAck({ unitId, personId: ctx.speaker.personId, messageId: ctx.message.id, text: ctx.message.text, now: ctx.now, quote: ctx.message.quote, taskIds });
  const signed = r?.signed ?? [];
  if (signed.length) {
    // a 签收 is a change the unit can take back (撤销签收): the tasks are unsigned again
    await ctx.store.changes.record({
      actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'sign', unitId, messageId: ctx.message.id,
      taskId: signed.length === 1 ? signed[0]!.taskId : null, detail: { tasks: signed.map((t) => t.label) },
      before: { signatures: { unitId, taskIds: signed.map((t) => t.taskId), messageId: ctx.message.id } },
    });
  } else {
    await ctx.store.records.audit({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'ack', unitId, messageId: ctx.message.id });
  }
  const signing = ctx.command.kind === 'sign' || signed.length > 0;
  return {
    reply: {
      key: 'ack-recorded',
      data: { name: ctx.speaker.name, noReminder: r === null, tasks: r?.tasks.join('、') ?? '', signed: signed.map((t) => t.label).join('、') || null, signing, nothingToSign: signing && !signed.length },
    },
  };
}

export const ack: IntentHandler = async (ctx) => {
  const unitId = ctx.speaker.unitId;
  if (!unitId) return { reply: { key: 'ack-recorded', data: { noReminder: true } } };
  if (ctx.command.kind === 'sign' && ctx.command.task) return withTask(ctx, (task) => record(ctx, unitId, [task.id]), { askWhenMissing: false });
  return record(ctx, unitId);
};
