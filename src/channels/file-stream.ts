/**
 * Received files as streams: a platform's download body is passed on chunk by chunk (to the
 * file store, which writes it as it comes), cut off past the size limit. `collect` joins a
 * stream for the few readers that need the whole document (a plan to import, a ledger).
 */
import { AppError } from '../lib/errors.ts';

/** The platforms' own limit for a file a bot receives (WeCom, DingTalk: 20 MB). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type FileStream = AsyncIterable<Uint8Array>;

/** A response body as a stream, refused early when its declared length is over the limit and cut when it grows past it. */
export async function* bodyStream(res: Response, platform: string, maxBytes = MAX_FILE_BYTES): FileStream {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new AppError('FILE_TOO_LARGE', { mb: Math.round(maxBytes / 1048576), platform });
  }
  if (!res.body) return;
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw new AppError('FILE_TOO_LARGE', { mb: Math.round(maxBytes / 1048576), platform });
    yield chunk;
  }
}

export async function collect(stream: FileStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

/** A buffer as a stream of 64 KB chunks (the console, tests). */
export async function* bufferStream(b: Buffer): FileStream {
  for (let i = 0; i < b.length; i += 65536) yield b.subarray(i, i + 65536);
}

/** A picture has no name: 图片-<end of the message id>[-n].jpg (its real type is read from its content). */
export function pictureName(messageId: string, n?: number): string {
  const tail = messageId.replace(/[^\w]/g, '').slice(-6) || 'x';
  return `图片-${tail}${n ? `-${n}` : ''}.jpg`;
}
