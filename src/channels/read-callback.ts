/**
 * A platform callback's body, read up to 1 MB. Past that the rest of the request stays unread,
 * so the answer is a 413 with `Connection: close`: a client reusing that socket would otherwise hang.
 */
import type { Context } from 'koa';
import { isAppError } from '../lib/errors.ts';
import { readBody } from '../lib/read-body.ts';

export const MAX_CALLBACK_BYTES = 1024 * 1024;

/** The body, or null after answering 413 to one over the limit. */
export async function readCallbackBody(ctx: Context): Promise<Buffer | null> {
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
