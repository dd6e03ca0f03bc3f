/**
 * "@督办助手 3.1 下周一": the action is undecidable, so ask which one, offering what this
 * speaker can do: a unit reports, requests extensions and asks; a leader or admin asks and
 * reviews (销号, 退回, 延期审批). The options are examples to send, not numbered choices.
 */
import type { IntentHandler } from './types.ts';
import { seesEverything } from '../speaker.ts';
import { chineseDate } from '../../lib/shanghai.ts';

export const clarify: IntentHandler = async (ctx) => ({
  reply: { key: 'clarify-action', data: { task: ctx.command.task, date: ctx.command.date ? chineseDate(ctx.command.date) : null, reviewer: seesEverything(ctx.speaker) } },
  // the answer ("按70%报吧") is about the task named here
  ...(ctx.command.task ? { dialog: { kind: 'about_task', payload: { command: { ...ctx.command } } } } : {}),
});
