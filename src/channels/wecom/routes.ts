/**
 * WeCom callback routes, each reading like the protocol: verify → decrypt → decode → accept →
 * acknowledge.
 *
 * - GET /wecom/bot, GET /wecom/app: URL verification. The decrypted echostr is answered as the
 *   bare plaintext (no quotes, BOM or newline) within 1 s (path/96466, path/101033).
 * - POST /wecom/bot: `{"encrypt": …}` JSON, receive id "" (path/101033, body path/100719).
 *   A text, mixed or voice message is stored first, then answered 200 with the encrypted
 *   passive reply `{encrypt, msgsignature, timestamp, nonce}` — the nonce must be the callback
 *   URL's ("随机数，需要用回调url中的nonce", path/101033) — sealing a stream start
 *   `{msgtype: "stream", stream: {id, finish: false, content: "处理中…"}}` (path/101031). The
 *   stream id comes from the stored row, so WeCom's retry of the callback gets the same id.
 *   A stream-refresh callback is not stored: it reads the row, and once the answer is computed
 *   takes it (the same claim as the send-answer job, so it goes out once) and replies
 *   `finish: true` with it; before that `finish: false` with the placeholder; for a stream we
 *   do not know, `finish: true` with a short note. An answer no refresh took within the
 *   6-minute window goes through the message's response_url (conversation/deliver-answer.ts).
 *   Other messages (files, events) are answered with an empty 200; files answer through
 *   response_url. Without a stream port (`deps.stream`) every message is answered that way.
 * - POST /wecom/app: `<xml><Encrypt>…</Encrypt></xml>`, receive id = CorpID (path/90930).
 *   Answered 200 "success" once stored: the answer goes later through message/send.
 * A duplicate (WeCom's retry, or a replay inside the timestamp window) is answered 200 so WeCom
 * stops retrying, and is not processed again. If `accept` throws (PostgreSQL down), the error
 * propagates to the server's boundary, which answers 5xx, and WeCom retries.
 *
 * What this expects from the server: no body parser in front of these routes (the raw body is
 * read here from `ctx.req` with a 1 MB cap, after the query and its timestamp are checked;
 * over that is a 413 with `Connection: close`), and an
 * error boundary mapping AppError to its status (BAD_SIGNATURE 401, STALE_TIMESTAMP 403,
 * BAD_REQUEST 400). Failures are logged with the reason, never the payload.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { systemClock, type Clock } from '../../lib/clock.ts';
import { AppError, isAppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { decodeUtf8 } from '../../lib/read-body.ts';
import { readCallbackBody } from '../read-callback.ts';
import type { Accept } from '../types.ts';
import { decodeAppMessage, decodeBotMessage, parseAppEnvelope, parseAppMessage, parseBotEnvelope, parseBotMessage, STREAM_ROUTE } from './decode.ts';
import { streamRefresh, streamStart, type BotStreamPort } from './stream.ts';
import type { WecomChannelConfig } from './types.ts';
import { aesKeyOf, checkTimestamp, readCallbackQuery, sealBotReply, verifyCallback, type CallbackSecrets } from './verify.ts';

export const WECOM_BOT_PATH = '/wecom/bot';
export const WECOM_APP_PATH = '/wecom/app';

export interface WecomRouterDeps {
  config: WecomChannelConfig;
  accept: Accept;
  log: Logger;
  clock?: Clock;
  /** AI bot stream replies: without it, messages are answered empty and later through response_url */
  stream?: BotStreamPort;
}

