/**
 * AI bot stream replies in callback mode (https://developer.work.weixin.qq.com/document/path/101031,
 * refresh callbacks path/100719, encryption path/101033).
 *
 * A text message is answered at once with the passive reply `{msgtype: "stream", stream: {id,
 * finish: false, content: "处理中…"}}`. WeCom then sends stream-refresh callbacks carrying that
 * id, for at most 6 minutes from the message, until a reply says `finish: true`; each reply's
 * content replaces the previous one (≤ 20 480 bytes). A refresh takes the stored answer through
 * the `collect` port, which claims it the way the send-answer job does, so it is delivered once.
 *
 * The stream id is the stored message id with a prefix: a WeCom retry of the same callback is
 * stored once (same row), so it gets the same stream id, and a refresh finds its message with
 * one primary-key read, without storing anything.
 */
import type { HeldAnswer } from '../types.ts';
import { encodeStreamReply } from './encode.ts';

const PREFIX = 'duban-';
const STORED_ID = /^[A-Za-z0-9-]{1,64}$/;

/** What the router needs to answer refreshes; wired to the store in src/wiring/channels.ts. */
export interface BotStreamPort {
  /** Takes the answer to stored message `id` for this stream, once (see collectHeldAnswer). */
  collect(id: string): Promise<HeldAnswer>;
  /** the short text shown while the answer is computed (templates/stream-pending.md) */
  pending: string;
  /** the closing note of a stream with nothing to show (templates/stream-gone.md) */
  gone: string;
  /** how long refreshes may collect an answer; 6 minutes unless a test shortens it */
  windowMs?: number;
}

export const streamIdOf = (storedId: string): string => `${PREFIX}${storedId}`;

/** The stored message id a stream id names, or null when it is not one of ours. */
export function storedIdOf(streamId: string | null): string | null {
  if (!streamId?.startsWith(PREFIX)) return null;
  const id = streamId.slice(PREFIX.length);
  return STORED_ID.test(id) ? id : null;
}

export type StreamReply = ReturnType<typeof encodeStreamReply>;

/** The first reply to a text message: the stream opens with the placeholder. */
export function streamStart(storedId: string, port: Pick<BotStreamPort, 'pending'>): StreamReply {
  return encodeStreamReply(streamIdOf(storedId), port.pending, false);
}

/** The reply to one refresh of `streamId`: the answer (finish), the placeholder, or a closing note. */
export async function streamRefresh(streamId: string, port: BotStreamPort): Promise<{ reply: StreamReply; state: HeldAnswer['state'] }> {
  const id = storedIdOf(streamId);
  const held: HeldAnswer = id ? await port.collect(id) : { state: 'gone' };
  if (held.state === 'ready') return { reply: encodeStreamReply(streamId, held.markdown, true), state: held.state };
  if (held.state === 'pending') return { reply: encodeStreamReply(streamId, port.pending, false), state: held.state };
  return { reply: encodeStreamReply(streamId, port.gone, true), state: held.state };
}
