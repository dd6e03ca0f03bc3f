/**
 * A lease in Redis: the key holds the holder's id with a time to live. `hold` takes a free
 * key or renews the holder's own, in one script so two processes never both hold it; a
 * holder that dies simply stops renewing and the key expires. After a FLUSHDB the holder
 * takes its key back at the next renewal (or another process does first, and the holder
 * finds out at its next renewal).
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Redis } from './connection.ts';
import type { Lease } from '../channels/types.ts';

const HOLD = `
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0
`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** This process's name in leases: host, pid and a random part (a restarted pid is another holder). */
export const HOLDER_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

export function createRedisLease(redis: Redis, key: string, ttlMs: number, holder: string = HOLDER_ID): Lease {
  return {
    ttlMs,
    hold: async () => Number(await redis.eval(HOLD, 1, key, holder, ttlMs)) === 1,
    release: async () => void (await redis.eval(RELEASE, 1, key, holder)),
  };
}
