/**
 * POST /dingtalk/robot — the enterprise internal robot's HTTP-mode callback
 * (https://open.dingtalk.com/document/orgapp/receive-message). It reads like the protocol:
 * verify the headers → read the body (1 MB cap) → parse → one body per signature → decode →
 * accept → 200 JSON. A duplicate `msgId` (DingTalk's retry, or a replay of a captured request
 * inside the sign window) is answered 200 and not processed again: `accept` stores each
 * message once. Another body under a signature already used is refused (REPLAY, 403).
 * The answer itself is sent later through the Sender, never in this response.
 */
import { timingSafeEqual } from 'node:crypto';
import Router from '@koa/router';
import type { Logger } from '../../lib/logger.ts';
import { systemClock, type Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { decodeUtf8 } from '../../lib/read-body.ts';
import { readCallbackBody } from '../read-callback.ts';
import type { Accept, ReplayGuard } from '../types.ts';
import { decodeCardClick, decodeRobotMessage } from './decode.ts';
import { CardCallback, RobotCallback, type DingtalkChannelConfig } from './types.ts';
import { cardCallbackSig, checkReplay, verifyDingtalk } from './verify.ts';

export const DINGTALK_ROBOT_PATH = '/dingtalk/robot';
/** Card clicks in HTTP mode (the cards' callbackUrl carries `sig`, see verify.ts cardCallbackSig). */
export const DINGTALK_CARD_PATH = '/dingtalk/card';

export interface DingtalkRouterDeps {
  config: Pick<DingtalkChannelConfig, 'appSecret' | 'robotCode'>;
  accept: Accept;
  /** remembers each (timestamp, sign) pair's body for its hour (Redis, shared by web processes) */
  replayGuard: ReplayGuard;
  log: Logger;
  clock?: Clock;
}

export function createDingtalkRouter(deps: DingtalkRouterDeps): Router {
  const router = new Router();
  const clock = deps.clock ?? systemClock;
  router.post(DINGTALK_ROBOT_PATH, verifyDingtalk(deps.config.appSecret, clock), async (ctx) => {
    // The request's logger (with its reqId) when the server provides one.
    const log: Logger = ctx.state.log ?? deps.log;
    const raw = await readCallbackBody(ctx);
    if (!raw) return;
    const body = parseCallback(decodeUtf8(raw));
    await checkReplay(deps.replayGuard, { timestamp: ctx.get('timestamp'), sign: ctx.get('sign') }, raw, clock.now().getTime(), log);
    if (body.robotCode && body.robotCode !== deps.config.robotCode) {
      log.warn({ robotCode: body.robotCode }, 'dingtalk callback for another robotCode: check DINGTALK_ROBOT_CODE');
    }
    const result = await deps.accept(decodeRobotMessage(body));
    if (result.status === 'duplicate') log.info({ msgId: body.msgId }, 'dingtalk duplicate msgId; not processed again');
    ctx.status = 200;
    ctx.body = {};
  });
  // A card click (互动卡片 callbackUrl): its URL carries our own signature, since the body's
  // signing scheme is not one we could establish; the clicker is `userId`, and the click is
  // authorised like text by the conversation.
  router.post(DINGTALK_CARD_PATH, async (ctx) => {
    const log: Logger = ctx.state.log ?? deps.log;
    if (!sigMatches(String(ctx.query.sig ?? ''), cardCallbackSig(deps.config.appSecret))) throw new AppError('BAD_SIGNATURE', { reason: 'card callback sig' });
    const raw = await readCallbackBody(ctx);
    if (!raw) return;
    let json: unknown;
    try { json = JSON.parse(decodeUtf8(raw)); } catch { throw new AppError('BAD_REQUEST', { reason: 'malformed JSON' }); }
    const parsed = CardCallback.safeParse(json);
    const click = parsed.success ? decodeCardClick(parsed.data) : null;
    if (!click) throw new AppError('BAD_REQUEST', { reason: 'not a Duban card click' });
    const result = await deps.accept(click);
    if (result.status === 'duplicate') log.info({ messageId: click.messageId }, 'dingtalk card click seen before; acted on once');
    ctx.status = 200;
    ctx.body = {};
  });
  return router;
}

function sigMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}


/** Malformed JSON or a body that is not a robot message is a 400, never a 500. */
export function parseCallback(text: string): RobotCallback {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', { reason: 'malformed JSON' });
  }
  const parsed = RobotCallback.safeParse(json);
  if (!parsed.success) throw new AppError('BAD_REQUEST', { reason: 'not a robot message', issues: parsed.error.issues.slice(0, 3).map((i) => i.path.join('.')) });
  return parsed.data;
}
