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
    /**
     * insertOnce for many messages in two statements (the inbox batches concurrent callbacks
     * so PostgreSQL does one round trip per batch instead of one per callback). Results are
     * in input order; a message repeated inside the batch is created once.
     */
    async insertMany(ms: InboundMessage[]): Promise<{ id: string; created: boolean; handled: boolean }[]> {
      const col = <T>(f: (m: InboundMessage) => T) => ms.map(f);
      const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
      const created = await db.$queryRaw<{ id: string; platform: string; messageId: string }[]>`
        insert into "InboundMessage" (id, platform, "messageId", "chatType", "chatId", "senderId", "senderName", kind, text, quote, "replyTo", raw)
        select gen_random_uuid()::text, u.platform::"Platform", u.mid, u.ct, u.cid, u.sid, u.sname, u.kind, u.text, u.quote, u.reply::jsonb, u.raw::jsonb
        from unnest(${col((m) => m.platform)}::text[], ${col((m) => m.messageId)}::text[], ${col((m) => m.chatType)}::text[], ${col((m) => m.chatId)}::text[],
                    ${col((m) => m.senderId)}::text[], ${col((m) => m.senderName)}::text[], ${col((m) => m.kind)}::text[], ${col((m) => m.text)}::text[],
                    ${col((m) => m.quote)}::text[], ${col((m) => json(m.replyTo))}::text[], ${col((m) => json(m.file ? { file: m.file } : null))}::text[])
             as u(platform, mid, ct, cid, sid, sname, kind, text, quote, reply, raw)
        on conflict (platform, "messageId") do nothing
        returning id, platform::text as platform, "messageId"`;
      const key = (platform: string, messageId: string) => `${platform}\u0000${messageId}`;
      const fresh = new Map(created.map((r) => [key(r.platform, r.messageId), r.id]));
      const missing = ms.filter((m) => !fresh.has(key(m.platform, m.messageId)));
      const existing = new Map<string, { id: string; handled: boolean }>();
      if (missing.length) {
        const rows = await db.$queryRaw<{ id: string; platform: string; messageId: string; handled: boolean }[]>`
          select m.id, m.platform::text as platform, m."messageId", m."handledAt" is not null as handled
          from "InboundMessage" m join unnest(${missing.map((m) => m.platform)}::text[], ${missing.map((m) => m.messageId)}::text[]) as u(platform, mid)
            on m.platform::text = u.platform and m."messageId" = u.mid`;
        for (const r of rows) existing.set(key(r.platform, r.messageId), { id: r.id, handled: r.handled });
      }
      const seen = new Set<string>();
      return ms.map((m) => {
        const k = key(m.platform, m.messageId);
        const id = fresh.get(k);
        if (id && !seen.has(k)) {
          seen.add(k);
          return { id, created: true, handled: false };
        }
        if (id) return { id, created: false, handled: false };
        const e = existing.get(k);
        if (!e) throw new Error('inbound message neither inserted nor found');
        return { id: e.id, created: false, handled: e.handled };
      });
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
