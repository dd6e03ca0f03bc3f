/**
 * The 'send-answer' and 'send-outbox' job processors: claim the row in PostgreSQL
 * (queued → sending; if the claim changes nothing another worker has it or it is sent),
 * send through the platform's Sender, record the outcome. Retryable failures go back to
 * queued and throw, so BullMQ retries with backoff; permanent ones are recorded failed.
 *
 * Never twice: a send whose outcome cannot be known is recorded 'unknown' (with a note, on
 * /metrics and in the log) and never sent again. That is the case when the platform did not
 * answer after the request left (a timeout: SendResult.uncertain), and when the worker that
 * claimed the answer stopped before recording the outcome: the next run of the same job
 * (BullMQ re-runs a job whose worker died) finds the claim of its own earlier run, and a
 * claim nobody settled within SEND_STALE_MS is given up the same way.
 *
 * Held answers: a reply route with `holdUntil` (a WeCom AI bot message answered by a stream)
 * is collected by the platform itself until then — `collectHeldAnswer`, called by the
 * stream-refresh callback in the web process, takes it with the same claim. Until
 * `holdUntil` the send-answer job leaves the answer queued and schedules 'send-held-answer'
 * for that instant; if no refresh took it by then, that job sends it through the route
 * (WeCom: the response_url). The claim decides who delivers it, so it goes out once.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '../store/index.ts';
import type { Logger } from '../lib/logger.ts';
import { systemClock, type Clock } from '../lib/clock.ts';
import type { Enqueue } from '../queue/jobs.ts';
import { ReplyRoute, type Destination, type HeldAnswer, type Sender, type SendResult } from '../channels/types.ts';
import { toPlainText } from '../render/render.ts';
import { Card } from '../channels/card.ts';
import { LEASE_EXPIRED } from '../store/messages.ts';

export type Senders = Partial<Record<'wecom' | 'dingtalk' | 'console', Sender>>;

export class RetryableSendError extends Error {
  constructor(readonly result: SendResult) {
    super(`send failed (${result.code ?? 'error'}): ${result.error ?? ''}`);
  }
}
export class PermanentSendError extends Error {
  override name = 'PermanentSendError';
}

const DestinationSchema = z.union([
  z.object({ kind: z.literal('reply'), platform: z.enum(['wecom', 'dingtalk', 'console']), route: ReplyRoute }),
  z.object({ kind: z.literal('group'), platform: z.enum(['wecom', 'dingtalk', 'console']), chatId: z.string(), webhookUrl: z.string().nullish(), webhookSecret: z.string().nullish() }),
  z.object({ kind: z.literal('user'), platform: z.enum(['wecom', 'dingtalk', 'console']), userIds: z.array(z.string()) }),
]);

async function sendVia(senders: Senders, platform: string, to: Destination, markdown: string, file?: { name: string; content: Buffer }, card?: Card): Promise<SendResult> {
  const sender = senders[platform as keyof Senders];
  if (!sender) return { ok: false, code: 'NO_CHANNEL', error: `channel ${platform} is not configured`, retryable: false };
  return sender.send(to, { markdown, text: toPlainText(markdown), file, ...(card ? { card } : {}) });
}

export interface DeliverDeps {
  store: Store;
  senders: Senders;
  log: Logger;
  clock?: Clock;
  /** schedules 'send-held-answer' for an answer held for the platform to collect */
  enqueue?: Enqueue;
}

/** Past `holdUntil`, the re-check waits this much longer, so it never runs a moment early. */
const HOLD_MARGIN_MS = 1000;
/**
 * A claim this old with no outcome recorded is given up as unknown. A live send takes at
 * most a few 10 s requests plus ~16 s of retried database writes (`persistently`).
 */
export const SEND_STALE_MS = 2 * 60_000;

/** Another run is between its claim and its record: try again later (BullMQ backoff). */
export class AnswerBusyError extends Error {
  override name = 'AnswerBusyError';
}

