/**
 * What every production test shares: a fake DingTalk API (the platform), signed robot
 * callbacks whose answers are counted per message at that fake, the env that points child
 * processes at a database, a Redis and the fake, and the PostgreSQL/Redis facts to assert.
 * Each test brings its own database and a unique QUEUE_PREFIX, so files never share state.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { callbackHeaders, robotCallback } from '../helpers/dingtalk-sign.ts';
import { startFakeDingtalkApi, type FakeDingtalkApi } from '../helpers/fake-dingtalk-api.ts';
import type { Db } from '../../src/store/db.ts';
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { startChild, type Child } from '../helpers/process.ts';

export const DT = { appKey: 'dingappkey', appSecret: 'ding-app-secret-for-production-tests', robotCode: 'dingrobot' };

export interface Platform {
  api: FakeDingtalkApi;
  /** the URL services use (DINGTALK_OAPI_BASE/API_BASE): a fault proxy in front of `api` */
  url: string;
  proxy: FaultProxy;
  /** a signed callback body for `text`, answered through its own session webhook */
  message(text: string, over?: Record<string, unknown>): { body: Record<string, unknown>; msgId: string; session: string };
  /** POST a callback the way DingTalk does; resolves with the HTTP status (0 = connection failed) */
  post(baseUrl: string, body: unknown, opts?: { headers?: Record<string, string>; timeoutMs?: number }): Promise<number>;
  /** answers the fake received per session (one session per message) */
  answersBySession(): Map<string, number>;
  close(): Promise<void>;
}

