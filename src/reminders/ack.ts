/**
 * "收到": an acknowledgement is recorded against the latest reminder that reached the
 * unit — the row gets ackAt and state 'acknowledged', and each of its tasks a
 * ProgressReport of kind 'ack' (idempotent per inbound message), so the ledger shows who
 * confirmed which nudge. An acknowledgement is not a progress report: it does not stop
 * the next reminder, but it does take the person off the "尚未回复" list.
 */
import type { ReminderStore } from '../store/reminders.ts';

export interface AckInput {
  unitId: string;
  personId: string | null;
  /** InboundMessage.id of the "收到" */
  messageId: string | null;
  text: string;
  now: Date;
}

/** The acknowledged tasks ("2.3 提高区域急救能力"), or null when no reminder reached the unit yet. */
export async function recordAck(deps: { store: Pick<ReminderStore, 'latestSentToUnit' | 'acknowledge' | 'addAck'> }, a: AckInput): Promise<{ reminderId: string; tasks: string[] } | null> {
  const r = await deps.store.latestSentToUnit(a.unitId, a.now);
  if (!r) return null;
  await deps.store.acknowledge(r.id, a.now);
  for (const item of r.items) {
    await deps.store.addAck({ taskId: item.taskId, unitId: a.unitId, personId: a.personId, messageId: a.messageId, text: a.text, reminderId: r.id, at: a.now });
  }
  return { reminderId: r.id, tasks: r.items.map((i) => `${i.task.pathKey} ${i.task.title}`) };
}