/** `run.jobId`: the BullMQ job running this (a later run of the same job recognises its own claim). */
export async function deliverAnswer(deps: DeliverDeps, messageId: string, run: { jobId?: string } = {}): Promise<void> {
  const { store } = deps;
  // Read before claiming: a database failure between the claim and the send would leave the
  // answer 'sending' with nobody left to send it.
  const msg = await store.messages.get(messageId);
  const route = ReplyRoute.safeParse(msg?.replyTo);
  const now = (deps.clock ?? systemClock).now().getTime();
  const heldFor = route.success && route.data.holdUntil ? route.data.holdUntil - now : 0;
  if (heldFor > 0 && msg?.answerState === 'queued') return holdAnswer(deps, messageId, heldFor);
  if (msg?.answerState === 'sending') return settleAbandonedClaim(deps, msg, run);
  const by = `${run.jobId ?? 'run'}/${randomUUID()}`;
  if (!(await claimOrGiveBack(() => store.messages.claimAnswer(messageId, by), () => store.messages.releaseAnswer(messageId, by)))) return void deps.log.debug({ messageId }, 'answer already claimed or sent');
  if (!msg?.answer || !route.success) {
    await store.messages.answerResult(messageId, 'failed');
    return void deps.log.warn({ messageId }, 'answer has no route; recorded as failed');
  }
  const result = await sendVia(deps.senders, msg.platform, { kind: 'reply', platform: msg.platform, route: route.data }, msg.answer);
  await record(deps, result, (state, err) => persistently(() => store.messages.answerResult(messageId, state, err)), { messageId });
}

/**
 * The answer is 'sending' under a claim: an earlier run of this very job (its worker died or
 * its outcome could not be written), or a claim left too long, is settled as unknown — the
 * platform may have shown it, so it is not sent again. A fresh claim of another run is left
 * to finish, and this job looks again later.
 */
async function settleAbandonedClaim(deps: DeliverDeps, msg: { id: string; answerClaimedBy: string | null; answerClaimedAt: Date | null }, run: { jobId?: string }): Promise<void> {
  const own = Boolean(run.jobId && msg.answerClaimedBy?.startsWith(`${run.jobId}/`));
  // claim times are the machine's, not the (possibly simulated) clock of the conversation
  const stale = !msg.answerClaimedAt || Date.now() - msg.answerClaimedAt.getTime() > SEND_STALE_MS;
  if (!own && !stale) throw new AnswerBusyError(`answer ${msg.id} is being sent by another run`);
  const note = own ? 'WORKER_STOPPED: the worker stopped mid-send; not sent again (did the platform get it?)' : LEASE_EXPIRED;
  if (await deps.store.messages.markAnswerUnknown(msg.id, note, msg.answerClaimedBy ?? undefined)) {
    deps.log.warn({ messageId: msg.id, note }, 'send outcome unknown; not sent again');
  }
}

/**
 * Leaves a held answer queued for the platform to collect, and re-checks it once the hold
 * ends. `replace` lets a finished re-check job be scheduled again (the inbox sweep re-runs
 * send-answer for queued answers); without `enqueue` the sweep is the re-check.
 */
async function holdAnswer(deps: DeliverDeps, messageId: string, heldFor: number): Promise<void> {
  if (!deps.enqueue) return void deps.log.warn({ messageId }, 'answer held for collection; no queue to re-check it, the inbox sweep will');
  await deps.enqueue('send-held-answer', { messageId }, { delayMs: heldFor + HOLD_MARGIN_MS, replace: true });
  deps.log.debug({ messageId, heldForMs: heldFor }, 'answer held for the platform to collect');
}

/**
 * The platform collects a held answer (a WeCom stream refresh, in the web process). The claim
 * is the send-answer job's, so exactly one of them delivers it:
 * - not handled yet, or another refresh is between its claim and its record → pending;
 * - queued → claimed, recorded sent, returned;
 * - already sent by the stream while it is open → returned again: a stream's content replaces
 *   the previous content, so this repeats the same message (a reply lost on its way to the
 *   platform does not lose the answer) and never adds one;
 * - unknown, not held, without an answer, failed, or sent after the hold (through the
 *   route) → gone.
 * Only the platform names a held answer (WeCom signs and encrypts each refresh), so the
 * refresh's sender is not compared with the message's.
 */
