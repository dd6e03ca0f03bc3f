/**
 * Reads a request body as bytes with a hard cap, so a lying or absent Content-Length
 * cannot make the process buffer more than `limit` bytes.
 */
import type { IncomingMessage } from 'node:http';
import { AppError } from './errors.ts';

export async function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError('BODY_TOO_LARGE', { limit });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** UTF-8 decode that refuses invalid byte sequences instead of inventing U+FFFD. */
export function decodeUtf8(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new AppError('BAD_REQUEST', { reason: 'invalid utf-8' });
  }
}