export async function startPlatform(): Promise<Platform> {
  const api = await startFakeDingtalkApi(DT);
  const proxy = await startFaultProxy(api.url);
  return {
    api,
    url: proxy.url,
    proxy,
    message(text, over = {}) {
      const s = api.addSession(90 * 60_000);
      const session = new URL(s.url).searchParams.get('session')!;
      const sessionWebhook = `${proxy.url}/robot/sendBySession?session=${session}`;
      const body = robotCallback({ text: { content: ` ${text}` }, sessionWebhook, sessionWebhookExpiredTime: s.expiresAt, robotCode: DT.robotCode, ...over });
      return { body, msgId: String(body.msgId), session };
    },
    async post(baseUrl, body, opts = {}) {
      try {
        const r = await fetch(`${baseUrl}/dingtalk/robot`, {
          method: 'POST',
          headers: { ...callbackHeaders(DT.appSecret, uniqueNow()), ...opts.headers },
          body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
        await r.arrayBuffer();
        return r.status;
      } catch {
        return 0;
      }
    },
    answersBySession() {
      const out = new Map<string, number>();
      for (const r of api.calls('/robot/sendBySession')) {
        const s = r.query.get('session') ?? '';
        out.set(s, (out.get(s) ?? 0) + 1);
      }
      return out;
    },
    close: async () => { await proxy.close(); await api.close(); },
  };
}

/** Env for `duban web|worker` children. */
export function serviceEnv(o: { databaseUrl: string; redisUrl?: string; prefix: string; apiUrl: string; extra?: Record<string, string> }): Record<string, string> {
  return {
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: o.redisUrl ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: o.prefix,
    DINGTALK_APP_KEY: DT.appKey,
    DINGTALK_APP_SECRET: DT.appSecret,
    DINGTALK_ROBOT_CODE: DT.robotCode,
    DINGTALK_MODE: 'http',
    DINGTALK_OAPI_BASE: o.apiUrl,
    DINGTALK_API_BASE: o.apiUrl,
    WORKER_CONCURRENCY: '8',
    ...o.extra,
  };
}

export const SHARED_REDIS = 'redis://127.0.0.1:6379';

/** One test file's deployment: its database, the fake platform, a queue prefix and its `duban` processes. */
export interface Deployment {
  t: TestDatabase;
  platform: Platform;
  prefix: string;
  env: Record<string, string>;
  children: Child[];
  /** starts one more process of the deployment */
  start(role: 'web' | 'worker'): Promise<Child>;
  /** stops the processes and removes what the deployment made (its Redis keys on the shared Redis, the database) */
  stop(): Promise<void>;
}

export async function startDeployment(o: {
  tag: string;
  redisUrl?: string;
  extra?: Record<string, string> | ((platform: Platform) => Record<string, string>);
  /** runs on the new database before any process starts */
  seed?: (t: TestDatabase) => Promise<void>;
  processes?: ('web' | 'worker')[];
}): Promise<Deployment> {
  const [t, platform] = await Promise.all([createTestDatabase(`prod${o.tag}`), startPlatform()]);
  await o.seed?.(t);
  const prefix = uniquePrefix(o.tag);
  const env = serviceEnv({ databaseUrl: t.url, redisUrl: o.redisUrl, prefix, apiUrl: platform.url, extra: typeof o.extra === 'function' ? o.extra(platform) : o.extra });
  const children: Child[] = [];
  const start = async (role: 'web' | 'worker') => {
    const c = await startChild(role, env);
    children.push(c);
    return c;
  };
  // in the order asked for, whichever is ready first
  children.push(...(await Promise.all((o.processes ?? ['web', 'worker']).map((role) => startChild(role, env)))));
  return {
    t, platform, prefix, env, children, start,
    async stop() {
      await Promise.all(children.map((c) => c.stop()));
      if (!o.redisUrl || o.redisUrl === SHARED_REDIS) await dropPrefix(SHARED_REDIS, prefix);
      await platform.close();
      await t.drop();
    },
  };
}

let lastStamp = 0;
/**
 * Date.now(), but never the same value twice in this process: DingTalk's sign covers only the
 * timestamp, so the web tier takes one body per (timestamp, sign) and callbacks sent in the same
 * millisecond need timestamps of their own, as DingTalk's do.
 */
export const uniqueNow = () => (lastStamp = Math.max(Date.now(), lastStamp + 1));

export const uniquePrefix = (tag: string) => `p${tag}${randomUUID().slice(0, 8)}`;

/** Rows per DingTalk msgId and their handling/answer state. */
export async function messageRows(db: Db) {
  return db.inboundMessage.findMany({ where: { platform: 'dingtalk' }, select: { id: true, messageId: true, handledAt: true, answerState: true, answerError: true, answer: true, text: true, error: true, handleAttempts: true } });
}

/** BullMQ job counts over the queues of `prefix` (all three by default). */
export async function jobCounts(redisUrl: string, prefix: string, queues: string[] = ['inbound', 'outbound', 'reminders']): Promise<Record<string, number>> {
  const total: Record<string, number> = {};
  for (const name of queues) {
    const q = new Queue(name, { connection: { url: redisUrl, maxRetriesPerRequest: 1 }, prefix });
    const c = await q.getJobCounts('active', 'waiting', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children');
    for (const [k, v] of Object.entries(c)) total[k] = (total[k] ?? 0) + v;
    await q.close();
  }
  return total;
}

/** Removes every key of `prefix` from a shared Redis. */
export async function dropPrefix(redisUrl: string, prefix: string): Promise<void> {
  for (const name of ['inbound', 'outbound', 'reminders']) {
    const q = new Queue(name, { connection: { url: redisUrl, maxRetriesPerRequest: 1 }, prefix });
    await q.obliterate({ force: true }).catch(() => {});
    await q.close();
  }
}

/** Sends `bodies` with at most `concurrency` requests in flight; `target(i)` picks the web process. */
export async function burst<T>(items: T[], concurrency: number, send: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const i = next++;
      await send(items[i]!, i);
    }
  });
  await Promise.all(lanes);
}

/**
 * `n` distinct callbacks from 张三, a member of 区卫生健康局, in that unit's bound group of
 * seedPlan(db, 'dingtalk'): three of four report progress on the unit's own tasks (each stores
 * one ProgressReport), the rest ask for help. Reports are what a retried handler must not
 * store twice.
 */