export function createWecomRouter(deps: WecomRouterDeps): Router {
  const router = new Router();
  const clock = deps.clock ?? systemClock;
  const { config, log } = deps;
  const bot = config.bot && config.bot.mode === 'callback' ? config.bot : null;

  if (bot) {
    if (!bot.token) throw new AppError('CONFIG', { reason: 'WECOM_BOT_TOKEN is required in callback mode' });
    aesKeyOf(bot.aesKey);
    const secrets: CallbackSecrets = { token: bot.token, aesKey: bot.aesKey, receiveId: '' };
    router.get(WECOM_BOT_PATH, (ctx) => answerVerification(ctx, secrets, clock, log));
    router.post(WECOM_BOT_PATH, async (ctx) => {
      const q = guarded(log, ctx.path, () => readCallbackQuery(ctx.query));
      guarded(log, ctx.path, () => checkTimestamp(q.timestamp, clock.now())); // before reading a body it would refuse
      const raw = await readCallbackBody(ctx);
      if (!raw) return;
      const envelope = guarded(log, ctx.path, () => parseBotEnvelope(decodeUtf8(raw)));
      const plain = guarded(log, ctx.path, () => verifyCallback(secrets, q, envelope.encrypt, clock.now()));
      const stream = deps.stream;
      const msg = guarded(log, ctx.path, () => decodeBotMessage(parseBotMessage(plain), { now: clock.now(), botName: bot.name, stream: Boolean(stream), streamWindowMs: stream?.windowMs }));
      if (msg.kind === 'stream_refresh') return answerRefresh(ctx, msg.text ?? '', q.nonce, { stream, secrets, clock, log });
      const result = await deps.accept(msg);
      if (result.status === 'duplicate') log.info({ messageId: msg.messageId }, 'wecom bot duplicate; not processed again');
      if (stream && msg.replyTo?.kind === STREAM_ROUTE) return sealReply(ctx, streamStart(result.id, stream), secrets, clock, q.nonce);
      ctx.status = 200;
      ctx.body = '';
    });
  }

  const app = config.app;
  if (app) {
    aesKeyOf(app.aesKey);
    const secrets: CallbackSecrets = { token: app.token, aesKey: app.aesKey, receiveId: config.corpId };
    router.get(WECOM_APP_PATH, (ctx) => answerVerification(ctx, secrets, clock, log));
    router.post(WECOM_APP_PATH, async (ctx) => {
      const q = guarded(log, ctx.path, () => readCallbackQuery(ctx.query));
      guarded(log, ctx.path, () => checkTimestamp(q.timestamp, clock.now())); // before reading a body it would refuse
      const raw = await readCallbackBody(ctx);
      if (!raw) return;
      const envelope = guarded(log, ctx.path, () => parseAppEnvelope(decodeUtf8(raw)));
      const plain = guarded(log, ctx.path, () => verifyCallback(secrets, q, envelope.Encrypt, clock.now()));
      const msg = guarded(log, ctx.path, () => decodeAppMessage(parseAppMessage(plain), { agentId: app.agentId }));
      const result = await deps.accept(msg);
      if (result.status === 'duplicate') log.info({ messageId: msg.messageId }, 'wecom app duplicate; not processed again');
      ctx.status = 200;
      ctx.type = 'text/plain';
      ctx.body = 'success';
    });
  }
  return router;
}

/** GET verification: signature, timestamp window, decrypt echostr, answer it byte for byte. */
function answerVerification(ctx: Context, secrets: CallbackSecrets, clock: Clock, log: Logger): void {
  const q = guarded(log, ctx.path, () => readCallbackQuery(ctx.query));
  if (!q.echostr) throw new AppError('BAD_REQUEST', { reason: 'echostr missing' });
  const plain = guarded(log, ctx.path, () => verifyCallback(secrets, q, q.echostr!, clock.now()));
  ctx.status = 200;
  ctx.type = 'text/plain';
  ctx.body = Buffer.from(plain, 'utf8');
}

/**
 * A stream refresh is answered from the stored row and never stored itself: WeCom sends one
 * every few seconds per open stream. Without a stream port there is no stream to refresh.
 */
async function answerRefresh(ctx: Context, streamId: string, nonce: string, deps: { stream?: BotStreamPort; secrets: CallbackSecrets; clock: Clock; log: Logger }): Promise<void> {
  if (!deps.stream) {
    ctx.status = 200;
    ctx.body = '';
    return;
  }
  const { reply, state } = await streamRefresh(streamId, deps.stream);
  deps.log.debug({ streamId, state }, 'wecom stream refresh');
  sealReply(ctx, reply, deps.secrets, deps.clock, nonce);
}

/**
 * The encrypted passive reply (path/101033): receive id "", our own timestamp in seconds, and
 * the callback URL's nonce, which the document requires ("需要用回调url中的nonce").
 */
function sealReply(ctx: Context, payload: unknown, secrets: CallbackSecrets, clock: Clock, callbackNonce: string): void {
  ctx.status = 200;
  ctx.type = 'application/json';
  ctx.body = sealBotReply(secrets, payload, Math.floor(clock.now().getTime() / 1000), callbackNonce);
}

/** Runs one protocol step; a refusal is logged here with its reason (never the payload). */
function guarded<T>(log: Logger, path: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (isAppError(e)) {
      const hint = e.code === 'BAD_SIGNATURE' ? 'check WECOM_*_TOKEN, WECOM_*_AES_KEY and WECOM_CORP_ID' : undefined;
      log.warn({ path, code: e.code, reason: e.detail.reason, hint }, 'wecom callback refused');
    }
    throw e;
  }
}

