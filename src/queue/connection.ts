/**
 * Redis connections as the BullMQ production guide recommends: workers block and must
 * retry forever (maxRetriesPerRequest: null); producers in the web process fail fast so a
 * callback is never held up by a Redis outage (the message is already in PostgreSQL and
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
    enableOfflineQueue: false,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}
