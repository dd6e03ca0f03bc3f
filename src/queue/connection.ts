/**
 * Redis connections as the BullMQ production guide recommends: workers block and must
 * retry forever (maxRetriesPerRequest: null); producers in the web process fail fast so a
 * callback is held up at most briefly by a Redis outage (the message is already in PostgreSQL and
 * the inbox sweep re-enqueues it).
 */
import { Redis } from 'ioredis';

export type { Redis };

export function createWorkerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: false, lazyConnect: false });
}

export function createProducerConnection(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    // Commands wait for a (re)connection at most this long, so a callback is answered
    // within WeCom's 5 s even while Redis is down.
    commandTimeout: 1500,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}
