/**
 * A long connection under a lease (src/channels/leased-connection.ts), with a lease kept in
 * memory the way Redis keeps it (a holder and an expiry): one of several processes holds the
 * connection; a holder that stops renewing (it died) is replaced once its lease runs out; a
 * holder that cannot reach Redis closes before another could take over; a kicked holder
 * gives the lease back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { underLease, type LeasedConnection } from '../../src/channels/leased-connection.ts';
import type { Lease } from '../../src/channels/types.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { waitFor } from '../helpers/wait-for.ts';

const TTL = 400;
const EVERY = 50;

/** What Redis holds for one lease key. */
function memoryStore() {
  return { holder: null as string | null, expires: 0, down: false, dead: new Set<string>() };
}

function memoryLease(store: ReturnType<typeof memoryStore>, holder: string): Lease {
  return {
    ttlMs: TTL,
    async hold() {
      if (store.dead.has(holder)) return new Promise<boolean>(() => {}); // a killed process never asks again
      if (store.down) throw new Error('redis down');
      if (store.holder && store.holder !== holder && store.expires > Date.now()) return false;
      store.holder = holder;
      store.expires = Date.now() + TTL;
      return true;
    },
    async release() { if (store.holder === holder) store.holder = null; },
  };
}

/** A connection that records whether it is open. */
function fakeConnection() {
  const c = { open: false, opened: 0, closedAt: 0, start: async () => { c.open = true; c.opened += 1; }, stop: async () => { c.open = false; c.closedAt = Date.now(); } };
  return c;
}

const running: LeasedConnection[] = [];
afterEach(async () => { await Promise.all(running.splice(0).map((r) => r.stop())); });

function process_(store: ReturnType<typeof memoryStore>, name: string) {
  const conn = fakeConnection();
  const leased = underLease(conn, memoryLease(store, name), { name: 'test', log: silentLogger, everyMs: EVERY });
  running.push(leased);
  return { conn, leased };
}

describe('a long connection under a lease', () => {
  it('one of two processes holds the connection; the other takes over once a dead holder\'s lease runs out', async () => {
    const store = memoryStore();
    const a = process_(store, 'a');
    const b = process_(store, 'b');
    await a.leased.start();
    await b.leased.start();
    await waitFor(() => a.conn.open);
    expect(b.conn.open).toBe(false);
    // a is killed: it stops renewing and releases nothing
    running.splice(running.indexOf(a.leased), 1);
    store.dead.add('a');
    const died = Date.now();
    await waitFor(() => b.conn.open, { timeoutMs: 2000, what: 'b taking over' });
    expect(Date.now() - died).toBeGreaterThanOrEqual(TTL - EVERY);
    expect(b.leased.holding).toBe(true);
  });

  it('a holder that cannot reach Redis closes its connection before its lease could pass to another', async () => {
    const store = memoryStore();
    const a = process_(store, 'a');
    await a.leased.start();
    await waitFor(() => a.conn.open);
    store.down = true;
    const down = Date.now();
    await waitFor(() => !a.conn.open, { timeoutMs: 2000, what: 'the holder closing' });
    // closed (not merely seen closed) before its last renewal's lease could run out
    expect(a.conn.closedAt - down).toBeLessThan(TTL);
    store.down = false;
    await waitFor(() => a.conn.open && a.conn.opened === 2, { what: 'the connection opened again once Redis answers' });
  });

  it('a holder whose lease was taken (Redis flushed, another got there first) closes its connection', async () => {
    const store = memoryStore();
    const a = process_(store, 'a');
    await a.leased.start();
    await waitFor(() => a.conn.open);
    store.holder = 'b';
    store.expires = Date.now() + 60_000;
    await waitFor(() => !a.conn.open, { what: 'the holder closing' });
    expect(a.leased.holding).toBe(false);
  });

  it('a kicked holder gives the lease back and stands aside; the other process connects', async () => {
    const store = memoryStore();
    const a = process_(store, 'a');
    const b = process_(store, 'b');
    await a.leased.start();
    await waitFor(() => a.conn.open);
    await b.leased.start();
    a.leased.standAside(60_000);
    await waitFor(() => b.conn.open, { what: 'b connecting' });
    expect(a.conn.open).toBe(false);
    expect(store.holder).toBe('b');
  });

  it('stopping the holder releases the lease at once', async () => {
    const store = memoryStore();
    const a = process_(store, 'a');
    await a.leased.start();
    await waitFor(() => a.conn.open);
    await a.leased.stop();
    expect([a.conn.open, store.holder]).toEqual([false, null]);
  });
});
