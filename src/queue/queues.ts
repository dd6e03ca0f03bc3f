/**
 * The only importer of bullmq: queues, workers and their listeners.
 * See https://docs.bullmq.io/guide/going-to-production.
 */
import { Queue, Worker, UnrecoverableError, DelayedError, type Job } from 'bullmq';
import type { Logger } from '../lib/logger.ts';
import { createProducerConnection, createWorkerConnection, type Redis } from './connection.ts';
import { JOBS, QUEUE_NAMES, type Enqueue, type JobName, type JobPayload, type QueueName } from './jobs.ts';

export { UnrecoverableError, DelayedError };

const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'platform', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

const ENQUEUE_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  p.catch(() => {}); // a late rejection after the timeout is not unhandled
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export interface Queues {
  enqueue: Enqueue;
  /** many 'handle-message' jobs in one round trip (the inbox's group commit) */
  enqueueMessages(messageIds: string[]): Promise<void>;
  queues: Record<QueueName, Queue>;
  redis: Redis;
  close(): Promise<void>;
}

export function createQueues(opts: { redisUrl: string; prefix: string; log: Logger }): Queues {
  const redis = createProducerConnection(opts.redisUrl);
  redis.on('error', (e) => opts.log.warn({ err: e.message }, 'redis (producer) error: check REDIS_URL'));
  const queues = Object.fromEntries(
    QUEUE_NAMES.map((name) => {
      const q = new Queue(name, { connection: redis, prefix: opts.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      q.on('error', (e) => opts.log.warn({ queue: name, err: e.message }, 'queue error'));
      return [name, q];
    }),
  ) as Record<QueueName, Queue>;
  const enqueue: Enqueue = async (name, payload, o = {}) => {
    const def = JOBS[name];
    const data = def.payload.parse(payload);
    const queue = queues[def.queue];
    const jobId = def.id(data as never);
    if (o.replace) {
      const old = await withTimeout(queue.getJob(jobId), ENQUEUE_TIMEOUT_MS, 'enqueue: Redis did not answer');
      if (old && ((await old.isFailed()) || (await old.isCompleted()))) await old.remove();
    }
    const add = queue.add(name, data, { jobId, delay: o.delayMs && o.delayMs > 0 ? o.delayMs : undefined });
    // BullMQ waits for a connection indefinitely; callers (the inbox) must not.
    await withTimeout(add, ENQUEUE_TIMEOUT_MS, `enqueue ${name}: Redis did not answer in ${ENQUEUE_TIMEOUT_MS} ms`);
  };
  const enqueueMessages = async (messageIds: string[]) => {
    const def = JOBS['handle-message'];
    const jobs = messageIds.map((messageId) => ({ name: 'handle-message', data: { messageId }, opts: { jobId: def.id({ messageId }) } }));
    await withTimeout(queues.inbound.addBulk(jobs), ENQUEUE_TIMEOUT_MS, `enqueue: Redis did not answer in ${ENQUEUE_TIMEOUT_MS} ms`);
  };
  return {
    enqueue,
    enqueueMessages,
    queues,
    redis,
    async close() {
      await Promise.allSettled(Object.values(queues).map((q) => q.close()));
      redis.disconnect();
    },
  };
}

export type Processors = { [N in JobName]?: (payload: JobPayload<N>, job: { attemptsMade: number; id?: string }) => Promise<void> };

/**
 * Exponential backoff from 2 s, but never shorter than what the platform asked for: a
 * rate-limit error (WeCom 45009, DingTalk 130101's 10-minute throttle) carries retryAfterMs.
 */
export function platformBackoff(attemptsMade: number, _type?: string, err?: Error): number {
  const exponential = 2000 * 2 ** Math.max(0, attemptsMade - 1);
  const e = err as { retryAfterMs?: number; result?: { retryAfterMs?: number } } | undefined;
  const asked = e?.retryAfterMs ?? e?.result?.retryAfterMs ?? 0;
  return Math.max(exponential, asked);
}

export interface Workers {
  close(): Promise<void>;
}

/** Repeating jobs (inbox sweep, reminder reconcile), idempotent across processes. */
export async function scheduleRepeating(q: Queues, name: 'reconcile', everyMs: number): Promise<void> {
  // First run one interval from now: the worker runs its own pass as it starts.
  await q.queues.reminders.upsertJobScheduler(name, { every: everyMs, startDate: Date.now() + everyMs }, { name, data: {} });
}

/**
 * A worker killed with kill -9 leaves its jobs active under a lock nobody renews. Another
 * worker runs them again once the lock has lapsed: within about LOCK + CHECK (20 s) instead
 * of BullMQ's 30 + 30 s, and up to 5 times (a message's own attempt count, not BullMQ's,
 * decides when a message that keeps killing workers is given up: conversation/handle-message.ts).
 */
const STALLED_JOBS = { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 5 };

/** One BullMQ worker per queue that has processors; jobs are validated before running. */
export function startWorkers(opts: { redisUrl: string; prefix: string; log: Logger; concurrency: number; processors: Processors }): Workers {
  const workers: Worker[] = [];
  const conns: Redis[] = [];
  for (const queue of QUEUE_NAMES) {
    const names = (Object.keys(opts.processors) as JobName[]).filter((n) => JOBS[n].queue === queue);
    if (!names.length) continue;
    const connection = createWorkerConnection(opts.redisUrl);
    conns.push(connection);
    const worker = new Worker(
      queue,
      async (job: Job) => {
        const name = job.name as JobName;
        const def = JOBS[name];
        const proc = opts.processors[name] as ((p: unknown, j: unknown) => Promise<void>) | undefined;
        if (!def || !proc) throw new UnrecoverableError(`no processor for job ${job.name}`);
        const parsed = def.payload.safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError(`bad payload for ${job.name}`);
        try {
          await proc(parsed.data, { attemptsMade: job.attemptsMade, id: job.id });
        } catch (e) {
          // Processors outside this module mark permanent failures by name; BullMQ must not retry them.
          if ((e as Error).name === 'PermanentSendError' || (e as { permanent?: boolean }).permanent) throw new UnrecoverableError((e as Error).message);
          throw e;
        }
      },
      { connection, prefix: opts.prefix, concurrency: opts.concurrency, autorun: true, settings: { backoffStrategy: platformBackoff }, ...STALLED_JOBS },
    );
    worker.on('error', (e) => opts.log.warn({ queue, err: e.message }, 'worker error'));
    worker.on('failed', (job, e) => opts.log.warn({ queue, job: job?.name, id: job?.id, attempts: job?.attemptsMade, err: e.message }, 'job failed'));
    workers.push(worker);
  }
  return {
    async close() {
      await Promise.allSettled(workers.map((w) => w.close()));
      for (const c of conns) c.disconnect();
    },
  };
}
