/**
 * The contract every platform implements. Channels build `InboundMessage`s (nothing past
 * src/inbox/ sees a platform field name) and expose a `Sender` that turns an
 * `OutboundMessage` into platform calls.
 */
import { z } from 'zod';
import type { Card } from './card.ts';

export const PlatformName = z.enum(['wecom', 'dingtalk', 'console']);
export type PlatformName = z.infer<typeof PlatformName>;

/** How an answer can reach the sender of this message (platform-specific, opaque past channels). */
export const ReplyRoute = z.object({
  /** e.g. 'wecom_bot_response_url', 'wecom_app', 'dingtalk_session', 'console' */
  kind: z.string(),
  url: z.string().optional(),
  /** epoch ms after which `url` no longer works */
  expiresAt: z.number().optional(),
  /**
   * epoch ms until which the platform collects the answer itself (a WeCom stream refresh
   * pulls it): the send-answer job leaves it alone until then and sends it only if nobody
   * collected it (see conversation/deliver-answer.ts)
   */
  holdUntil: z.number().optional(),
  /** anything else the channel needs to answer (agent id, robot code, conversation id …) */
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type ReplyRoute = z.infer<typeof ReplyRoute>;

const FileRef = z.object({ name: z.string().max(300), mediaId: z.string().optional(), downloadUrl: z.string().optional(), aesKey: z.string().optional() });

export const InboundMessage = z.object({
  platform: PlatformName,
  /** the platform's unique id for de-duplication (MsgId, msgid, msgId, or sender+CreateTime for events) */
  messageId: z.string().min(1).max(200),
  chatType: z.enum(['single', 'group']),
  /** group id (WeCom chatid, DingTalk openConversationId); null in single chat */
  chatId: z.string().max(200).nullable(),
  /** platform user id (WeCom userid, DingTalk staffId); '' when the platform withholds it */
  senderId: z.string().max(200),
  senderName: z.string().max(200).nullable(),
  /** `action`: a click on a card's button; `text` is the button's action key (channels/card.ts) */
  kind: z.enum(['text', 'file', 'event', 'stream_refresh', 'action']),
  /** message text with the bot's own @mention removed and trimmed */
  text: z.string().max(20000).nullable(),
  /** text of a quoted message the user replied to, if any */
  quote: z.string().max(20000).nullable(),
  /** a file or picture attached (a plan to import, 佐证材料): where to fetch it from; `text` is then the words sent with it */
  file: FileRef.nullable(),
  /** every picture of a rich-text message (图文混排), `file` being the first */
  files: z.array(FileRef).max(20).optional(),
  replyTo: ReplyRoute.nullable(),
  /** a click's card inputs (a DingTalk template's `reason` field sent with 退回), by name */
  input: z.record(z.string().max(50), z.string().max(2000)).optional(),
  /** Unix ms the platform says the message was sent */
  sentAt: z.number().optional(),
});
export type InboundMessage = z.infer<typeof InboundMessage>;

/** What the core wants said, before platform encoding. `markdown` is the common subset. */
export interface OutboundMessage {
  markdown: string;
  /** plain-text fallback for routes without markdown */
  text: string;
  /** platform user ids to @-mention (routes that cannot @ name them in text instead) */
  mention?: string[];
  /** a file to attach (ledger export) */
  file?: { name: string; content: Buffer };
  /**
   * a card with buttons (channels/card.ts), sent instead of the markdown where the route
   * carries cards and the channel's cards are on; the markdown stays the fallback. A card
   * with `result` sent on a click's reply route updates the clicked card for everyone.
   */
  card?: Card;
}

/**
 * A card the bot showed can be updated later by its id alone on these platforms (DingTalk:
 * PUT interactiveCards by cardBizId), so a decision made in words updates the cards already
 * shown. WeCom updates a card only in answer to a click (the event's req_id or ResponseCode).
 * The route of such an update: `{kind: CARD_UPDATE_ROUTE, extra: {cardId}}`.
 */
export const CARDS_UPDATABLE_BY_ID: readonly PlatformName[] = ['dingtalk'];
export const CARD_UPDATE_ROUTE = 'card_update';

/** Where an unprompted or answering message goes. */
export type Destination =
  | { kind: 'reply'; route: ReplyRoute; platform: PlatformName }
  | { kind: 'group'; platform: PlatformName; chatId: string; webhookUrl?: string | null; webhookSecret?: string | null }
  | { kind: 'user'; platform: PlatformName; userIds: string[] };

export interface SendResult {
  ok: boolean;
  /** platform error code when not ok (e.g. '45009', '130101', '300001') */
  code?: string;
  error?: string;
  /** true when retrying later may succeed (rate limits, 5xx, a connection refused) */
  retryable?: boolean;
  /**
   * true when the request may have reached the platform although no answer came back (a
   * timeout or a cut after it was sent): sending again could show it twice, so it is not
   * retried and the outcome is recorded as unknown (channels/request-failure.ts)
   */
  uncertain?: boolean;
  /** suggested wait before the retry, ms */
  retryAfterMs?: number;
}

export interface Sender {
  readonly platform: PlatformName;
  send(to: Destination, message: OutboundMessage): Promise<SendResult>;
}

/**
 * What a platform pulling an answer (a WeCom stream refresh) gets for a stored message:
 * `pending` while it is computed, `ready` with the answer once it is taken for this
 * platform, `gone` when there is none to give (unknown, failed, or sent another way).
 */
export type HeldAnswer = { state: 'pending' } | { state: 'ready'; markdown: string } | { state: 'gone' };

/** The callback a channel calls for every verified, decoded message. Must persist before resolving. */
export type Accept = (msg: InboundMessage) => Promise<AcceptResult>;
export type AcceptResult = { status: 'accepted' | 'duplicate'; id: string };

/**
 * Shared outbound rate limit (per robot webhook, per app member …), kept in Redis so every
 * process sees the same count. Returns 0 when a send may go now, else the ms to wait.
 */
export interface RateLimiter {
  take(key: string, limit: number, windowMs: number): Promise<number>;
}
export const noRateLimit: RateLimiter = { take: async () => 0 };

/**
 * One body per signed credential: DingTalk's callback sign covers only the timestamp, so a
 * captured (timestamp, sign) pair could carry any body for the hour it is valid. `claim`
 * remembers the first body's fingerprint under `key` for `ttlMs`, shared by every web process
 * (Redis), and answers 'first' (unseen), 'same' (the same body again: a retry) or 'other' (a
 * different body: a replay).
 */
export interface ReplayGuard {
  claim(key: string, fingerprint: string, ttlMs: number): Promise<'first' | 'same' | 'other'>;
}

/**
 * A lease shared by every process (kept in Redis): one holder at a time, kept by renewing it
 * within its time to live, free for another process once the holder stops renewing.
 */
export interface Lease {
  /** takes the lease when free, or keeps it when this process holds it; false when another does */
  hold(): Promise<boolean>;
  /** gives it up now (only when this process holds it) */
  release(): Promise<void>;
  readonly ttlMs: number;
}
