/**
 * The real service (web + worker, BullMQ on Redis, PostgreSQL) with WeCom and DingTalk
 * pointed at local fakes. `say` sends a callback signed and encrypted the way the platform
 * does and returns the answer the platform received: for the WeCom AI bot, the content of the
 * stream the passive reply opened, refreshed the way WeCom does until it finishes. Needs
 * PostgreSQL and Redis.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { parseConfig } from '../../src/config/load.ts';
import { createRuntime, startWeb, startWorker, type Runtime } from '../../src/main.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import type { Workers } from '../../src/queue/queues.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { REF_NOW, seedPlan } from './seed.ts';
import { startFakeWecomApi, type FakeWecomApi } from './fake-wecom-api.ts';
import { startFakeDingtalkApi, type FakeDingtalkApi } from './fake-dingtalk-api.ts';
import { signedCallback, botText, botRefresh, callbackNonceOf, openBotReply, SAMPLE } from './wecom-crypto.ts';
import { callbackHeaders, robotCallback } from './dingtalk-sign.ts';
import { waitFor } from './wait-for.ts';

export const WECOM = { corpId: 'wwduban0001', secret: 'app-secret', agentId: 1000002, botToken: 'botToken123', botAesKey: SAMPLE.aesKey };
export const DINGTALK = { appKey: 'dingappkey', appSecret: 'dingappsecret-xyz', robotCode: 'dingappkey' };

export interface PlatformBot {
  rt: Runtime;
  t: TestDatabase;
  base: string;
  wecom: FakeWecomApi;
  dingtalk: FakeDingtalkApi;
  clock: ReturnType<typeof fixedClock>;
  sayWecom(userId: string, text: string, opts?: { msgid?: string; chat?: 'single' | 'group'; chatId?: string }): Promise<string>;
  sayDingtalk(staffId: string, text: string, opts?: { msgId?: string }): Promise<string>;
  /** posts a raw WeCom AI bot callback and returns the HTTP response */
  postWecomBot(body: Record<string, unknown>, tamper?: (q: Record<string, string>) => void): Promise<Response>;
  /** the decrypted passive reply of an AI bot callback response (signature and receive id checked) */
  openWecomReply(res: Response): Promise<any>;
  /** posts one stream-refresh callback for `streamId` and returns the decrypted reply's `stream` */
  refreshWecom(streamId: string, userId: string, opts?: { chat?: 'single' | 'group'; chatId?: string; msgid?: string }): Promise<{ id: string; finish: boolean; content: string }>;
  /** refreshes like WeCom (every 50 ms) until `finish`; returns the final content and the refresh count */
  followWecomStream(streamId: string, userId: string, opts?: { chat?: 'single' | 'group'; chatId?: string }): Promise<{ content: string; refreshes: number }>;
  close(): Promise<void>;
}


