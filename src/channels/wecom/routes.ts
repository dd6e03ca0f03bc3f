/**
 * WeCom callback routes, each reading like the protocol: verify → decrypt → decode → accept →
 * acknowledge.
 *
 * - GET /wecom/bot, GET /wecom/app: URL verification. The decrypted echostr is answered as the
 *   bare plaintext (no quotes, BOM or newline) within 1 s (path/96466, path/101033).
 * - POST /wecom/bot: `{"encrypt": …}` JSON, receive id "" (path/101033, body path/100719).
 *   Answered with an empty 200 once stored: the answer goes later through response_url.
 * - POST /wecom/app: `<xml><Encrypt>…</Encrypt></xml>`, receive id = CorpID (path/90930).
 *   Answered 200 "success" once stored: the answer goes later through message/send.
 * A duplicate (WeCom's retry, or a replay inside the timestamp window) is answered 200 so WeCom
 * stops retrying, and is not processed again. If `accept` throws (PostgreSQL down), the error
 * propagates to the server's boundary, which answers 5xx, and WeCom retries.
 *
 * What this expects from the server: no body parser in front of these routes (the raw body is
 * read here from `ctx.req` with a 1 MB cap; over that is a 413 with `Connection: close`), and an
 * error boundary mapping AppError to its status (BAD_SIGNATURE 401, STALE_TIMESTAMP 403,
 * BAD_REQUEST 400). Failures are logged with the reason, never the payload.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { systemClock, type Clock } from '../../lib/clock.ts';
import { AppError, isAppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { decodeUtf8, readBody } from '../../lib/read-body.ts';
import type { Accept } from '../types.ts';
import { decodeAppMessage, decodeBotMessage, parseAppEnvelope, parseAppMessage, parseBotEnvelope, parseBotMessage } from './decode.ts';
import type { WecomChannelConfig } from './types.ts';
import { aesKeyOf, readCallbackQuery, verifyCallback, type CallbackSecrets } from './verify.ts';

export const WECOM_BOT_PATH = '/wecom/bot';
export const WECOM_APP_PATH = '/wecom/app';
export const MAX_CALLBACK_BYTES = 1024 * 1024;

export interface WecomRouterDeps {
  config: WecomChannelConfig;
  accept: Accept;
  log: Logger;
  clock?: Clock;
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
      const raw = await readCapped(ctx);
      if (!raw) return;
      const envelope = guarded(log, ctx.path, () => parseBotEnvelope(decodeUtf8(raw)));
      const plain = guarded(log, ctx.path, () => verifyCallback(secrets, q, envelope.encrypt, clock.now()));
      const msg = guarded(log, ctx.path, () => decodeBotMessage(parseBotMessage(plain), { now: clock.now(), botName: bot.name }));
      const result = await deps.accept(msg);
      if (result.status === 'duplicate') log.info({ messageId: msg.messageId }, 'wecom bot duplicate; not processed again');
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
      const raw = await readCapped(ctx);
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

/**
 * Reads at most 1 MB. Past that the rest of the request stays unread, so the answer is a 413
 * with `Connection: close`: a client reusing that socket would otherwise hang.
 */
async function readCapped(ctx: Context): Promise<Buffer | null> {
  try {
    return await readBody(ctx.req, MAX_CALLBACK_BYTES);
  } catch (e) {
    if (!isAppError(e) || e.code !== 'BODY_TOO_LARGE') throw e;
    ctx.set('Connection', 'close');
    ctx.status = 413;
    ctx.body = { error: e.code };
    return null;
  }
}
