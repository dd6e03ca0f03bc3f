// Needs Redis (shared 6379; only this file's own prefix is touched, never flushed): a worker
// notices that Redis lost its state — the sentinel key or the reconcile scheduler gone — and
// exactly one of several workers rebuilds; while the state is there, checking costs two reads
// and restores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createQueues, scheduleRepeating, type Queues } from '../../src/queue/queues.ts';
import { watchRedisState, type RedisStateWatch } from '../../src/queue/redis-state.ts';
import { silentLogger } from '../../src/lib/logger.ts';

const prefix = `t${randomUUID().slice(0, 8)}`;
let queues: Queues[];
let watches: RedisStateWatch[];
const restores: number[] = [];

beforeAll(async () => {
  queues = [0, 1].map(() => createQueues({ redisUrl: 'redis://127.0.0.1:6379', prefix, log: silentLogger }));
  await Promise.all(queues.map((q) => q.redis.ping()));
  // as a worker starts: the schedule is built, then watched
  await scheduleRepeating(queues[0]!, 'reconcile', 300_000);
  watches = queues.map((q, i) => watchRedisState({
    queues: q, prefix, log: silentLogger, everyMs: 3_600_000,
    restore: async () => { restores.push(i); await scheduleRepeating(q, 'reconcile', 300_000); },
  }));
  await watches[0]!.mark();
});
afterAll(async () => {
  for (const w of watches) w.stop();
  await queues[0]!.queues.reminders.obliterate({ force: true });
  await queues[0]!.redis.del(`${prefix}:state:kept`);
  await Promise.all(queues.map((q) => q.close()));
});

describe('Redis state watch', () => {
  it('finds the state kept and restores nothing', async () => {
    expect(await Promise.all(watches.map((w) => w.check()))).toEqual(['ok', 'ok']);
    expect(restores).toEqual([]);
  });

  it('the sentinel gone: one of two workers restores, the other leaves it to it', async () => {
    await queues[0]!.redis.del(`${prefix}:state:kept`);
    expect((await Promise.all(watches.map((w) => w.check()))).sort()).toEqual(['restored', 'restoring elsewhere']);
    expect(restores).toHaveLength(1);
    expect(await Promise.all(watches.map((w) => w.check()))).toEqual(['ok', 'ok']);
  });

  it('the reconcile scheduler gone (the sentinel still there): restored', async () => {
    await queues[0]!.queues.reminders.removeJobScheduler('reconcile');
    expect(await watches[1]!.check()).toBe('restored');
    expect(await queues[0]!.queues.reminders.getJobScheduler('reconcile')).toBeTruthy();
  });
});
