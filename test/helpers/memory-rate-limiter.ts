/** A sliding-window RateLimiter in memory, on a clock the test controls (the real one is in Redis). */
import type { RateLimiter } from '../../src/channels/types.ts';

export function memoryRateLimiter(now: () => number): RateLimiter & { taken: Map<string, number[]> } {
  const taken = new Map<string, number[]>();
  return {
    taken,
    async take(key, limit, windowMs) {
      const t = now();
      const list = (taken.get(key) ?? []).filter((s) => s > t - windowMs);
      taken.set(key, list);
      if (list.length >= limit) return list[0]! + windowMs - t;
      list.push(t);
      return 0;
    },
  };
}
