/**
 * 收到 / 签收 — "收到", "好的，马上办", "👍", "签收", "已签收，马上办", "签收 2.3", a reply quoting a
 * task notice: recorded against the latest reminder sent to the unit, and the unit's 签收 of
 * the tasks named, quoted or reminded (src/reminders/ack.ts). Any member of the unit may
 * sign, in the unit's group or privately.
 */
import type { IntentContext, IntentHandler, IntentResult } from './types.ts';
import { withTask } from './with-task.ts';

async function record(ctx: IntentContext, unitId: string, taskIds?: string[]): Promise<IntentResult> {
  const r = await ctx.hooks.recordAck({ unitId, personId: ctx.speaker.personId, messageId: ctx.message.id, text: ctx.message.text, now: ctx.now, quote: ctx.message.quote, taskIds });
  await ctx.store.records.audit({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'ack', unitId, messageId: ctx.message.id });
  const signing = ctx.command.kind === 'sign' || Boolean(r?.signed.length);
  return {
    reply: {
      key: 'ack-recorded',
      data: { name: ctx.speaker.name, noReminder: r === null, tasks: r?.tasks.join('、') ?? '', signed: r?.signed.join('、') || null, signing, nothingToSign: signing && !r?.signed.length },
    },
  };
}

export const ack: IntentHandler = async (ctx) => {
  const unitId = ctx.speaker.unitId;
  if (!unitId) return { reply: { key: 'ack-recorded', data: { noReminder: true } } };
  if (ctx.command.kind === 'sign' && ctx.command.task) return withTask(ctx, (task) => record(ctx, unitId, [task.id]), { askWhenMissing: false });
  return record(ctx, unitId);
};
