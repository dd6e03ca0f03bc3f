/**
 * The console channel (`npx duban chat`, conversation tests): answers are handed to a
 * callback instead of a platform, so the whole path can be tried without WeCom.
 */
import type { Destination, OutboundMessage, Sender } from '../types.ts';

export function createConsoleSender(out: (to: Destination, msg: OutboundMessage) => void): Sender {
  return {
    platform: 'console',
    async send(to, msg) {
      out(to, msg);
      return { ok: true };
    },
  };
}
