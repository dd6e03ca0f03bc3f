/**
 * Outbound rate limits shared by every process (20 messages a minute per group robot,
 * 30 per app member …): a sliding-window log per key in Redis, checked and recorded in
 * one Lua script so two workers never both take the last slot.
 */
import type { Redis } from './connection.ts';
import type { RateLimiter } from '../channels/types.ts';

const SCRIPT = `
local key, now, window, limit = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, 0, now - window)
local n = redis.call('ZCARD', key)
if n < limit then
  redis.call('ZADD', key, now, ARGV[4])
  redis.call('PEXPIRE', key, window)
  return 0
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

export function createRedisRateLimiter(redis: Redis, prefix: string, now: () => number = Date.now): RateLimiter {
  let seq = 0;
  return {
    async take(key, limit, windowMs) {
      const t = now();
      const wait = await redis.eval(SCRIPT, 1, `${prefix}:rate:${key}`, t, windowMs, limit, `${t}-${process.pid}-${(seq += 1)}`);
      return Number(wait);
    },
  };
}