export function unitMessages(platform: Platform, n: number): { msgs: ReturnType<Platform['message']>[]; reports: number } {
  const from = { senderStaffId: 'zhangsan', senderNick: '张三', conversationType: '2', conversationId: 'cid-weijian' };
  const msgs = Array.from({ length: n }, (_, i) => platform.message(i % 4 === 3 ? `帮助 ${i}` : `2.${i % 2 ? 5 : 1} 进度${(i % 90) + 10}%`, from));
  return { msgs, reports: msgs.filter((_, i) => i % 4 !== 3).length };
}

/**
 * POSTs each callback until the web process acknowledges it with a 200, as the platform
 * retries. `paceMs`: each of the `concurrency` lanes waits this long between callbacks, so
 * they keep arriving over a while instead of in one burst.
 */
export async function deliverAll(platform: Platform, url: () => string, msgs: { body: unknown }[], opts: { concurrency?: number; paceMs?: number } = {}): Promise<{ refused: number }> {
  let refused = 0;
  await burst(msgs, opts.concurrency ?? 16, async (m) => {
    if (opts.paceMs) await new Promise((r) => setTimeout(r, opts.paceMs));
    for (;;) {
      const status = await platform.post(url(), m.body, { timeoutMs: 5000 });
      if (status === 200) return;
      refused += 1;
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  return { refused };
}

export type MessageRow = Awaited<ReturnType<typeof messageRows>>[number];

/**
 * Waits until `n` messages are stored, every one handled with its answer settled (sent, or
 * unknown/failed), and no inbound or outbound job is left to run: after that nothing more can
 * be sent, so counting answers is final. Returns the rows.
 */
export async function waitSettled(db: Db, redisUrl: string, prefix: string, n: number, timeoutMs: number): Promise<MessageRow[]> {
  return waitFor(async () => {
    const rows = await messageRows(db);
    if (rows.length < n || rows.some((r) => !r.handledAt || !['sent', 'unknown', 'failed'].includes(String(r.answerState)))) return null;
    return (await queuesIdle(redisUrl, prefix)) ? rows : null;
  }, { timeoutMs, everyMs: 250, what: `${n} messages handled and answered, queues idle` });
}

/** No message or answer job waiting, delayed or running under `prefix`: nothing more can be handled or sent. */
export async function queuesIdle(redisUrl: string, prefix: string): Promise<boolean> {
  const c = await jobCounts(redisUrl, prefix, ['inbound', 'outbound']);
  return (c.active ?? 0) + (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0) === 0;
}

/**
 * Per message: its stored rows and the answers the fake platform received. Exactly once
 * means one row, handled, and one answer; an answer recorded 'unknown' (the send's outcome
 * could not be known) has at most one and is counted apart.
 */
export function outcomes(platform: Platform, msgs: ReturnType<Platform['message']>[], rows: MessageRow[]) {
  const answers = platform.answersBySession();
  const byMsgId = new Map<string, MessageRow[]>();
  for (const r of rows) byMsgId.set(r.messageId, [...(byMsgId.get(r.messageId) ?? []), r]);
  const state = (m: { msgId: string }) => String(byMsgId.get(m.msgId)?.[0]?.answerState);
  return {
    /** messages not stored exactly once */
    notStoredOnce: msgs.filter((m) => byMsgId.get(m.msgId)?.length !== 1).map((m) => m.msgId),
    /** answered messages (state sent) that did not reach the platform exactly once */
    notAnsweredOnce: msgs.filter((m) => state(m) !== 'unknown' && (answers.get(m.session) ?? 0) !== 1).map((m) => `${m.msgId}: ${state(m)} × ${answers.get(m.session) ?? 0}`),
    /** answers whose outcome is unknown, with how often the platform got them (0 or 1) */
    unknown: msgs.filter((m) => state(m) === 'unknown').map((m) => answers.get(m.session) ?? 0),
    /** the most any message was answered */
    maxAnswers: Math.max(0, ...msgs.map((m) => answers.get(m.session) ?? 0)),
  };
}
