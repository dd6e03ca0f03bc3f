/**
 * The AI bot's long connection (WECOM_BOT_MODE=ws), for offices without a public URL
 * (https://developer.work.weixin.qq.com/document/path/101463). No signature or encryption:
 * the socket is authenticated by the subscribe frame.
 *
 * 1. Connect to the ws URL and send `{cmd: "aibot_subscribe", headers: {req_id}, body: {bot_id,
 *    secret}}`; WeCom answers `{headers: {req_id}, errcode: 0}`.
 * 2. Every 30 s send `{cmd: "ping", headers: {req_id}}`; two unanswered pings drop the socket.
 * 3. `aibot_msg_callback` frames carry the same body as a callback (path/100719). Each is
 *    decoded and accepted (stored); storing is retried a few times because WeCom does not
 *    redeliver over the socket. The protocol has no per-frame ack: the answer itself is the
 *    reply, `aibot_respond_msg` on the callback's req_id (a finished stream), which WeCom
 *    acknowledges with `{headers: {req_id}, errcode}`. Later answers are pushed with
 *    `aibot_send_msg` to the chat.
 * 4. One live connection per bot: a new one kicks the old with a `disconnected_event`. The
 *    kicked side does not reconnect (two processes would otherwise kick each other forever);
 *    it calls `onKicked`, so the process-wide lease (channels/leased-connection.ts) is given
 *    back and another process (or this one, later) connects. A `disconnected_event` on a
 *    socket this client has already replaced (its own half-dead predecessor) is not a kick.
 *    A dropped socket, or one whose pings go unanswered twice, is replaced with exponential
 *    backoff (1 s → 30 s).
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { systemClock, type Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { noRateLimit, type Accept, type RateLimiter, type SendResult } from '../types.ts';
import type { BotSocket } from './api.ts';
import { mapErrcode } from './client.ts';
import { decodeBotMessage } from './decode.ts';
import { encodeStreamReply, LIMITS, truncateBytes } from './encode.ts';
import { encodeCardUpdate, encodeTemplateCard } from './encode-card.ts';
import { BotMessage, WS_CMD, WsFrame } from './types.ts';

export interface WecomBotWsOpts {
  config: { botId: string; secret: string; wsUrl: string; name?: string };
  accept: Accept;
  log: Logger;
  clock?: Clock;
  rateLimiter?: RateLimiter;
  heartbeatMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  ackTimeoutMs?: number;
  acceptRetryMs?: number[];
  /** another client took this bot's connection over (a `disconnected_event` on the live socket) */
  onKicked?: () => void;
}

export interface WecomBotWsClient extends BotSocket {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly authenticated: boolean;
}

/**
 * Proactive pushes: "无论是回复还是主动推送消息，总共给某个会话发消息的限制为 30 条/分钟，1000 条/小时"
 * (path/101463): the limit is per conversation, not per bot, so it is counted per chat.
 */
export const PUSH_RATE = { limit: 30, windowMs: 60_000 };
const running = new Set<string>();
const reqId = (prefix: string) => `${prefix}_${Date.now()}_${randomBytes(4).toString('hex')}`;

