/**
 * PostgreSQL is the truth: messages stored while Redis was unreachable, and answers whose
 * send job was lost, are found here and enqueued again (job ids are deterministic).
 */
import type { Enqueue } from '../queue/jobs.ts';
import type { messagesStore } from '../store/messages.ts';
import type { Logger } from '../lib/logger.ts';

export async function sweepInbox(deps: { messages: Pick<ReturnType<typeof messagesStore>, 'unhandled' | 'unsentAnswers'>; enqueue: Enqueue; log: Logger; now: Date; graceMs?: number }): Promise<number> {
  const before = new Date(deps.now.getTime() - (deps.graceMs ?? 30_000));
  const lost = await deps.messages.unhandled(before);
  for (const m of lost) await deps.enqueue('handle-message', { messageId: m.id });
  const unsent = await deps.messages.unsentAnswers(before);
  for (const m of unsent) await deps.enqueue('send-answer', { messageId: m.id });
  if (lost.length + unsent.length) deps.log.info({ messages: lost.length, answers: unsent.length }, 'inbox sweep re-enqueued');
  return lost.length + unsent.length;
}
