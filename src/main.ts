/**
 * The composition root: config → store, queues, senders, conversation, workers, server.
 * Nothing imports this file except the CLI and end-to-end tests; it is the one place
 * where everything meets (with its helpers in src/wiring/).
 */
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Config } from './config/load.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { closeDb, createDb, createStore, type Db, type Store } from './store/index.ts';
import { createQueues, startWorkers, scheduleRepeating, type Queues, type Workers, type Processors } from './queue/queues.ts';
import { createInlineQueue, type InlineQueue } from './queue/inline.ts';
import type { Enqueue } from './queue/jobs.ts';
import type { Redis } from './queue/connection.ts';
import { createRedisRateLimiter } from './queue/rate-limiter.ts';
import { createRedisReplayGuard } from './queue/replay-guard.ts';
import { createSignedLinks, type SignedLinks } from './lib/signed-link.ts';
import { watchRedisState } from './queue/redis-state.ts';
import { createRedisLease } from './queue/lease.ts';
import { chinaCalendar } from './tasks/calendar.ts';
import { createAccept } from './inbox/accept.ts';
import { sweepInbox } from './inbox/sweep.ts';
import type { Accept } from './channels/types.ts';
import { handleMessage, type ConversationDeps, type Understand } from './conversation/handle-message.ts';
import { collectHeldAnswer, deliverAnswer, deliverOutbox, type Senders } from './conversation/deliver-answer.ts';
import { createApp } from './server/app.ts';
import { createChannels, noChannels, type Channels } from './wiring/channels.ts';
import { createHooks } from './wiring/intent-hooks.ts';
import { createImportHooks } from './wiring/import-hooks.ts';
import { reminderProcessors, reconcileReminders } from './wiring/reminders.ts';
import { createMetrics, type Metrics } from './wiring/metrics.ts';
import { operatorPages } from './wiring/operator-pages.ts';
import { registerAnswerMetrics } from './wiring/answer-metrics.ts';

export interface Runtime {
  config: Config;
  log: Logger;
  clock: Clock;
  db: Db;
  store: Store;
  enqueue: Enqueue;
  accept: Accept;
  /** BullMQ queues, or null in inline mode (chat, conversation tests) */
  queues: Queues | null;
  inline: InlineQueue | null;
  redis: Redis | null;
  channels: Channels;
  senders: Senders;
  conversation: ConversationDeps;
  metrics: Metrics;
  /**
   * Signs and checks the links sent in chat (dashboard now; evidence downloads and card
   * actions later), keyed by DASHBOARD_SECRET, revocations in PostgreSQL; null turns them off
   */
  links: SignedLinks | null;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: Clock;
  log?: Logger;
  /** extra or replacement senders (console, tests) */
  senders?: Senders;
  /** run jobs in-process instead of BullMQ (no Redis, no platform channels) */
  inline?: boolean;
  /** replace the text parser (tests that drive intents with ready-made commands) */
  understand?: Understand;
  /** dashboard link key when DASHBOARD_SECRET is unset (single-process `start` makes one up) */
  dashboardSecret?: string | null;
}

/** A dead holder's long connection (WeCom AI bot socket, DingTalk Stream) is taken over this soon (plus one renewal period). */
const LONG_CONNECTION_LEASE_MS = 10_000;

export function createRuntime(config: Config, opts: RuntimeOptions = {}): Runtime {
  const log = opts.log ?? createLogger({ level: config.LOG_LEVEL });
  const clock = opts.clock ?? systemClock;
  const db = createDb(config.DATABASE_URL);
  const store = createStore(db, clock);
  const queues = opts.inline ? null : createQueues({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, log });
  const inline = opts.inline ? createInlineQueue() : null;
  const enqueue = (queues?.enqueue ?? inline!.enqueue) as Enqueue;
  const metrics = createMetrics();
  registerAnswerMetrics(metrics.registry, () => store.messages.answerStates());
  const accept = createAccept({ messages: store.messages, enqueue, enqueueMessages: queues?.enqueueMessages, log, onAccepted: metrics.onAccepted });
  const collectAnswer = (id: string) => collectHeldAnswer({ store, log, clock }, id);
  const channels = queues
    ? createChannels(config, {
      accept, collectAnswer, log, clock, rateLimiter: createRedisRateLimiter(queues.redis, config.QUEUE_PREFIX),
      replayGuard: createRedisReplayGuard(queues.redis, config.QUEUE_PREFIX),
      lease: (name) => createRedisLease(queues.redis, `${config.QUEUE_PREFIX}:lease:${name}`, LONG_CONNECTION_LEASE_MS),
    })
    : noChannels();
  const senders: Senders = { ...channels.senders, ...opts.senders };
  const linkSecret = config.DASHBOARD_SECRET ?? opts.dashboardSecret ?? null;
  const links = linkSecret ? signedLinksOf(store, linkSecret) : null;
  const rt = { config, log, clock, db, store, enqueue, accept, queues, inline, redis: queues?.redis ?? null, channels, senders, metrics, links } as Runtime;
  rt.conversation = {
    store, understand: opts.understand ?? understandLazily, calendar: chinaCalendar, clock, log, enqueue,
    hooks: createHooks(rt),
    hooksWithin: (store, enqueue) => createHooks(rt, { store, enqueue }),
    imports: createImportHooks(rt),
  };
  rt.close = async () => {
    await channels.stop();
    await queues?.close();
    await closeDb(db);
  };
  inline?.setProcessors(buildProcessors(rt));
  return rt;
}

