/**
 * "收到" / "签收": an acknowledgement is recorded against the latest reminder that reached the
 * unit — the row gets ackAt and state 'acknowledged', and each of its tasks a
 * ProgressReport of kind 'ack' (idempotent per inbound message), so the ledger shows who
 * confirmed which nudge. An acknowledgement is not a progress report: it does not stop
 * the next reminder, but it does take the person off the "尚未回复" list.
 *
 * The same acknowledgement is the unit's 签收: it signs for the tasks it is about — those
 * named (`签收 2.3`), else those of the quoted notice or reminder (a reply to a notice signs
 * for every task in it), else those of the latest reminder (a task notice, or any later
 * reminder); with no reminder at all, every task the unit has not signed for yet.
 */
import type { ReminderStore } from '../store/reminders.ts';
import { pathKey, pathsIn } from '../tasks/path-key.ts';

export interface AckInput {
  unitId: string;
  personId: string | null;
  /** InboundMessage.id of the "收到" */
  messageId: string | null;
  text: string;
  now: Date;
  /** the text of the notice the message replies to, if any */
  quote?: string | null;
  /** `签收 2.3`: the tasks named */
  taskIds?: string[];
}

export interface AckOutcome {
  reminderId: string | null;
  /** the acknowledged tasks ("2.3 提高区域急救能力") */
  tasks: string[];
  /** the tasks signed for by this message (not those signed before): id and "2.3 提高区域急救能力" */
  signed: { taskId: string; label: string }[];
}

type Deps = { store: Pick<ReminderStore, 'latestSentToUnit' | 'acknowledge' | 'addAck' | 'signing'> };

/** The acknowledgement and the 签收 it makes; null when nothing reached the unit yet. */
export async function recordAck(deps: Deps, a: AckInput): Promise<AckOutcome | null> {
  const r = await deps.store.latestSentToUnit(a.unitId, a.now);
  if (r) {
    await deps.store.acknowledge(r.id, a.now);
    for (const item of r.items) {
      await deps.store.addAck({ taskId: item.taskId, unitId: a.unitId, personId: a.personId, messageId: a.messageId, text: a.text, reminderId: r.id, at: a.now });
    }
  }
  const quoted = a.quote ? await quotedTasks(deps, a.unitId, a.quote) : [];
  const which = a.taskIds?.length ? a.taskIds : quoted.length ? quoted : r ? r.items.map((i) => i.taskId) : null;
  const signed = await deps.store.signing.sign({ unitId: a.unitId, taskIds: which, personId: a.personId, messageId: a.messageId, at: a.now });
  // a task signed for outside the reminder acknowledged still gets its acknowledgement in the trail
  const inReminder = new Set(r?.items.map((i) => i.taskId) ?? []);
  for (const t of signed.filter((x) => !inReminder.has(x.taskId))) {
    await deps.store.addAck({ taskId: t.taskId, unitId: a.unitId, personId: a.personId, messageId: a.messageId, text: a.text, reminderId: null, at: a.now });
  }
  if (!r && !signed.length) return null;
  return { reminderId: r?.id ?? null, tasks: r ? r.items.map((i) => `${i.task.pathKey} ${i.task.title}`) : [], signed: signed.map((t) => ({ taskId: t.taskId, label: `${t.path} ${t.title}` })) };
}

/** The unit's tasks a quoted notice lists (by the paths it prints). */
async function quotedTasks(deps: Deps, unitId: string, quote: string): Promise<string[]> {
  const keys = [...new Set(pathsIn(quote).map(pathKey).filter((k): k is string => k !== null))];
  return keys.length ? deps.store.signing.unitTasksByPathKeys(unitId, keys) : [];
}
