/**
 * Notices cheaply that Redis lost what the workers put there: a FLUSHDB, a restart without
 * persistence, a failover to an empty replica — with or without a reconnection. A sentinel
 * key written after each restore and the periodic reconcile's job scheduler must both exist;
 * checking them is two round trips every CHECK_EVERY_MS (and at each reconnection). When
 * either is gone, one worker (a short Redis lock decides which) restores the queues from
 * PostgreSQL; the sentinel is written first, so a flush during the restore is noticed again.
 */
import type { Logger } from '../lib/logger.ts';
import type { Queues } from './queues.ts';

export const CHECK_EVERY_MS = 10_000;
/** A restorer that died holds the lock at most this long. */
const RESTORE_LOCK_MS = 60_000;

export interface RedisStateWatch {
  /** records that Redis holds the state (after a restore done by the caller) */
  mark(): Promise<void>;
  /** checks now; restores when the state is gone. Never throws (Redis down is logged and retried). */
  check(): Promise<'ok' | 'restored' | 'restoring elsewhere' | 'unreachable'>;
  stop(): void;
}

export function watchRedisState(opts: { queues: Queues; prefix: string; log: Logger; restore: () => Promise<void>; everyMs?: number }): RedisStateWatch {
  const { redis } = opts.queues;
  const sentinel = `${opts.prefix}:state:kept`;
  const lock = `${opts.prefix}:state:restoring`;
  const mark = async () => void (await redis.set(sentinel, new Date().toISOString()));
  let running: Promise<Awaited<ReturnType<RedisStateWatch['check']>>> | null = null;

  async function checkOnce(): Promise<Awaited<ReturnType<RedisStateWatch['check']>>> {
    try {
      const [kept, scheduler] = await Promise.all([redis.exists(sentinel), opts.queues.queues.reminders.getJobScheduler('reconcile')]);
      if (kept && scheduler) return 'ok';
      const mine = await redis.set(lock, String(process.pid), 'PX', RESTORE_LOCK_MS, 'NX');
      if (mine !== 'OK') return 'restoring elsewhere';
      opts.log.warn({ sentinel: Boolean(kept), scheduler: Boolean(scheduler) }, 'redis lost its state (flushed, restarted empty or failed over): restoring the queues from PostgreSQL');
      await mark();
      try {
        await opts.restore();
      } finally {
        await redis.del(lock).catch(() => {});
      }
      return 'restored';
    } catch (e) {
      opts.log.debug({ err: (e as Error).message }, 'redis state check failed; trying again later');
      return 'unreachable';
    }
  }

  const check = () => (running ??= checkOnce().finally(() => { running = null; }));
  const timer = setInterval(() => void check(), opts.everyMs ?? CHECK_EVERY_MS);
  timer.unref();
  const onReady = () => void check();
  redis.on('ready', onReady);
  return {
    mark,
    check,
    stop() {
      clearInterval(timer);
      redis.off('ready', onReady);
    },
  };
}
