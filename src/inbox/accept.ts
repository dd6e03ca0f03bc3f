/**
 * Persist first, then acknowledge: `accept` stores the message once (unique platform +
 * message id) and enqueues its handling. It runs in the web process and resolves only
 * after PostgreSQL has the row; if PostgreSQL is down it throws, the route answers 5xx and
 * the platform retries. Characters PostgreSQL cannot hold are removed first (storable.ts), and
 * a row PostgreSQL still refuses fails alone, never the callbacks batched beside it. A failed enqueue is logged, not thrown: the row is safe and the
 * inbox sweep (sweep.ts) enqueues it again.
 */
import { InboundMessage, type Accept } from '../channels/types.ts';
import type { Enqueue } from '../queue/jobs.ts';
import type { Logger } from '../lib/logger.ts';
import { isRowError, type messagesStore } from '../store/messages.ts';
import { createBatcher } from './batch.ts';
import { storable } from './storable.ts';

export interface InboxDeps {
  messages: Pick<ReturnType<typeof messagesStore>, 'insertOnce'> & Partial<Pick<ReturnType<typeof messagesStore>, 'insertMany'>>;
  enqueue: Enqueue;
  /** bulk enqueue of 'handle-message' jobs; with insertMany, callbacks are stored and queued in batches */
  enqueueMessages?: (messageIds: string[]) => Promise<void>;
  log: Logger;
  /** called with the outcome, for metrics */
  onAccepted?: (platform: string, outcome: 'accepted' | 'duplicate') => void;
}

export function createAccept(deps: InboxDeps): Accept {
  const insertMany = deps.messages.insertMany;
  const insert = insertMany ? createBatcher((ms: InboundMessage[]) => insertMany(ms), { isRowError }) : (m: InboundMessage) => deps.messages.insertOnce(m);
  const enqueueMessages = deps.enqueueMessages;
  const enqueue = enqueueMessages
    ? createBatcher(async (ids: string[]) => { await enqueueMessages(ids); return ids.map(() => undefined); })
    : (id: string) => deps.enqueue('handle-message', { messageId: id });
  return async (input) => {
    const msg = storable(InboundMessage.parse(input));
    const row = await insert(msg);
    deps.onAccepted?.(msg.platform, row.created ? 'accepted' : 'duplicate');
    if (row.handled) return { status: 'duplicate', id: row.id };
    // A retry of a stored but unhandled message re-enqueues it: the job id is deterministic,
    // so this never creates a second job, but it repairs a job lost between insert and enqueue.
    try {
      await enqueue(row.id);
    } catch (e) {
      deps.log.warn({ id: row.id, err: (e as Error).message }, 'enqueue failed; the inbox sweep will retry');
    }
    return { status: row.created ? 'accepted' : 'duplicate', id: row.id };
  };
}
