/**
 * Files sent to the AI bot in single chat (a plan document to import) arrive as a `file.url`
 * valid for 5 minutes whose content is encrypted like the callback body, without its framing:
 * AES-256-CBC with key = base64(EncodingAESKey + '='), iv = key[0..16], PKCS#7 padding to a
 * multiple of 32 (https://developer.work.weixin.qq.com/document/path/100719, 文件 结构体).
 * In long-connection mode each file carries its own `aeskey` (base64 of 32 bytes) instead.
 * The URL comes from a verified callback; it is still fetched with a size cap and a timeout,
 * and bad padding is an error, not garbage.
 */
import { AppError } from '../../lib/errors.ts';
import { createDecipheriv } from 'node:crypto';
import { aesKeyOf } from './verify.ts';
import { bodyStream, collect } from '../file-stream.ts';

export const MAX_BOT_FILE_BYTES = 20 * 1024 * 1024;
const TIMEOUT_MS = 15_000;

/** The 32-byte key: an EncodingAESKey (43 characters) or a file's own base64 aeskey. */
function fileKey(encoded: string): Buffer {
  if (encoded.length === 43) return aesKeyOf(encoded);
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== 32) throw new AppError('FILE_UNREADABLE', { reason: 'bad file key', platform: 'wecom' });
  return key;
}

/** Decrypts the bytes of an AI bot file. */
export function decryptBotFile(encodingAesKey: string, data: Buffer): Buffer {
  const key = fileKey(encodingAesKey);
  if (data.length === 0 || data.length % 16 !== 0) throw new AppError('FILE_UNREADABLE', { reason: 'ciphertext length', platform: 'wecom' });
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(data), decipher.final()]);
  const pad = plain[plain.length - 1]!;
  const badPad = pad < 1 || pad > 32 || pad > plain.length || plain.subarray(plain.length - pad).some((b) => b !== pad);
  if (badPad) throw new AppError('FILE_UNREADABLE', { reason: 'bad padding', platform: 'wecom' });
  return plain.subarray(0, plain.length - pad);
}

/**
 * Decrypts a stream of AI bot file bytes as they arrive: whole 16-byte blocks are deciphered,
 * the last block is held back until the end to check and strip the PKCS#7 padding.
 */
export async function* decryptBotStream(encodingAesKey: string, data: AsyncIterable<Uint8Array>): AsyncIterable<Buffer> {
  const key = fileKey(encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  let carry = Buffer.alloc(0);
  let held = Buffer.alloc(0);
  let total = 0;
  for await (const part of data) {
    total += part.length;
    const all = Buffer.concat([carry, Buffer.from(part)]);
    const whole = all.length - (all.length % 16);
    carry = all.subarray(whole);
    if (!whole) continue;
    const plain = Buffer.concat([held, decipher.update(all.subarray(0, whole))]);
    // keep the last 32 bytes (the longest padding) until the end
    const out = plain.subarray(0, Math.max(0, plain.length - 32));
    held = Buffer.from(plain.subarray(out.length));
    if (out.length) yield out;
  }
  if (total === 0 || carry.length) throw new AppError('FILE_UNREADABLE', { reason: 'ciphertext length', platform: 'wecom' });
  const plain = Buffer.concat([held, decipher.final()]);
  const pad = plain[plain.length - 1]!;
  const badPad = pad < 1 || pad > 32 || pad > plain.length || plain.subarray(plain.length - pad).some((b) => b !== pad);
  if (badPad) throw new AppError('FILE_UNREADABLE', { reason: 'bad padding', platform: 'wecom' });
  if (plain.length > pad) yield plain.subarray(0, plain.length - pad);
}

/** Opens an AI bot file from its callback URL: downloaded and decrypted as a stream, cut past the size limit. */
export async function openBotFile(encodingAesKey: string, url: string, maxBytes = MAX_BOT_FILE_BYTES): Promise<AsyncIterable<Buffer>> {
  const u = new URL(url);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new AppError('FILE_UNAVAILABLE', { reason: 'bad url', platform: 'wecom', wecom: true });
  fileKey(encodingAesKey);
  const res = await fetch(u, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
  if (!res.ok) throw new AppError('FILE_UNAVAILABLE', { reason: `HTTP ${res.status}`, platform: 'wecom', wecom: true });
  // the ciphertext is at most 32 bytes longer than the file
  return decryptBotStream(encodingAesKey, bodyStream(res, 'wecom', maxBytes + 32));
}

/** Downloads and decrypts an AI bot file from its callback URL. */
export async function fetchBotFile(encodingAesKey: string, url: string, maxBytes = MAX_BOT_FILE_BYTES): Promise<Buffer> {
  return collect(await openBotFile(encodingAesKey, url, maxBytes));
}
