/**
 * A platform request that failed without an answer: did it go out? A refused connection, an
 * unknown host, or a failure while getting the access token happened before anything was
 * sent, so trying again repeats nothing. A timeout, or a connection cut after the request was
 * written, leaves the outcome unknown: the platform may already show the message, and sending
 * it again could say it twice. Such a send answers `uncertain` (not retryable); the caller
 * records it as 'unknown' for operators instead of sending a second time.
 */
import type { SendResult } from './types.ts';

/** Socket error codes raised while connecting, before a byte of the request left. */
const BEFORE_THE_REQUEST = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);

/** An error raised before the request was sent (getting a token, preparing the body). */
export class NotSent extends Error {
  constructor(readonly original: unknown) {
    super((original as Error)?.message ?? String(original));
    this.name = 'NotSent';
  }
}

/** Runs a step that comes before the request, so its failure is known not to have sent anything. */
export async function beforeSending<T>(step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (e) {
    throw new NotSent(e);
  }
}

/**
 * The SendResult for a request that threw. `sends`: the request itself shows a message (a
 * message send, a webhook post); uploads and downloads are safe to repeat whatever happened.
 */
export function requestFailure(e: unknown, opts: { sends: boolean; retryAfterMs?: number }): SendResult {
  const err = (e instanceof NotSent ? e.original : e) as Error & { code?: string; cause?: { code?: string } };
  const timeout = err?.name === 'TimeoutError' || err?.name === 'AbortError';
  const code = timeout ? 'TIMEOUT' : 'NETWORK';
  const socketCode = err?.cause?.code ?? err?.code ?? '';
  const message = err?.message ?? String(err);
  if (!opts.sends || e instanceof NotSent || BEFORE_THE_REQUEST.has(socketCode)) {
    return { ok: false, code, error: message, retryable: true, ...(opts.retryAfterMs ? { retryAfterMs: opts.retryAfterMs } : {}) };
  }
  return { ok: false, code, error: `${message}${socketCode ? ` (${socketCode})` : ''}: the request may have reached the platform`, retryable: false, uncertain: true };
}
