/** Inbound messages: stored once per platform message id, before the platform is answered. */
import type { InboundMessage } from '../channels/types.ts';
import type { DbClient } from './client.ts';

export type StoredMessage = NonNullable<Awaited<ReturnType<ReturnType<typeof messagesStore>['get']>>>;

export function messagesStore(db: DbClient) {
  return {
    /**
     * Inserts the message unless (platform, messageId) exists. One statement, so two web
     * processes racing on the same retry store it once.
     */
    async insertOnce(m: InboundMessage): Promise<{ id: string; created: boolean; handled: boolean }> {
      const rows = await db.$queryRaw<{ id: string; created: boolean; handled: boolean }[]>`
        with ins as (
          insert into "InboundMessage" (id, platform, "messageId", "chatType", "chatId", "senderId", "senderName", kind, text, quote, "replyTo", raw)
          values (gen_random_uuid()::text, ${m.platform}::"Platform", ${m.messageId}, ${m.chatType}, ${m.chatId}, ${m.senderId}, ${m.senderName}, ${m.kind}, ${m.text}, ${m.quote},
                  ${m.replyTo === null ? null : JSON.stringify(m.replyTo)}::jsonb, ${m.file === null ? null : JSON.stringify({ file: m.file })}::jsonb)
          on conflict (platform, "messageId") do nothing
          returning id)
        select id, true as created, false as handled from ins
        union all
        select id, false, "handledAt" is not null from "InboundMessage"
          where platform = ${m.platform}::"Platform" and "messageId" = ${m.messageId} and not exists (select 1 from ins)`;
      if (rows[0]) return rows[0];
      // A concurrent insert of the same message committed after this statement's snapshot:
      // read it now.
      const row = await db.inboundMessage.findUniqueOrThrow({ where: { platform_messageId: { platform: m.platform, messageId: m.messageId } }, select: { id: true, handledAt: true } });
      return { id: row.id, created: false, handled: row.handledAt !== null };
    },
    get: (id: string) => db.inboundMessage.findUnique({ where: { id } }),
    /** Stores the rendered answer and marks the message handled, once. False if already handled. */
    async finish(id: string, answer: string | null, error?: string): Promise<boolean> {
      const r = await db.inboundMessage.updateMany({
        where: { id, handledAt: null },
        data: { handledAt: new Date(), answer, answerState: answer ? 'queued' : null, error: error ?? null },
      });
      return r.count === 1;
    },
    /** Claims the answer for sending: queued → sending. False if another worker has it or it is sent. */
    async claimAnswer(id: string): Promise<boolean> {
      const r = await db.inboundMessage.updateMany({ where: { id, answerState: 'queued' }, data: { answerState: 'sending', answerClaimedAt: new Date(), answerAttempts: { increment: 1 } } });
      return r.count === 1;
    },
    async answerResult(id: string, state: 'sent' | 'failed' | 'queued', error?: string) {
      await db.inboundMessage.update({ where: { id }, data: { answerState: state, answerError: error ?? null, answeredAt: state === 'sent' ? new Date() : undefined } });
    },
    /** Messages stored but not handled after `olderThan`: their job was lost (Redis down at accept time). */
    unhandled: (olderThan: Date, limit = 500) =>
      db.inboundMessage.findMany({ where: { handledAt: null, receivedAt: { lt: olderThan } }, select: { id: true }, take: limit, orderBy: { receivedAt: 'asc' } }),
    /**
     * Answers whose send job was lost (still queued), or whose worker died mid-send (a
     * 'sending' claim older than the lease): taken back and queued again. The second case may
     * repeat a message the platform did receive; it is recorded in answerError.
     */
    async unsentAnswers(olderThan: Date, leaseExpired: Date, limit = 500) {
      await db.inboundMessage.updateMany({ where: { answerState: 'sending', answerClaimedAt: { lt: leaseExpired } }, data: { answerState: 'queued', answerError: 'LEASE_EXPIRED: worker stopped mid-send; outcome unknown' } });
      return db.inboundMessage.findMany({ where: { answerState: 'queued', handledAt: { lt: olderThan } }, select: { id: true }, take: limit });
    },
  };
}