/** The self-built app's callback secrets (on with `createPlatformBot(…, { wecomApp: true })`). */
export const WECOM_APP = { token: 'appToken456', aesKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut' };

/** `env`: further settings (DINGTALK_CARD_TEMPLATE_ID, WECOM_CARDS=0 …) over the fakes' */
export async function createPlatformBot(platform: 'wecom' | 'dingtalk', opts: { wecomApp?: boolean; env?: Record<string, string> } = {}): Promise<PlatformBot> {
  const t = await createTestDatabase(`e2e${platform}`);
  await seedPlan(t.db, platform);
  const clock = fixedClock(REF_NOW);
  const wecom = await startFakeWecomApi({ corpId: WECOM.corpId, secret: WECOM.secret, agentId: WECOM.agentId, now: () => clock.now().getTime() });
  const dingtalk = await startFakeDingtalkApi({ ...DINGTALK, now: () => clock.now().getTime() });
  const config = parseConfig({
    DATABASE_URL: t.url, QUEUE_PREFIX: `e2e${randomUUID().slice(0, 8)}`, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent',
    WECOM_CORP_ID: WECOM.corpId, WECOM_API_BASE: wecom.base, WECOM_BOT_TOKEN: WECOM.botToken, WECOM_BOT_AES_KEY: WECOM.botAesKey,
    DINGTALK_APP_KEY: DINGTALK.appKey, DINGTALK_APP_SECRET: DINGTALK.appSecret, DINGTALK_ROBOT_CODE: DINGTALK.robotCode,
    DINGTALK_OAPI_BASE: dingtalk.url, DINGTALK_API_BASE: dingtalk.url,
    ...(opts.wecomApp ? { WECOM_APP_TOKEN: WECOM_APP.token, WECOM_APP_AES_KEY: WECOM_APP.aesKey, WECOM_APP_SECRET: WECOM.secret, WECOM_AGENT_ID: String(WECOM.agentId) } : {}),
    ...opts.env,
  });
  const rt = createRuntime(config, { clock, log: silentLogger });
  const server: Server = await startWeb(rt);
  const workers: Workers = await startWorker(rt);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let signed = 0;

  const postWecomBot: PlatformBot['postWecomBot'] = async (body, tamper) => {
    const cb = signedCallback({ token: WECOM.botToken, aesKey: WECOM.botAesKey, receiveId: '' }, JSON.stringify(body), clock.now().getTime());
    const q: Record<string, string> = { ...cb.query };
    tamper?.(q);
    return fetch(`${base}/wecom/bot?${new URLSearchParams(q)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encrypt: cb.encrypt }) });
  };

  const openWecomReply: PlatformBot['openWecomReply'] = async (res) => openBotReply({ token: WECOM.botToken, aesKey: WECOM.botAesKey }, await res.json(), callbackNonceOf(res));
  const refreshWecom: PlatformBot['refreshWecom'] = async (streamId, userId, o = {}) => {
    const res = await postWecomBot(botRefresh({ streamId, userid: userId, chattype: o.chat ?? 'group', chatid: o.chatId ?? 'wrk-unbound', ...(o.msgid ? { msgid: o.msgid } : {}) }));
    if (res.status !== 200) throw new Error(`refresh answered ${res.status}`);
    const reply = await openWecomReply(res);
    if (reply.msgtype !== 'stream' || reply.stream?.id !== streamId) throw new Error(`refresh reply is not this stream: ${JSON.stringify(reply)}`);
    return reply.stream;
  };
  const followWecomStream: PlatformBot['followWecomStream'] = async (streamId, userId, o = {}) => {
    const end = Date.now() + 10_000;
    for (let refreshes = 1; ; refreshes += 1) {
      const s = await refreshWecom(streamId, userId, o);
      if (s.finish) return { content: s.content, refreshes };
      if (Date.now() > end) throw new Error(`stream ${streamId} did not finish`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  return {
    rt, t, base, wecom, dingtalk, clock, postWecomBot, openWecomReply, refreshWecom, followWecomStream,
    async sayWecom(userId, text, o = {}) {
      const code = randomUUID().replace(/-/g, '');
      const url = wecom.addResponseUrl(code);
      const body = botText({ msgid: o.msgid ?? randomUUID(), userid: userId, content: `@督办助手 ${text}`, chattype: o.chat ?? 'group', chatid: o.chatId ?? 'wrk-unbound', response_url: url });
      const res = await postWecomBot(body);
      if (res.status !== 200) throw new Error(`callback answered ${res.status}`);
      const start = await openWecomReply(res);
      if (start.msgtype !== 'stream' || start.stream?.finish !== false) throw new Error(`callback reply is not a stream start: ${JSON.stringify(start)}`);
      return (await followWecomStream(start.stream.id, userId, o)).content;
    },
    async sayDingtalk(staffId, text, o = {}) {
      const session = dingtalk.addSession(90 * 60_000);
      const body = robotCallback({ msgId: o.msgId ?? randomUUID(), senderStaffId: staffId, senderNick: staffId, conversationType: '1', conversationId: 'cid-single', text: { content: ` ${text}` }, sessionWebhook: session.url, sessionWebhookExpiredTime: session.expiresAt, createAt: clock.now().getTime() });
      // A timestamp of its own per callback, as DingTalk's: the service takes one body per (timestamp, sign).
      const res = await fetch(`${base}/dingtalk/robot`, { method: 'POST', headers: callbackHeaders(DINGTALK.appSecret, clock.now().getTime() + (signed += 1)), body: JSON.stringify(body) });
      if (res.status !== 200) throw new Error(`callback answered ${res.status}`);
      const id = new URL(session.url).searchParams.get('session');
      const sent = await waitFor(() => dingtalk.requests.find((r) => r.path === '/robot/sendBySession' && r.query.get('session') === id), { what: `answer to ${text}` });
      return (sent.json.markdown?.text ?? sent.json.text?.content) as string;
    },
    async close() {
      await workers.close();
      await new Promise<void>((r) => server.close(() => r()));
      for (const q of Object.values(rt.queues!.queues)) await q.obliterate({ force: true }).catch(() => {});
      await rt.close();
      await wecom.close();
      await dingtalk.close();
      await t.drop();
    },
  };
}
