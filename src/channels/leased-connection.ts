/**
 * A long connection (the WeCom AI bot socket, the DingTalk Stream) held by one process of
 * many: the platform allows one live connection per bot, and two would kick each other or
 * split the messages between them. Each process runs this loop; the one holding the lease
 * keeps the connection open and renews the lease every RENEW_EVERY_MS. When the holder dies
 * its lease runs out (ttl) and another process takes over at its next try, within seconds.
 *
 * The holder closes its connection as soon as it cannot be sure of the lease: another
 * process holds it now, or Redis has not confirmed it for longer than the ttl allows. A
 * holder whose connection was kicked by the platform (someone else connected for this bot)
 * gives the lease back and stands aside for a while instead of fighting for the socket.
 */
import type { Logger } from '../lib/logger.ts';
import type { Lease } from './types.ts';

export interface LongConnection {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface LeasedConnection extends LongConnection {
  /** true while this process holds the lease (and so the connection) */
  readonly holding: boolean;
  /** the platform kicked our connection: give the lease back and stand aside for `ms` */
  standAside(ms?: number): void;
}

export const RENEW_EVERY_MS = 3_000;
/** How long a kicked holder stays out before competing again. */
export const STAND_ASIDE_MS = 60_000;

export function underLease(conn: LongConnection, lease: Lease, opts: { name: string; log: Logger; everyMs?: number }): LeasedConnection {
  const everyMs = opts.everyMs ?? RENEW_EVERY_MS;
  let holding = false;
  let waiting = false;
  let lastConfirmed = 0;
  let asideUntil = 0;
  let timer: NodeJS.Timeout | null = null;
  let turn: Promise<void> = Promise.resolve();

  async function lose(why: string): Promise<void> {
    holding = false;
    opts.log.warn({ connection: opts.name, why }, 'long connection lease lost: closing the connection');
    await conn.stop().catch((e) => opts.log.warn({ err: (e as Error).message }, 'closing the long connection failed'));
  }

  async function tick(): Promise<void> {
    if (Date.now() < asideUntil) return;
    let held: boolean | null;
    try {
      held = await lease.hold();
    } catch (e) {
      held = null;
      opts.log.debug({ connection: opts.name, err: (e as Error).message }, 'long connection lease: Redis did not answer');
    }
    if (held === false && !holding && !waiting) {
      waiting = true;
      opts.log.info({ connection: opts.name }, 'long connection held by another process: standing by to take over');
    }
    if (held === true) {
      lastConfirmed = Date.now();
      if (holding) return;
      holding = true;
      waiting = false;
      opts.log.info({ connection: opts.name }, 'long connection lease taken: opening the connection');
      await conn.start();
      return;
    }
    if (!holding) return;
    if (held === false) return lose('another process holds the lease');
    // Redis is unreachable: past the ttl another process may hold the lease, so stop before — two
    // steps early, so that a step running late on a busy process still closes in time
    if (Date.now() - lastConfirmed > lease.ttlMs - 2 * everyMs) return lose('the lease could not be renewed in time');
  }

  const step = () => { turn = turn.then(tick).catch((e) => opts.log.warn({ connection: opts.name, err: (e as Error).message }, 'long connection lease step failed')); return turn; };

  return {
    get holding() { return holding; },
    async start() {
      if (timer) return;
      timer = setInterval(() => void step(), everyMs);
      timer.unref();
      await step();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await turn;
      if (!holding) return;
      holding = false;
      await conn.stop();
      await lease.release().catch(() => {});
    },
    standAside(ms = STAND_ASIDE_MS) {
      asideUntil = Date.now() + ms;
      turn = turn.then(async () => {
        if (!holding) return;
        holding = false;
        opts.log.error({ connection: opts.name, asideMs: ms }, 'the platform gave this bot\'s connection to another client: giving the lease back and standing aside');
        await conn.stop().catch(() => {});
        await lease.release().catch(() => {});
      });
    },
  };
}
