/**
 * Which platform channels run, from config: a channel whose variables are absent is off.
 * Returns the routers for the web process, the senders for workers, and start/stop for
 * long connections (WeCom AI bot ws, DingTalk stream).
 */
import type Router from '@koa/router';
import type Koa from 'koa';
import type { Config } from '../config/load.ts';
import type { Accept } from '../channels/types.ts';
import type { Logger } from '../lib/logger.ts';
import type { Clock } from '../lib/clock.ts';
import type { Redis } from '../queue/connection.ts';
import type { Senders } from '../conversation/deliver-answer.ts';
import type { Runtime } from '../main.ts';
import { webExtras } from './web-extras.ts';

export interface Channels {
  routers: Router[];
  senders: Senders;
  /** fetch an attached file (plan import) through its platform */
  fetchFile(platform: string, file: { name: string; mediaId?: string; downloadUrl?: string }): Promise<Buffer>;
  extraMiddleware(rt: Runtime): Koa.Middleware[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

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

export function createChannels(config: Config, deps: { accept: Accept; log: Logger; clock: Clock; redis: Redis }): Channels {
  void config; void deps;
  return noChannels();
}