export async function collectHeldAnswer(deps: { store: Store; log: Logger; clock?: Clock }, messageId: string): Promise<HeldAnswer> {
  const { store } = deps;
  const msg = await store.messages.get(messageId);
  const route = ReplyRoute.safeParse(msg?.replyTo);
  if (!msg || !route.success || !route.data.holdUntil) return { state: 'gone' };
  if (!msg.handledAt) return { state: 'pending' };
  if (!msg.answer) return { state: 'gone' };
  let state = msg.answerState;
  if (state === 'queued') {
    if (await store.messages.claimAnswer(messageId, 'platform-collect')) {
      await persistently(() => store.messages.answerResult(messageId, 'sent'));
      deps.log.info({ messageId }, 'answer collected by the platform');
      return { state: 'ready', markdown: msg.answer };
    }
    state = (await store.messages.get(messageId))?.answerState ?? null;
  }
  const open = (deps.clock ?? systemClock).now().getTime() < route.data.holdUntil;
  if (open && state === 'sending') return { state: 'pending' };
  if (open && state === 'sent') return { state: 'ready', markdown: msg.answer };
  return { state: 'gone' };
}

export async function deliverOutbox(deps: DeliverDeps, outboxId: string): Promise<void> {
  const { store } = deps;
  // Read before claiming, as deliverAnswer does: nothing between the claim and the send may fail.
  const row = await store.outbox.get(outboxId);
  const at = new Date();
  if (!(await claimOrGiveBack(() => store.outbox.claim(outboxId, at), () => store.outbox.release(outboxId, at)))) return void deps.log.debug({ outboxId }, 'outbox row already claimed or sent');
  const to = DestinationSchema.safeParse(row?.destination);
  if (!row || !to.success) {
    await store.outbox.result(outboxId, 'failed', 'bad destination');
    return;
  }
  const file = row.fileName && row.fileContent ? { name: row.fileName, content: Buffer.from(row.fileContent) } : undefined;
  const card = row.card ? Card.safeParse(row.card) : null;
  if (card && !card.success) deps.log.warn({ outboxId }, 'outbox card unreadable; sending its text');
  const result = await sendVia(deps.senders, row.platform, to.data as Destination, row.markdown, file, card?.success ? card.data : undefined);
  await record(deps, result, (state, err) => persistently(() => store.outbox.result(outboxId, state, err)), { outboxId });
}

/**
 * Claims a row for sending. A claim that throws may still have been written (the database
 * connection was lost before its acknowledgement): this run has sent nothing, so the claim is
 * given back (`giveBack`, only under this run's own mark) rather than left to be taken for a
 * send whose outcome is unknown. The error is thrown on, so the job runs again.
 */
async function claimOrGiveBack(claim: () => Promise<boolean>, giveBack: () => Promise<void>): Promise<boolean> {
  try {
    return await claim();
  } catch (e) {
    await persistently(giveBack).catch(() => undefined);
    throw e;
  }
}

/**
 * Records a send's outcome, retrying through a short database outage (~15 s): once the
 * platform has the message, a lost write would leave the row 'sending' for good, and a
 * job retry must not send it again.
 */
async function persistently(write: () => Promise<void>, waits = [250, 500, 1000, 2000, 4000, 8000]): Promise<void> {
  for (const wait of waits) {
    try {
      return await write();
    } catch {
      await new Promise((r) => setTimeout(r, wait));
    }
  }
  return write();
}

async function record(deps: { log: Logger }, result: SendResult, save: (state: 'sent' | 'failed' | 'queued' | 'unknown', err?: string) => Promise<void>, ids: Record<string, string>): Promise<void> {
  if (result.ok) return save('sent');
  const error = `${result.code ?? ''} ${result.error ?? ''}`.trim();
  if (result.uncertain) {
    await save('unknown', error);
    return void deps.log.warn({ ...ids, code: result.code, err: result.error }, 'send outcome unknown; not sent again');
  }
  if (result.retryable) {
    await save('queued', error);
    deps.log.warn({ ...ids, code: result.code }, 'send failed, will retry');
    throw new RetryableSendError(result);
  }
  await save('failed', error);
  deps.log.warn({ ...ids, code: result.code }, 'send failed permanently');
  throw new PermanentSendError(`send failed permanently (${result.code})`);
}