export function createWecomBotWsClient(opts: WecomBotWsOpts): WecomBotWsClient {
  const { config, log } = opts;
  const clock = opts.clock ?? systemClock;
  const heartbeatMs = opts.heartbeatMs ?? 30_000;
  const backoff = opts.backoff ?? { initialMs: 1_000, maxMs: 30_000 };
  const ackTimeoutMs = opts.ackTimeoutMs ?? 5_000;
  const acceptRetryMs = opts.acceptRetryMs ?? [1_000, 3_000, 10_000];
  const pending = new Map<string, (f: WsFrame | null) => void>();
  let socket: WebSocket | null = null;
  let stopped = true;
  let authed = false;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | null = null;

  function connect(): void {
    if (stopped) return;
    const ws = new WebSocket(config.wsUrl);
    socket = ws;
    let missed = 0;
    let beat: NodeJS.Timeout | null = null;
    ws.on('open', () => {
      void request(ws, { cmd: WS_CMD.subscribe, headers: { req_id: reqId(WS_CMD.subscribe) }, body: { bot_id: config.botId, secret: config.secret } }).then((ack) => {
        if (!ack || ack.errcode !== 0) {
          log.error({ errcode: ack?.errcode ?? null }, 'wecom bot subscribe refused: check WECOM_BOT_ID and WECOM_BOT_SECRET, and that the bot uses the long-connection API mode');
          return void ws.close();
        }
        log.info('wecom bot long connection subscribed');
        authed = true;
        attempt = 0;
        beat = setInterval(() => {
          if (missed >= 2) return void ws.terminate();
          missed += 1;
          void request(ws, { cmd: WS_CMD.ping, headers: { req_id: reqId(WS_CMD.ping) } }).then((a) => { if (a?.errcode === 0) missed = 0; });
        }, heartbeatMs);
      });
    });
    ws.on('message', (raw) => onFrame(ws, raw.toString()));
    ws.on('error', (err) => log.warn({ err: err.message }, 'wecom bot socket error'));
    ws.on('close', () => {
      if (beat) clearInterval(beat);
      if (socket === ws) { socket = null; authed = false; }
      for (const [id, resolve] of pending) { pending.delete(id); resolve(null); }
      if (!stopped) { log.warn('wecom bot long connection closed; reconnecting'); scheduleReconnect(); }
    });
  }

  function scheduleReconnect(): void {
    if (stopped || retryTimer) return;
    const delay = Math.min(backoff.initialMs * 2 ** attempt, backoff.maxMs);
    attempt += 1;
    retryTimer = setTimeout(() => { retryTimer = null; connect(); }, delay);
  }

  function onFrame(ws: WebSocket, raw: string): void {
    let frame: WsFrame;
    try {
      frame = WsFrame.parse(JSON.parse(raw));
    } catch {
      return void log.warn('wecom bot: unreadable frame ignored');
    }
    if (frame.cmd === WS_CMD.callback) return void onCallback(frame);
    if (frame.cmd === WS_CMD.event) return onEvent(ws, frame);
    const resolve = pending.get(frame.headers.req_id);
    if (resolve) { pending.delete(frame.headers.req_id); resolve(frame); }
  }

  function onEvent(ws: WebSocket, frame: WsFrame): void {
    const body = frame.body as { event?: { eventtype?: string } } | undefined;
    if (body?.event?.eventtype === 'disconnected_event') {
      if (ws !== socket) {
        log.info('wecom bot: a replaced socket was disconnected by WeCom (our new one took over)');
        return void ws.terminate();
      }
      log.error('wecom bot: another connection for this bot took over; not reconnecting');
      stopped = true;
      running.delete(config.botId);
      ws.close();
      opts.onKicked?.();
      return;
    }
    void onCallback(frame);
  }

  async function onCallback(frame: WsFrame): Promise<void> {
    const parsed = BotMessage.safeParse(frame.body);
    if (!parsed.success) return void log.warn({ reqId: frame.headers.req_id }, 'wecom bot: callback frame without a message body; dropped');
    const msg = decodeBotMessage(parsed.data, { now: clock.now(), botName: config.name, wsReqId: frame.headers.req_id });
    for (let i = 0; ; i += 1) {
      try {
        const r = await opts.accept(msg);
        if (r.status === 'duplicate') log.info({ messageId: msg.messageId }, 'wecom bot duplicate; not processed again');
        return;
      } catch (e) {
        const wait = acceptRetryMs[i];
        if (wait === undefined || stopped) return void log.error({ err: (e as Error).message, messageId: msg.messageId }, 'wecom bot: storing the message failed; it is lost');
        log.warn({ err: (e as Error).message, messageId: msg.messageId, waitMs: wait }, 'wecom bot: storing the message failed; retrying');
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /** Sends a frame and waits for the answer carrying the same req_id (null on timeout/close). */
  function request(ws: WebSocket, frame: { cmd: string; headers: { req_id: string }; body?: unknown }): Promise<WsFrame | null> {
    if (ws.readyState !== WebSocket.OPEN) return Promise.resolve(null);
    return new Promise((resolve) => {
      const id = frame.headers.req_id;
      const timer = setTimeout(() => { pending.delete(id); resolve(null); }, ackTimeoutMs);
      pending.set(id, (f) => { clearTimeout(timer); resolve(f); });
      ws.send(JSON.stringify(frame));
    });
  }

  async function sendFrame(frame: { cmd: string; headers: { req_id: string }; body: unknown }): Promise<SendResult> {
    const ws = socket;
    if (!ws || !authed || ws.readyState !== WebSocket.OPEN) return { ok: false, code: 'NOT_CONNECTED', error: 'AI bot long connection is down', retryable: true, retryAfterMs: 5_000 };
    const ack = await request(ws, frame);
    // The frame was written: without WeCom's answer nobody knows whether it was shown.
    if (!ack) return { ok: false, code: 'TIMEOUT', error: `no answer to ${frame.cmd}: the frame may have reached WeCom`, retryable: false, uncertain: true };
    return mapErrcode(ack.errcode ?? -1, ack.errmsg);
  }

  return {
    get authenticated() { return authed; },
    async respond(callbackReqId, markdown, card) {
      const body = card ? { msgtype: 'template_card', template_card: encodeTemplateCard(card) } : encodeStreamReply(reqId('stream'), markdown);
      return sendFrame({ cmd: WS_CMD.respond, headers: { req_id: callbackReqId }, body });
    },
    async push(chatId, markdown, card) {
      const waitMs = await (opts.rateLimiter ?? noRateLimit).take(`wecom:botws:${config.botId}:${chatId}`, PUSH_RATE.limit, PUSH_RATE.windowMs);
      if (waitMs > 0) return { ok: false, code: 'RATE_LIMITED', error: 'push rate to this chat reached (30 a minute)', retryable: true, retryAfterMs: waitMs };
      const body = card
        ? { chatid: chatId, msgtype: 'template_card', template_card: encodeTemplateCard(card) }
        : { chatid: chatId, msgtype: 'markdown', markdown: { content: truncateBytes(markdown, LIMITS.stream) } };
      return sendFrame({ cmd: WS_CMD.send, headers: { req_id: reqId(WS_CMD.send) }, body });
    },
    async updateCard(eventReqId, card) {
      // path/101463: aibot_respond_update_msg on the template_card_event's req_id replaces the card for everyone it went to
      return sendFrame({ cmd: WS_CMD.update, headers: { req_id: eventReqId }, body: encodeCardUpdate(card) });
    },
    async start() {
      if (!stopped) return;
      if (running.has(config.botId)) throw new AppError('CONFIG', { reason: 'a WeCom bot long connection for this bot id already runs in this process' });
      running.add(config.botId);
      stopped = false;
      attempt = 0;
      connect();
    },
    async stop() {
      if (stopped && !socket) return;
      stopped = true;
      running.delete(config.botId);
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const ws = socket;
      socket = null;
      authed = false;
      if (ws && ws.readyState !== WebSocket.CLOSED) {
        await new Promise<void>((resolve) => { ws.once('close', () => resolve()); ws.close(); setTimeout(() => { ws.terminate(); resolve(); }, 1000).unref(); });
      }
    },
  };
}
