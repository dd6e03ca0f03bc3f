/**
 * An in-memory `accept` for channel tests: stores each platform message id once, like the
 * inbox's unique (platform, message id) row, and records what would be processed.
 */
import { InboundMessage, type Accept } from '../../src/channels/types.ts';

export function memoryAccept(opts: { delayMs?: number; fail?: () => boolean } = {}) {
  const seen = new Map<string, string>();
  const processed: InboundMessage[] = [];
  const events: string[] = [];
  const accept: Accept = async (input) => {
    const msg = InboundMessage.parse(input);
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    if (opts.fail?.()) throw new Error('store down');
    const key = `${msg.platform}:${msg.messageId}`;
    const existing = seen.get(key);
    if (existing) { events.push(`duplicate:${msg.messageId}`); return { status: 'duplicate', id: existing }; }
    const id = `row-${seen.size + 1}`;
    seen.set(key, id);
    processed.push(msg);
    events.push(`accepted:${msg.messageId}`);
    return { status: 'accepted', id };
  };
  return { accept, processed, events };
}
