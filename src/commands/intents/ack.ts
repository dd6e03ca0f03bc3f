/** 收到 — "收到", "好的，马上办", "👍": recorded against the latest reminder sent to the unit. */
import type { IntentHandler } from './types.ts';

export const ack: IntentHandler = async (ctx) => {
  if (!ctx.speaker.unitId) return { reply: { key: 'ack-recorded', data: { noReminder: true } } };
  const r = await ctx.hooks.recordAck({ unitId: ctx.speaker.unitId, personId: ctx.speaker.personId, messageId: ctx.message.id, text: ctx.message.text, now: ctx.now });
  await ctx.store.records.audit({ actorId: ctx.speaker.personId, actorName: ctx.speaker.name, action: 'ack', unitId: ctx.speaker.unitId, messageId: ctx.message.id });
  return { reply: { key: 'ack-recorded', data: { name: ctx.speaker.name, noReminder: r === null, tasks: r?.tasks.join('、') ?? '' } } };
};
