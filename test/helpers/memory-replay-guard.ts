/** A ReplayGuard in memory (the real one is in Redis, shared by web processes); TTLs are ignored. */
import type { ReplayGuard } from '../../src/channels/types.ts';

export function memoryReplayGuard(): ReplayGuard & { seen: Map<string, string> } {
  const seen = new Map<string, string>();
  return {
    seen,
    async claim(key, fingerprint) {
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, fingerprint);
        return 'first';
      }
      return first === fingerprint ? 'same' : 'other';
    },
  };
}
