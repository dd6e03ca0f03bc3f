/**
 * Inbound messages: stored once per platform message id, before the platform is answered.
 *
 * What a web process runs (store a callback, collect a held answer) is plain SQL on the pg
 * pool, so a web process never loads Prisma's query compiler; the rest goes through Prisma
 * and may run inside a store transaction.
 */
import type pg from 'pg';
import type { InboundMessage } from '../channels/types.ts';
import type { DbClient } from './client.ts';
import type { InboundMessage as InboundMessageRow } from './generated/client.ts';

export type StoredMessage = InboundMessageRow;

type Inserted = { id: string; created: boolean; handled: boolean };

/**
 * True when PostgreSQL refused a statement for the data in it (SQLSTATE class 22 data
 * exception, 23 integrity, 54 program limit), not because it is unreachable: retrying the
 * rows one by one then finds the bad one.
 */
export function isRowError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|23|54)[0-9A-Z]{3}$/.test(code);
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
/** What is kept beside the text: an attached file, a click's card inputs. */
const rawOf = (m: InboundMessage) => (m.file || m.input
  ? { ...(m.file ? { file: m.file, ...(m.files?.length ? { files: m.files } : {}) } : {}), ...(m.input ? { input: m.input } : {}) }
  : null);

export function messagesStore(db: DbClient, sql: pg.Pool) {
  return {
    /**
     * Inserts the message unless (platform, messageId) exists. One statement, so two web
     * processes racing on the same retry store it once.
     */
    async insertOnce(m: InboundMessage): Promise<Inserted> {
      const { rows } = await sql.query<Inserted>(
        `with ins as (
           insert into "InboundMessage" (id, platform, "messageId", "chatType", "chatId", "senderId", "senderName", kind, text, quote, "replyTo", raw)
           values (gen_random_uuid()::text, $1::"Platform", $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb)
           on conflict (platform, "messageId") do nothing
           returning id)
         select id, true as created, false as handled from ins
         union all
         select id, false, "handledAt" is not null from "InboundMessage"
           where platform = $1::"Platform" and "messageId" = $2 and not exists (select 1 from ins)`,
        [m.platform, m.messageId, m.chatType, m.chatId, m.senderId, m.senderName, m.kind, m.text, m.quote, json(m.replyTo), json(rawOf(m))],
      );
      if (rows[0]) return rows[0];
      // A concurrent insert of the same message committed after this statement's snapshot:
      // read it now.
      const again = await sql.query<{ id: string; handled: boolean }>(
        `select id, "handledAt" is not null as handled from "InboundMessage" where platform = $1::"Platform" and "messageId" = $2`,
        [m.platform, m.messageId],
      );
      if (!again.rows[0]) throw new Error('inbound message neither inserted nor found');
      return { id: again.rows[0].id, created: false, handled: again.rows[0].handled };
    },
    /**
     * insertOnce for many messages in two statements (the inbox batches concurrent callbacks
     * so PostgreSQL does one round trip per batch instead of one per callback). Results are
     * in input order; a message repeated inside the batch is created once.
     */
    async insertMany(ms: InboundMessage[]): Promise<Inserted[]> {
      const col = <T>(f: (m: InboundMessage) => T) => ms.map(f);
      const { rows: created } = await sql.query<{ id: string; platform: string; messageId: string }>(
        `insert into "InboundMessage" (id, platform, "messageId", "chatType", "chatId", "senderId", "senderName", kind, text, quote, "replyTo", raw)
         select gen_random_uuid()::text, u.platform::"Platform", u.mid, u.ct, u.cid, u.sid, u.sname, u.kind, u.text, u.quote, u.reply::jsonb, u.raw::jsonb
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
              as u(platform, mid, ct, cid, sid, sname, kind, text, quote, reply, raw)
         on conflict (platform, "messageId") do nothing
         returning id, platform::text as platform, "messageId"`,
        [col((m) => m.platform), col((m) => m.messageId), col((m) => m.chatType), col((m) => m.chatId), col((m) => m.senderId), col((m) => m.senderName),
          col((m) => m.kind), col((m) => m.text), col((m) => m.quote), col((m) => json(m.replyTo)), col((m) => json(rawOf(m)))],
      );
      const key = (platform: string, messageId: string) => `${platform}\u0000${messageId}`;
      const fresh = new Map(created.map((r) => [key(r.platform, r.messageId), r.id]));
      const missing = ms.filter((m) => !fresh.has(key(m.platform, m.messageId)));
      const existing = new Map<string, { id: string; handled: boolean }>();
      if (missing.length) {
        const { rows } = await sql.query<{ id: string; platform: string; messageId: string; handled: boolean }>(
          `select m.id, m.platform::text as platform, m."messageId", m."handledAt" is not null as handled
           from "InboundMessage" m join unnest($1::text[], $2::text[]) as u(platform, mid)
             on m.platform::text = u.platform and m."messageId" = u.mid`,
          [missing.map((m) => m.platform), missing.map((m) => m.messageId)],
        );
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
    async get(id: string): Promise<StoredMessage | null> {
      const { rows } = await sql.query<StoredMessage>('select * from "InboundMessage" where id = $1', [id]);
      return rows[0] ?? null;
    },
    /**
     * Claims the answer for sending: queued → sending, recording who took it (`by`: the job
     * run). False if another worker has it or it is settled.
     */
    async claimAnswer(id: string, by: string | null = null): Promise<boolean> {
      const r = await sql.query(
        `update "InboundMessage" set "answerState" = 'sending', "answerClaimedAt" = $2, "answerClaimedBy" = $3, "answerAttempts" = "answerAttempts" + 1
         where id = $1 and "answerState" = 'queued'`,
        [id, new Date(), by],
      );
      return r.rowCount === 1;
    },
    /**
     * Gives back a claim whose run never sent: its claim was written but the acknowledgement
     * was lost with the database connection. Only a row still under that very claim.
     */
    async releaseAnswer(id: string, by: string): Promise<void> {
      await sql.query(`update "InboundMessage" set "answerState" = 'queued' where id = $1 and "answerState" = 'sending' and "answerClaimedBy" = $2`, [id, by]);
    },
    /**
     * Records a send's outcome. A late 'sent' from a sender that was given up on keeps the
     * note of why its outcome had been unknown; any other outcome replaces the note.
     */
    async answerResult(id: string, state: 'sent' | 'failed' | 'queued' | 'unknown', error?: string) {
      await sql.query(
        `update "InboundMessage" set "answerState" = $2::"DeliveryState",
           "answerError" = case when $2 = 'sent' and "answerState" = 'unknown' then "answerError" else $3 end,
           "answeredAt" = case when $2 = 'sent' then $4 else "answeredAt" end
         where id = $1`,
        [id, state, error ?? null, new Date()],
      );
    },
    /**
     * A send whose outcome nobody can know (its worker stopped, or the platform did not answer
     * after the request left) becomes 'unknown' with `note` added: never sent again, shown to
     * operators. Only a row still 'sending' (and, with `claimedBy`, still under that claim).
     */
    async markAnswerUnknown(id: string, note: string, claimedBy?: string): Promise<boolean> {
      const r = await sql.query(
        `update "InboundMessage" set "answerState" = 'unknown',
           "answerError" = case when "answerError" is null or "answerError" = '' then $2 else "answerError" || '; ' || $2 end
         where id = $1 and "answerState" = 'sending' and ($3::text is null or "answerClaimedBy" = $3)`,
        [id, note, claimedBy ?? null],
      );
      return r.rowCount === 1;
    },
    /**
     * Starts a handling run of an unhandled message: counts it and answers the run's number
     * (null when the message is handled or unknown). Committed before the run does anything,
     * so a run that kills its worker still counts.
     */
    async startHandling(id: string): Promise<number | null> {
      const { rows } = await sql.query<{ n: number }>(
        `update "InboundMessage" set "handleAttempts" = "handleAttempts" + 1 where id = $1 and "handledAt" is null returning "handleAttempts" as n`,
        [id],
      );
      return rows[0]?.n ?? null;
    },
    /** Notes why a handling run failed: kept when the message is given up, cleared when a later run handles it. */
    async handlingFailed(id: string, error: string) {
      await sql.query(`update "InboundMessage" set error = $2 where id = $1 and "handledAt" is null`, [id, error.slice(0, 2000)]);
    },
    /**
     * Inside the handling transaction: locks the message row until commit, so a second run
     * of the same message (a job re-run while the first is still going) waits and then finds
     * it handled. False when it is already handled.
     */
    async lockUnhandled(id: string): Promise<boolean> {
      const rows = await db.$queryRaw<{ id: string }[]>`select id from "InboundMessage" where id = ${id} and "handledAt" is null for update`;
      return rows.length === 1;
    },
    /** Stores the rendered answer and marks the message handled, once. False if already handled. `error`: it was given up. */
    async finish(id: string, answer: string | null, error?: string): Promise<boolean> {
      const r = await db.inboundMessage.updateMany({
        where: { id, handledAt: null },
        data: { handledAt: new Date(), answer, answerState: answer ? 'queued' : null, error: error ?? null },
      });
      return r.count === 1;
    },
    /** The sender's message in this chat just before `message`, received at most `withinMs` before it (what a correction of it refers to). */
    previousFrom: (message: { id: string; chatId: string | null; senderId: string; receivedAt: Date }, withinMs: number) =>
      db.inboundMessage.findFirst({
        where: { chatId: message.chatId, senderId: message.senderId, receivedAt: { gte: new Date(message.receivedAt.getTime() - withinMs), lte: message.receivedAt }, id: { not: message.id } },
        select: { id: true, text: true, outcome: true }, orderBy: { receivedAt: 'desc' },
      }),
    /** What the answer did (done, asked, refused, nothing, not_understood, answered): for operators and scenario tests. */
    setOutcome: async (id: string, outcome: string) => void (await db.inboundMessage.update({ where: { id }, data: { outcome } })),
    /**
     * Messages stored but not handled after `olderThan`: their job was lost (Redis down at
     * accept time, or flushed). Oldest first; `after` (the last row of the previous page) pages on.
     */
    unhandled: (olderThan: Date, limit = 500, after?: { id: string; receivedAt: Date }) =>
      db.inboundMessage.findMany({
        where: { handledAt: null, receivedAt: { lt: olderThan }, ...(after ? { OR: [{ receivedAt: { gt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { gt: after.id } }] } : {}) },
        select: { id: true, receivedAt: true }, take: limit, orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
      }),
    /**
     * Answers whose send job was lost (still queued) are returned to be queued again. A claim
     * older than the lease belongs to a worker that stopped mid-send: whether the platform got
     * the answer is unknown, so it becomes 'unknown' (never sent twice; the note says why).
     */
    async unsentAnswers(olderThan: Date, leaseExpired: Date, limit = 5000) {
      await db.inboundMessage.updateMany({ where: { answerState: 'sending', answerClaimedAt: { lt: leaseExpired } }, data: { answerState: 'unknown', answerError: LEASE_EXPIRED } });
      return db.inboundMessage.findMany({ where: { answerState: 'queued', handledAt: { lt: olderThan } }, select: { id: true }, take: limit });
    },
    /** How many answers are in each unsettled or failed state (an index scan: 'sent' is not counted). */
    async answerStates(): Promise<Record<'queued' | 'sending' | 'unknown' | 'failed', number>> {
      const { rows } = await sql.query<{ state: string; n: string }>(
        `select "answerState"::text as state, count(*) as n from "InboundMessage"
         where "answerState" in ('queued', 'sending', 'unknown', 'failed') group by 1`,
      );
      const out = { queued: 0, sending: 0, unknown: 0, failed: 0 };
      for (const r of rows) out[r.state as keyof typeof out] = Number(r.n);
      return out;
    },
    /** Messages an operator should look at: answers whose delivery is unknown, and messages given up (poison). */
    needingAttention: (take = 50) =>
      db.inboundMessage.findMany({
        where: { OR: [{ answerState: 'unknown' }, { answerState: 'failed' }, { handledAt: { not: null }, error: { not: null } }] },
        select: { id: true, platform: true, messageId: true, receivedAt: true, answerState: true, answerError: true, error: true, handleAttempts: true, text: true },
        orderBy: { receivedAt: 'desc' }, take,
      }),
  };
}

export const LEASE_EXPIRED = 'LEASE_EXPIRED: the worker stopped mid-send; not sent again (did the platform get it?)';
