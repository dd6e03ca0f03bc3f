/**
 * Which platform channels run, from config: a channel whose variables are absent is off.
 * Returns the routers for the web process, the senders for workers, and start/stop for
 * long connections (WeCom AI bot ws, DingTalk stream).
 */
import type Router from '@koa/router';
import type Koa from 'koa';
import type { Config } from '../config/load.ts';
import type { Accept, RateLimiter } from '../channels/types.ts';
import type { Logger } from '../lib/logger.ts';
import type { Clock } from '../lib/clock.ts';
import type { Senders } from '../conversation/deliver-answer.ts';
import type { Runtime } from '../main.ts';
import { webExtras } from './web-extras.ts';
import { createDingtalkRouter } from '../channels/dingtalk/routes.ts';
import { createDingtalkSender } from '../channels/dingtalk/api.ts';
import { createDingtalkStream } from '../channels/dingtalk/stream.ts';
import type { DingtalkChannelConfig } from '../channels/dingtalk/types.ts';

export interface Channels {
  routers: Router[];
  senders: Senders;
  /** fetch an attached file (plan import) through its platform */
  fetchFile(platform: string, file: { name: string; mediaId?: string; downloadUrl?: string }): Promise<Buffer>;
  extraMiddleware(rt: Runtime): Koa.Middleware[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

type FetchFile = Channels['fetchFile'];

export function noChannels(): Channels {
  return {
    routers: [],
    senders: {},
    fetchFile: async () => { throw new Error('此渠道不支持文件下载'); },
    extraMiddleware: (rt) => webExtras(rt),
    start: async () => {},
    stop: async () => {},
  };
}

export function dingtalkConfig(c: Config): DingtalkChannelConfig | null {
  if (!c.DINGTALK_APP_KEY || !c.DINGTALK_APP_SECRET) return null;
  return { appKey: c.DINGTALK_APP_KEY, appSecret: c.DINGTALK_APP_SECRET, robotCode: c.DINGTALK_ROBOT_CODE ?? c.DINGTALK_APP_KEY, mode: c.DINGTALK_MODE, oapiBase: c.DINGTALK_OAPI_BASE, apiBase: c.DINGTALK_API_BASE };
}

export function createChannels(config: Config, deps: { accept: Accept; log: Logger; clock: Clock; rateLimiter: RateLimiter; role?: 'web' | 'worker' | 'both' }): Channels {
  const out = noChannels();
  const fetchers: Record<string, FetchFile> = {};
  const starters: { start(): Promise<void>; stop(): Promise<void> }[] = [];
  const dt = dingtalkConfig(config);
  if (dt) {
    const sender = createDingtalkSender({ config: dt, log: deps.log, clock: deps.clock, rateLimiter: deps.rateLimiter });
    out.senders.dingtalk = sender;
    fetchers.dingtalk = (_p, f) => sender.fetchFile(f);
    if (dt.mode === 'http') out.routers.push(createDingtalkRouter({ config: dt, accept: deps.accept, log: deps.log, clock: deps.clock }));
    else starters.push(createDingtalkStream({ config: dt, accept: deps.accept, log: deps.log }));
  }
  out.fetchFile = async (platform, file) => {
    const f = fetchers[platform];
    if (!f) throw new Error('此渠道不支持文件下载');
    return f(platform, file);
  };
  out.start = async () => { for (const s of starters) await s.start(); };
  out.stop = async () => { for (const s of starters) await s.stop(); };
  return out;
}
