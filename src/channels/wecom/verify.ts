/**
 * WeCom callback security: signature, timestamp window, AES-256-CBC envelope
 * (https://developer.work.weixin.qq.com/document/path/90968 for apps,
 * https://developer.work.weixin.qq.com/document/path/101033 for the AI bot).
 *
 * `msg_signature = sha1(sort([token, timestamp, nonce, encrypt]).join(''))`; the envelope is
 * base64(AES-256-CBC(key = base64(EncodingAESKey + '='), iv = key[0..16],
 * PKCS#7 to a multiple of 32 of random(16) ‖ msg_len(4, big-endian) ‖ msg ‖ receiveid)).
 *
 * @wecom/crypto computes the signature and seals replies. What it leaves to the caller, done here:
 * - it returns the signature; comparing it is ours, in constant time;
 * - its `decrypt` keeps the data as it is when the pad byte is outside 1..32 and never checks
 *   the pad bytes (garbage, not an error), reads msg_len without bounds (a msg_len past the end
 *   yields an empty receive id, which is exactly the AI bot's expected ""), and decodes UTF-8
 *   leniently. So opening is done here with node:crypto, strictly, and the receive id must equal
 *   the CorpID (app) or "" (AI bot).
 * Every failure is an AppError (BAD_SIGNATURE 401, STALE_TIMESTAMP 403) whose detail names the
 * reason and never the payload.
 */
import { createDecipheriv, timingSafeEqual } from 'node:crypto';
import { encrypt as wecomEncrypt, getSignature } from '@wecom/crypto';
import { AppError } from '../../lib/errors.ts';
import { CallbackQuery } from './types.ts';

/** How far a callback's timestamp may lie from our clock (WeCom retries within ~15 s). */
export const TIMESTAMP_TOLERANCE_MS = 10 * 60 * 1000;

export interface CallbackSecrets {
  token: string;
  aesKey: string;
  /** CorpID for the self-built app, "" for the AI bot */
  receiveId: string;
}

/**
 * Reads msg_signature, timestamp and nonce from a parsed query. A repeated parameter is
 * refused; a space in base64 values is turned back into '+' (an unencoded '+' that the query
 * parser decoded as a space: base64 never contains spaces).
 */
export function readCallbackQuery(query: Record<string, string | string[] | undefined>): CallbackQuery & { echostr?: string } {
  const one = (k: string) => {
    const v = query[k];
    if (Array.isArray(v)) throw new AppError('BAD_SIGNATURE', { reason: `repeated ${k}` });
    return v;
  };
  const parsed = CallbackQuery.safeParse({ msg_signature: one('msg_signature'), timestamp: one('timestamp'), nonce: one('nonce') });
  if (!parsed.success) throw new AppError('BAD_SIGNATURE', { reason: 'missing or malformed msg_signature/timestamp/nonce' });
  const echostr = one('echostr');
  return { ...parsed.data, ...(echostr !== undefined ? { echostr: echostr.replace(/ /g, '+') } : {}) };
}

/** Constant-time check of msg_signature over (token, timestamp, nonce, encrypt). */
export function checkSignature(token: string, q: CallbackQuery, encrypt: string): void {
  const expected = Buffer.from(getSignature(token, q.timestamp, q.nonce, encrypt), 'latin1');
  const given = Buffer.from(q.msg_signature.toLowerCase(), 'latin1');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError('BAD_SIGNATURE', { reason: 'msg_signature mismatch' });
  }
}

/** Refuses a callback whose timestamp (seconds) lies outside the tolerance window around `now`. */
export function checkTimestamp(timestampSec: string, now: Date, toleranceMs = TIMESTAMP_TOLERANCE_MS): void {
  const skew = Math.abs(Number(timestampSec) * 1000 - now.getTime());
  if (!Number.isFinite(skew) || skew > toleranceMs) throw new AppError('STALE_TIMESTAMP', { skewMs: Number.isFinite(skew) ? skew : null });
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The 32-byte AES key of a 43-character EncodingAESKey. */
export function aesKeyOf(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (encodingAesKey.length !== 43 || key.length !== 32) throw new AppError('CONFIG', { reason: 'EncodingAESKey must be 43 base64 characters' });
  return key;
}

/** Decrypts an envelope strictly and returns `msg` as UTF-8 text. */
export function openEnvelope(encodingAesKey: string, encrypt: string, receiveId: string): string {
  const fail = (reason: string): never => { throw new AppError('BAD_SIGNATURE', { reason }); };
  if (encrypt.length % 4 !== 0 || !BASE64.test(encrypt)) fail('ciphertext is not base64');
  const data = Buffer.from(encrypt, 'base64');
  if (data.length < 32 || data.length % 16 !== 0) fail('ciphertext length is not a whole number of blocks');
  const key = aesKeyOf(encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(data), decipher.final()]);
  const pad = plain[plain.length - 1]!;
  if (pad < 1 || pad > 32 || pad > plain.length) fail('bad PKCS#7 padding');
  for (let i = plain.length - pad; i < plain.length; i += 1) if (plain[i] !== pad) fail('bad PKCS#7 padding');
  const body = plain.subarray(0, plain.length - pad);
  if (body.length < 20) fail('envelope shorter than random + msg_len');
  const msgLen = body.readUInt32BE(16);
  if (msgLen > body.length - 20) fail('msg_len beyond the envelope');
  const id = body.subarray(20 + msgLen);
  const want = Buffer.from(receiveId, 'utf8');
  if (id.length !== want.length || !timingSafeEqual(id, want)) fail('receive id mismatch');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(20, 20 + msgLen));
  } catch {
    return fail('message is not UTF-8');
  }
}

/**
 * The whole check for one callback, in order: signature (before anything else), timestamp
 * window, then the envelope. Returns the decrypted message.
 */
export function verifyCallback(secrets: CallbackSecrets, q: CallbackQuery, encrypt: string, now: Date): string {
  checkSignature(secrets.token, q, encrypt);
  checkTimestamp(q.timestamp, now);
  return openEnvelope(secrets.aesKey, encrypt, secrets.receiveId);
}

/** Seals a message the way WeCom expects a passive reply, using @wecom/crypto. */
export function sealEnvelope(encodingAesKey: string, message: string, receiveId: string, random?: Buffer): string {
  aesKeyOf(encodingAesKey);
  return wecomEncrypt(encodingAesKey, message, receiveId, random);
}

/** An encrypted, signed AI bot passive reply body (path/101033 "加密与被动回复"). */
export function sealBotReply(secrets: CallbackSecrets, payload: unknown, timestampSec: number, nonce: string): { encrypt: string; msgsignature: string; timestamp: number; nonce: string } {
  const encrypt = sealEnvelope(secrets.aesKey, JSON.stringify(payload), secrets.receiveId);
  return { encrypt, msgsignature: getSignature(secrets.token, timestampSec, nonce, encrypt), timestamp: timestampSec, nonce };
}
