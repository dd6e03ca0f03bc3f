/**
 * The 'send-answer' and 'send-outbox' job processors: claim the row in PostgreSQL
 * (queued → sending; if the claim changes nothing another worker has it or it is sent),
 * send through the platform's Sender, record the outcome. Retryable failures go back to
 * queued and throw, so BullMQ retries with backoff; permanent ones are recorded failed.
 */
import { z } from 'zod';
import type { Store } from '../store/index.ts';
import type { Logger } from '../lib/logger.ts';
import { ReplyRoute, type Destination, type Sender, type SendResult } from '../channels/types.ts';
import { toPlainText } from '../render/render.ts';

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

async function sendVia(senders: Senders, platform: string, to: Destination, markdown: string, file?: { name: string; content: Buffer }): Promise<SendResult> {
  const sender = senders[platform as keyof Senders];
  if (!sender) return { ok: false, code: 'NO_CHANNEL', error: `channel ${platform} is not configured`, retryable: false };
  return sender.send(to, { markdown, text: toPlainText(markdown), file });
}

export async function deliverAnswer(deps: { store: Store; senders: Senders; log: Logger }, messageId: string): Promise<void> {
  const { store } = deps;
  // Read before claiming: a database failure between the claim and the send would leave the
  // answer 'sending' with nobody left to send it.
  const msg = await store.messages.get(messageId);
  if (!(await store.messages.claimAnswer(messageId))) return void deps.log.debug({ messageId }, 'answer already claimed or sent');
  const route = ReplyRoute.safeParse(msg?.replyTo);
  if (!msg?.answer || !route.success) {
    await store.messages.answerResult(messageId, 'failed');
    return void deps.log.warn({ messageId }, 'answer has no route; recorded as failed');
  }
  const result = await sendVia(deps.senders, msg.platform, { kind: 'reply', platform: msg.platform, route: route.data }, msg.answer);
  await record(deps, result, (state, err) => persistently(() => store.messages.answerResult(messageId, state, err)), { messageId });
}

export async function deliverOutbox(deps: { store: Store; senders: Senders; log: Logger }, outboxId: string): Promise<void> {
  const { store } = deps;
  if (!(await store.outbox.claim(outboxId))) return void deps.log.debug({ outboxId }, 'outbox row already claimed or sent');
  const row = await store.outbox.get(outboxId);
  const to = DestinationSchema.safeParse(row?.destination);
  if (!row || !to.success) {
    await store.outbox.result(outboxId, 'failed', 'bad destination');
    return;
  }
  const file = row.fileName && row.fileContent ? { name: row.fileName, content: Buffer.from(row.fileContent) } : undefined;
  const result = await sendVia(deps.senders, row.platform, to.data as Destination, row.markdown, file);
  await record(deps, result, (state, err) => persistently(() => store.outbox.result(outboxId, state, err)), { outboxId });
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

async function record(deps: { log: Logger }, result: SendResult, save: (state: 'sent' | 'failed' | 'queued', err?: string) => Promise<void>, ids: Record<string, string>): Promise<void> {
  if (result.ok) return save('sent');
  if (result.retryable) {
    await save('queued', `${result.code ?? ''} ${result.error ?? ''}`.trim());
    deps.log.warn({ ...ids, code: result.code }, 'send failed, will retry');
    throw new RetryableSendError(result);
  }
  await save('failed', `${result.code ?? ''} ${result.error ?? ''}`.trim());
  deps.log.warn({ ...ids, code: result.code }, 'send failed permanently');
  throw new PermanentSendError(`send failed permanently (${result.code})`);
}
