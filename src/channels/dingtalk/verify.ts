/**
 * DingTalk signatures, both directions.
 *
 * Inbound (robot HTTP callback, https://open.dingtalk.com/document/orgapp/receive-message):
 * headers `timestamp` (ms) and `sign` = Base64(HmacSHA256(key = appSecret,
 * data = timestamp + "\n" + appSecret)); refuse when |now − timestamp| > 1 hour. The sign
 * covers only the timestamp, never the body, so a captured pair can be replayed inside the
 * window: de-duplication by `msgId` (the inbox) is what stops a replay being processed twice.
 *
 * Outbound (custom group robot 加签, https://open.dingtalk.com/document/robots/customize-robot-security-settings):
 * the same HMAC over `timestamp + "\n" + secret`, appended URL-encoded to the webhook URL.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import { AppError } from '../../lib/errors.ts';
import type { Clock } from '../../lib/clock.ts';

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

/** A custom robot webhook URL with `timestamp` (ms) and the URL-encoded `sign` appended. */
export function signWebhookUrl(webhookUrl: string, secret: string, nowMs: number): string {
  const url = new URL(webhookUrl);
  const timestamp = String(nowMs);
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('sign', signTimestamp(timestamp, secret));
  return url.toString();
}
