/**
 * An access token cached until shortly before it expires, fetched by one request at a time
 * however many sends ask at once. `invalidate()` drops it after the platform refuses it.
 */
import type { Clock } from '../../lib/clock.ts';

/** Refresh this long before the platform's expiry, so a send never carries a dying token. */
const EARLY_MS = 60_000;

export function createTokenCache(clock: Clock, fetchToken: () => Promise<{ token: string; ttlMs: number }>) {
  let cached: { token: string; expiresAt: number } | null = null;
  let inflight: Promise<string> | null = null;
  return {
    async get(): Promise<string> {
      if (cached && clock.now().getTime() < cached.expiresAt) return cached.token;
      inflight ??= fetchToken()
        .then(({ token, ttlMs }) => {
          cached = { token, expiresAt: clock.now().getTime() + Math.max(ttlMs - EARLY_MS, ttlMs / 2) };
          return token;
        })
        .finally(() => { inflight = null; });
      return inflight;
    },
    invalidate(): void { cached = null; },
  };
}
