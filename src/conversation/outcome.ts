/**
 * What an answer did, in one word: the kind of reply a scenario or an operator checks, not its
 * wording. `done` when the message changed something (it recorded an action); `asked` when the
 * bot asked a question back; `nothing` when there was nothing to act on (no pending request, a
 * question taken back, thanks);
 * `refused` for any other refusal; `not_understood` when the bot did not understand; otherwise
 * `answered` (a query, help, a list).
 */
import type { IntentResult } from '../commands/intents/types.ts';

export type Outcome = 'done' | 'asked' | 'refused' | 'nothing' | 'not_understood' | 'answered';

const NOT_UNDERSTOOD = new Set(['unknown', 'clarify-action']);

export function outcomeOf(result: IntentResult, acted: boolean): Outcome {
  const { key, data } = result.reply;
  // 好的 / 谢谢 with no reminder to answer and nothing signed: nothing was carried out
  if (key === 'ack-recorded' && data.noReminder === true && !data.signed) return 'nothing';
  if (acted) return 'done';
  // files kept as a task's 佐证材料 (conversation/evidence.ts)
  if (result.reply.key === 'evidence-attached') return 'done';
  if (result.dialog) return 'asked';
  // a question taken back, or nothing to act on: nothing was carried out
  if (key === 'errors/nothing-pending' || key === 'dialog-cancelled' || data.nothing === true) return 'nothing';
  // thanks need no answer of substance: the courtesy carries nothing out
  if (key === 'small-talk' && data.thanks === true) return 'nothing';
  if (key.startsWith('errors/') || key === 'done-not-claimed' || data.notClaimed === true || data.blocked === true || data.notYours === true || data.notFound === true) return 'refused';
  // words to everyone in the group (大家注意保暖, 谢谢大家) are not for the bot: nothing is carried out
  if (key === 'small-talk' && data.toEveryone === true) return 'nothing';
  // a question outside the bot's work gets a pointer, not an answer
  if (NOT_UNDERSTOOD.has(key) || (key === 'small-talk' && data.offTopic === true)) return 'not_understood';
  return 'answered';
}
