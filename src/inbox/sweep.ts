/**
 * PostgreSQL is the truth: messages stored while Redis was unreachable, answers and notices
 * whose send job was lost or whose worker died mid-send (past the lease) are found here and
 * enqueued again. Job ids are deterministic; a failed job left behind with the same id is
 * replaced so the retry is not silently ignored.
 */
import type { Enqueue } from '../queue/jobs.ts';
import type { messagesStore } from '../store/messages.ts';
import type { outboxStore } from '../store/outbox.ts';
import type { Logger } from '../lib/logger.ts';

/** A claim older than this means the worker that took it is gone. */
export const SEND_LEASE_MS = 10 * 60_000;

export interface SweepDeps {
  messages: Pick<ReturnType<typeof messagesStore>, 'unhandled' | 'unsentAnswers'>;
  outbox?: Pick<ReturnType<typeof outboxStore>, 'stragglers'>;
  enqueue: Enqueue;
  log: Logger;
  now: Date;
  graceMs?: number;
}

export async function sweepInbox(deps: SweepDeps): Promise<number> {
  const before = new Date(deps.now.getTime() - (deps.graceMs ?? 30_000));
  const lease = new Date(deps.now.getTime() - SEND_LEASE_MS);
  const lost = await allUnhandled(deps, before);
  for (const m of lost) await deps.enqueue('handle-message', { messageId: m.id }, { replace: true });
  const unsent = await deps.messages.unsentAnswers(before, lease);
  for (const m of unsent) await deps.enqueue('send-answer', { messageId: m.id }, { replace: true });
  const notices = (await deps.outbox?.stragglers(before, lease)) ?? [];
  for (const o of notices) await deps.enqueue('send-outbox', { outboxId: o.id }, { replace: true });
  const n = lost.length + unsent.length + notices.length;
  if (n) deps.log.info({ messages: lost.length, answers: unsent.length, notices: notices.length }, 'inbox sweep re-enqueued');
  return n;
}

/** Every unhandled message, page by page (after a Redis flush there may be thousands), up to MAX_SWEPT. */
const MAX_SWEPT = 50_000;

async function allUnhandled(deps: SweepDeps, before: Date): Promise<{ id: string }[]> {
  const out: { id: string; receivedAt: Date }[] = [];
  for (;;) {
    const page = await deps.messages.unhandled(before, 1000, out.at(-1));
    out.push(...page);
    if (page.length < 1000 || out.length >= MAX_SWEPT) return out;
  }
}
