/**
 * Which platform channels run, from config: a channel whose variables are absent is off.
 * Returns the routers for the web process, the senders for workers, and start/stop for
 * long connections (WeCom AI bot ws, DingTalk stream). Each long connection is held under a
 * lease shared by every process (channels/leased-connection.ts): one holds it, the others
 * wait to take over.
 */
import { AppError } from '../lib/errors.ts';
import { collect, type FileStream } from '../channels/file-stream.ts';
import type Router from '@koa/router';
import type { Config } from '../config/load.ts';
import type { Accept, HeldAnswer, Lease, RateLimiter, ReplayGuard } from '../channels/types.ts';
import { underLease, type LeasedConnection, type LongConnection } from '../channels/leased-connection.ts';
import { render } from '../render/render.ts';
import type { Logger } from '../lib/logger.ts';
import type { Clock } from '../lib/clock.ts';
import type { Senders } from '../conversation/deliver-answer.ts';
import { createDingtalkRouter, DINGTALK_CARD_PATH } from '../channels/dingtalk/routes.ts';
import { cardCallbackSig } from '../channels/dingtalk/verify.ts';
import { createDingtalkSender } from '../channels/dingtalk/api.ts';
import { createDingtalkStream } from '../channels/dingtalk/stream.ts';
import type { DingtalkChannelConfig } from '../channels/dingtalk/types.ts';
import { createWecomRouter } from '../channels/wecom/routes.ts';
import { createWecomSender } from '../channels/wecom/api.ts';
import { createWecomBotWsClient } from '../channels/wecom/bot-ws.ts';
import type { WecomChannelConfig } from '../channels/wecom/types.ts';

