/**
 * The ReplayGuard (channels/types.ts) in Redis: SET NX with a TTL, and on a collision a
 * comparison with the stored fingerprint, in one Lua script, so two web processes receiving
 * the same pair at once agree on which body came first.
 */
import type { Redis } from './connection.ts';
import type { ReplayGuard } from '../channels/types.ts';

const SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 'first' end
if redis.call('GET', KEYS[1]) == ARGV[1] then return 'same' end
return 'other'
`;

export function createRedisReplayGuard(redis: Redis, prefix: string): ReplayGuard {
  return {
    async claim(key, fingerprint, ttlMs) {
      return (await redis.eval(SCRIPT, 1, `${prefix}:replay:${key}`, fingerprint, Math.max(1, Math.ceil(ttlMs)))) as 'first' | 'same' | 'other';
    },
  };
}