export function buildProcessors(rt: Runtime): Processors {
  const deliverDeps = { store: rt.store, senders: rt.senders, log: rt.log, clock: rt.clock, enqueue: rt.enqueue };
  return {
    'handle-message': async ({ messageId }) => handleMessage(rt.conversation, messageId),
    'send-answer': async ({ messageId }, job) => deliverAnswer(deliverDeps, messageId, { jobId: job.id }),
    'send-held-answer': async ({ messageId }, job) => deliverAnswer(deliverDeps, messageId, { jobId: job.id }),
    'send-outbox': async ({ outboxId }) => deliverOutbox(deliverDeps, outboxId),
    ...reminderProcessors(rt),
    reconcile: async () => reconcileAll(rt),
  };
}

/** The web half: verify, store, enqueue, acknowledge. */
export async function startWeb(rt: Runtime): Promise<Server> {
  const app = createApp({
    log: rt.log,
    routers: rt.channels.routers,
    checks: { postgres: () => rt.store.ping(), ...(rt.redis ? { redis: () => rt.redis!.ping() } : {}) },
    extra: operatorPages(rt),
    onRequest: rt.metrics.onRequest,
    trustProxy: rt.config.TRUST_PROXY,
  });
  const server = app.listen(rt.config.PORT, rt.config.HOST);
  await new Promise<void>((resolve, reject) => { server.once('listening', resolve); server.once('error', reject); });
  server.keepAliveTimeout = 65_000;
  await rt.channels.start();
  rt.log.info({ port: (server.address() as { port: number }).port }, 'web listening');
  return server;
}

/** The worker half: conversations, answers, notices, reminders, sweeps. */
export async function startWorker(rt: Runtime): Promise<Workers> {
  if (!rt.queues) throw new Error('startWorker needs BullMQ queues (not inline mode)');
  const queues = rt.queues;
  const workers = startWorkers({ redisUrl: rt.config.REDIS_URL, prefix: rt.config.QUEUE_PREFIX, log: rt.log, concurrency: rt.config.WORKER_CONCURRENCY, processors: buildProcessors(rt) });
  const restore = async (why: string, graceMs?: number) => {
    await scheduleRepeating(queues, 'reconcile', 5 * 60_000);
    await reconcileAll(rt, { graceMs }).catch((e) => rt.log.warn({ err: (e as Error).message }, `${why} reconcile failed; the scheduler retries`));
  };
  await restore('start-up');
  // Redis can lose everything (flushed by an operator, restarted without persistence, failed
  // over to an empty replica): the schedule and the queued jobs are gone. A cheap check notices
  // it and rebuilds them from PostgreSQL, including the messages of the last moments.
  const watch = watchRedisState({ queues, prefix: rt.config.QUEUE_PREFIX, log: rt.log, restore: () => restore('restore', 0) });
  await watch.mark();
  rt.log.info('worker started');
  return {
    async close() {
      watch.stop();
      await workers.close();
    },
  };
}

/**
 * PostgreSQL is the truth: re-enqueue lost messages and answers, rebuild the reminder schedule.
 * `graceMs`: messages younger than this are left to the callback that is enqueuing them (0
 * after Redis lost its jobs: theirs are gone too).
 */
export async function reconcileAll(rt: Runtime, opts: { graceMs?: number } = {}): Promise<void> {
  await sweepInbox({ messages: rt.store.messages, outbox: rt.store.outbox, enqueue: rt.enqueue, log: rt.log, now: rt.clock.now(), graceMs: opts.graceMs });
  await reconcileReminders(rt);
  const dropped = await rt.store.evidence.dropUnattached(rt.clock.now());
  if (dropped.evidence || dropped.files) rt.log.info(dropped, 'files never attached to a task dropped');
}

/** The parser is loaded by the first message a worker handles, not by web processes. */
const understandLazily: Understand = async (text, ctx) => (await import('./commands/understand.ts')).understand(text, ctx);

function signedLinksOf(store: Store, secret: string): SignedLinks {
  return createSignedLinks({ secret, isRevoked: (c) => store.links.isRevoked(c) });
}

/**
 * Without DASHBOARD_SECRET, a single-process start and `npx duban chat` beside it share a key
 * kept in PostgreSQL (made at the first start), so a link signed in one works in the other.
 */
export async function useSharedLinkKey(rt: Runtime): Promise<void> {
  if (rt.config.DASHBOARD_SECRET) return;
  const secret = await rt.store.settings.getOrCreate('dashboard-secret', () => randomBytes(32).toString('hex'));
  rt.links = signedLinksOf(rt.store, secret);
}