export interface Channels {
  routers: Router[];
  senders: Senders;
  /** fetch an attached file (plan import) through its platform */
  fetchFile(platform: string, file: { name: string; mediaId?: string; downloadUrl?: string; aesKey?: string }): Promise<Buffer>;
  /** an attached file or image as a stream (佐证材料: written to the file store as it arrives) */
  openFile(platform: string, file: { name: string; mediaId?: string; downloadUrl?: string; aesKey?: string }): Promise<FileStream>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

type OpenFile = Channels['openFile'];

export function noChannels(): Channels {
  return {
    routers: [],
    senders: {},
    fetchFile: async () => { throw new AppError('FILE_UNAVAILABLE', { reason: 'no channel downloads files here' }); },
    openFile: async () => { throw new AppError('FILE_UNAVAILABLE', { reason: 'no channel downloads files here' }); },
    start: async () => {},
    stop: async () => {},
  };
}

export function dingtalkConfig(c: Config): DingtalkChannelConfig | null {
  if (!c.DINGTALK_APP_KEY || !c.DINGTALK_APP_SECRET) return null;
  // card clicks: over the Stream in stream mode, else posted to our own signed URL
  const cardCallbackUrl = c.DINGTALK_MODE === 'http' ? `${c.PUBLIC_BASE_URL.replace(/\/$/, '')}${DINGTALK_CARD_PATH}?sig=${cardCallbackSig(c.DINGTALK_APP_SECRET)}` : undefined;
  return { appKey: c.DINGTALK_APP_KEY, appSecret: c.DINGTALK_APP_SECRET, robotCode: c.DINGTALK_ROBOT_CODE ?? c.DINGTALK_APP_KEY, mode: c.DINGTALK_MODE, oapiBase: c.DINGTALK_OAPI_BASE, apiBase: c.DINGTALK_API_BASE, cards: c.DINGTALK_CARDS, cardTemplateId: c.DINGTALK_CARD_TEMPLATE_ID, cardCallbackUrl };
}

export function wecomConfig(c: Config): WecomChannelConfig | null {
  const botCallback = Boolean(c.WECOM_BOT_TOKEN && c.WECOM_BOT_AES_KEY) && c.WECOM_BOT_MODE === 'callback';
  const botWs = c.WECOM_BOT_MODE === 'ws' && Boolean(c.WECOM_BOT_ID && c.WECOM_BOT_SECRET);
  const app = c.WECOM_APP_TOKEN && c.WECOM_APP_AES_KEY && c.WECOM_APP_SECRET && c.WECOM_AGENT_ID
    ? { token: c.WECOM_APP_TOKEN, aesKey: c.WECOM_APP_AES_KEY, secret: c.WECOM_APP_SECRET, agentId: c.WECOM_AGENT_ID } : null;
  if (!botCallback && !botWs && !app) return null;
  return {
    corpId: c.WECOM_CORP_ID ?? '',
    apiBase: c.WECOM_API_BASE,
    bot: botCallback || botWs
      ? { token: c.WECOM_BOT_TOKEN ?? '', aesKey: c.WECOM_BOT_AES_KEY ?? '', mode: c.WECOM_BOT_MODE, botId: c.WECOM_BOT_ID, secret: c.WECOM_BOT_SECRET, wsUrl: c.WECOM_BOT_WS_URL, name: c.WECOM_BOT_NAME }
      : null,
    cards: c.WECOM_CARDS,
    app,
  };
}

export interface ChannelDeps {
  accept: Accept;
  /** a stream refresh takes a held answer (conversation/deliver-answer.ts collectHeldAnswer) */
  collectAnswer?: (messageId: string) => Promise<HeldAnswer>;
  log: Logger;
  clock: Clock;
  rateLimiter: RateLimiter;
  /** one body per DingTalk (timestamp, sign) pair, in Redis */
  replayGuard: ReplayGuard;
  role?: 'web' | 'worker' | 'both';
  /** the lease of a long connection, by name (one holder among all processes); without it the connection simply runs here */
  lease?: (name: string) => Lease;
}

export function createChannels(config: Config, deps: ChannelDeps): Channels {
  const out = noChannels();
  const fetchers: Record<string, OpenFile> = {};
  const starters: LongConnection[] = [];
  const leased = (name: string, conn: LongConnection): LongConnection | LeasedConnection => (deps.lease ? underLease(conn, deps.lease(name), { name, log: deps.log }) : conn);
  const wc = wecomConfig(config);
  if (wc) {
    // In ws mode the socket both receives and answers: it runs in the process holding its lease.
    let held: LongConnection | LeasedConnection | undefined;
    const ws = wc.bot?.mode === 'ws'
      ? createWecomBotWsClient({
        config: { botId: wc.bot.botId!, secret: wc.bot.secret!, wsUrl: wc.bot.wsUrl!, name: wc.bot.name }, accept: deps.accept, log: deps.log, clock: deps.clock, rateLimiter: deps.rateLimiter,
        onKicked: () => { if (held && 'standAside' in held) held.standAside(); },
      })
      : undefined;
    if (ws) starters.push((held = leased(`wecom-bot-ws:${wc.bot!.botId}`, ws)));
    const sender = createWecomSender({ config: wc, log: deps.log, clock: deps.clock, rateLimiter: deps.rateLimiter, botSocket: ws });
    out.senders.wecom = sender;
    fetchers.wecom = (_p, f) => sender.openFile(f);
    const stream = deps.collectAnswer
      ? { collect: deps.collectAnswer, pending: render('stream-pending', {}, { channel: 'wecom' }).markdown, gone: render('stream-gone', {}, { channel: 'wecom' }).markdown }
      : undefined;
    out.routers.push(createWecomRouter({ config: wc, accept: deps.accept, log: deps.log, clock: deps.clock, stream }));
  }
  const dt = dingtalkConfig(config);
  if (dt) {
    const sender = createDingtalkSender({ config: dt, log: deps.log, clock: deps.clock, rateLimiter: deps.rateLimiter });
    out.senders.dingtalk = sender;
    fetchers.dingtalk = (_p, f) => sender.openFile(f);
    if (dt.mode === 'http') out.routers.push(createDingtalkRouter({ config: dt, accept: deps.accept, replayGuard: deps.replayGuard, log: deps.log, clock: deps.clock }));
    else starters.push(leased(`dingtalk-stream:${dt.appKey}`, createDingtalkStream({ config: dt, accept: deps.accept, log: deps.log })));
  }
  out.openFile = async (platform, file) => {
    const f = fetchers[platform];
    if (!f) throw new AppError('FILE_UNAVAILABLE', { reason: `no file downloads on ${platform}` });
    return f(platform, file);
  };
  out.fetchFile = async (platform, file) => collect(await out.openFile(platform, file));
  out.start = async () => { for (const s of starters) await s.start(); };
  out.stop = async () => { for (const s of starters) await s.stop(); };
  return out;
}
