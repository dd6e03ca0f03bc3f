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
  return db.inboundMessage.findMany({ where: { platform: 'dingtalk' }, select: { id: true, messageId: true, handledAt: true, answerState: true, answer: true, text: true, error: true } });
}

/** BullMQ job counts over every queue of `prefix`. */
export async function jobCounts(redisUrl: string, prefix: string): Promise<Record<string, number>> {
  const total: Record<string, number> = {};
  for (const name of ['inbound', 'outbound', 'reminders']) {
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
