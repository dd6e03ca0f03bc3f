/**
 * DingTalk signatures, both directions.
 *
 * Inbound (robot HTTP callback, https://open.dingtalk.com/document/orgapp/receive-message):
 * headers `timestamp` (ms) and `sign` = Base64(HmacSHA256(key = appSecret,
 * data = timestamp + "\n" + appSecret)); refuse when |now − timestamp| > 1 hour. The sign
 * covers only the timestamp, never the body, so a captured pair could carry a forged body for
 * that hour: `checkReplay` lets each pair carry one body only (REPLAY, 403, for any other),
 * and de-duplication by `msgId` (the inbox) stops the same body being processed twice.
 *
 * Outbound (custom group robot 加签, https://open.dingtalk.com/document/robots/customize-robot-security-settings):
 * the same HMAC over `timestamp + "\n" + secret`, appended URL-encoded to the webhook URL.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import { AppError } from '../../lib/errors.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { ReplayGuard } from '../types.ts';

/** How long the replay check may wait for Redis before letting a callback through, ms. */
export const REPLAY_CHECK_MS = 500;

/** How far a callback's timestamp may be from our clock, ms. */
export const SIGN_WINDOW_MS = 60 * 60 * 1000;

/** Base64 HMAC-SHA256 of `timestamp + "\n" + secret`, keyed with `secret`. */
export function signTimestamp(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

/**
 * Throws BAD_SIGNATURE (401) when the sign was not made with `secret`, STALE_TIMESTAMP (403)
 * when it was but the timestamp is more than an hour from `nowMs`.
 */
export function checkSignature(headers: { timestamp?: string; sign?: string }, secret: string, nowMs: number): void {
  const { timestamp, sign } = headers;
  if (!timestamp || !sign || !/^\d{1,16}$/.test(timestamp)) throw new AppError('BAD_SIGNATURE', { reason: 'missing or malformed timestamp/sign headers' });
  const expected = Buffer.from(signTimestamp(timestamp, secret), 'utf8');
  const given = Buffer.from(sign, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError('BAD_SIGNATURE', { reason: 'sign mismatch: check DINGTALK_APP_SECRET' });
  }
  if (Math.abs(nowMs - Number(timestamp)) > SIGN_WINDOW_MS) throw new AppError('STALE_TIMESTAMP', { timestamp: Number(timestamp), now: nowMs });
}

/**
 * Koa middleware checking the callback headers before the body is read, so an unsigned
 * request costs no body buffering.
 */
export function verifyDingtalk(appSecret: string, clock: Clock): Middleware {
  return async (ctx, next) => {
    checkSignature({ timestamp: ctx.get('timestamp') || undefined, sign: ctx.get('sign') || undefined }, appSecret, clock.now().getTime());
    await next();
  };
}

/**
 * Lets a (timestamp, sign) pair carry one body: the first body seen under it is remembered
 * (by SHA-256) until the pair's timestamp leaves the sign window, in every web process. The
 * same body again is a retry and passes (the inbox de-duplicates it by msgId); another body
 * is a REPLAY (403). If the guard cannot answer within REPLAY_CHECK_MS (Redis down) the
 * callback passes with a warning: a callback must not wait on Redis (the enqueue after it
 * already may, and DingTalk gives a callback 5 s), and msgId de-duplication still holds.
 */
export async function checkReplay(guard: ReplayGuard, headers: { timestamp: string; sign: string }, raw: Buffer, nowMs: number, log: Logger): Promise<void> {
  const ttlMs = Number(headers.timestamp) + SIGN_WINDOW_MS - nowMs + 60_000;
  const fingerprint = createHash('sha256').update(raw).digest('base64');
  let seen: Awaited<ReturnType<ReplayGuard['claim']>>;
  let timer: NodeJS.Timeout | undefined;
  try {
    const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${REPLAY_CHECK_MS} ms`)), REPLAY_CHECK_MS); });
    seen = await Promise.race([guard.claim(`dingtalk:${headers.timestamp}:${headers.sign}`, fingerprint, ttlMs), late]);
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'dingtalk replay check unavailable (Redis?); callback let through, msgId de-duplication still holds');
    return;
  } finally {
    clearTimeout(timer);
  }
  if (seen === 'other') throw new AppError('REPLAY', { reason: 'another body under a (timestamp, sign) pair already used' });
}

/** A custom robot webhook URL with `timestamp` (ms) and the URL-encoded `sign` appended. */
export function signWebhookUrl(webhookUrl: string, secret: string, nowMs: number): string {
  const url = new URL(webhookUrl);
  const timestamp = String(nowMs);
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('sign', signTimestamp(timestamp, secret));
  return url.toString();
}

/**
 * The `sig` a card's callbackUrl carries (PUBLIC_BASE_URL/dingtalk/card?sig=…): HMAC-SHA256 of a
 * fixed label under the app secret, hex. Only DingTalk (given the URL with the card) knows it.
 */
export function cardCallbackSig(appSecret: string): string {
  return createHmac('sha256', appSecret).update('duban-card-callback').digest('hex');
}
