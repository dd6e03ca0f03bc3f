/**
 * The DingTalk Sender: answers, reminders and files through the route each needs.
 *
 * - Answers (`reply`): the message's sessionWebhook while it is valid; when it has expired,
 *   is not DingTalk's, or answers 300001, the rest of the answer goes through the robot
 *   OpenAPI (group send for group chats, single-chat batch send otherwise), so nothing is lost.
 * - Groups: a custom robot webhook (signed when it has a secret) when the group has one,
 *   else the internal robot's group send
 *   (https://open.dingtalk.com/document/orgapp/the-robot-sends-a-group-message).
 * - Users: batchSend, at most 20 staff ids a call
 *   (https://open.dingtalk.com/document/orgapp/chatbots-send-one-on-one-chat-messages-in-batches).
 * - Group sends take from the shared RateLimiter, 20 a minute per robot and group, before
 *   anything goes out; a refusal (ours, or DingTalk's 130101) is a retryable result so the
 *   queue sends later instead of dropping the message.
 */
import { AppError } from '../../lib/errors.ts';
import type { FileStream } from '../file-stream.ts';
import { systemClock, type Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { CARD_UPDATE_ROUTE, noRateLimit, type Destination, type OutboundMessage, type RateLimiter, type ReplyRoute, type SendResult, type Sender } from '../types.ts';
import { createDingtalkClient, type DingtalkClient } from './client.ts';
import { encodeOpenApiFile, encodeOpenApiMarkdown, encodeWebhookMarkdown, type OpenApiMessage } from './encode.ts';
import { signWebhookUrl } from './verify.ts';
import type { DingtalkChannelConfig } from './types.ts';
import { CARD_ROUTE_KIND } from './decode.ts';
import { CARD_SEND_PATH, CARD_UPDATE_PATH, encodeActionCard, encodeInteractiveCard, encodeInteractiveCardUpdate, type CardTarget } from './encode-card.ts';

export const GROUP_RATE = { limit: 20, windowMs: 60_000 };
export const BATCH_USER_LIMIT = 20;
/** A session webhook this close to expiry is treated as expired. */
const SESSION_MARGIN_MS = 5_000;
const SESSION_EXPIRED = '300001';

export interface DingtalkSenderOpts {
  config: DingtalkChannelConfig;
  log: Logger;
  clock?: Clock;
  rateLimiter?: RateLimiter;
  fetch?: typeof fetch;
}

export interface DingtalkSender extends Sender {
  /** Downloads a file message's content (`file.mediaId` holds the downloadCode). */
  fetchFile(file: { name: string; mediaId?: string; downloadUrl?: string }): Promise<Buffer>;
  /** a received file or picture as a stream (佐证材料) */
  openFile(file: { name: string; mediaId?: string; downloadUrl?: string }): Promise<FileStream>;
}

export function createDingtalkSender(opts: DingtalkSenderOpts): DingtalkSender {
  const clock = opts.clock ?? systemClock;
  const limiter = opts.rateLimiter ?? noRateLimit;
  const { config, log } = opts;
  const client = createDingtalkClient({ config, clock, log, fetch: opts.fetch });
  const oapiOrigin = new URL(config.oapiBase).origin;

  async function send(to: Destination, message: OutboundMessage): Promise<SendResult> {
    if (message.card && config.cards === false) message = { ...message, card: undefined };
    if (to.kind === 'reply') return sendReply(to.route, message);
    if (to.kind === 'user') return sendToUsers(to.userIds, message);
    // a custom robot webhook cannot carry buttons: that group keeps text
    if (to.webhookUrl) return sendCustomRobot(to.chatId, to.webhookUrl, to.webhookSecret ?? null, message);
    if (message.card && config.cardTemplateId) {
      const limited = await takeRate(`dingtalk:robot:${config.robotCode}:${to.chatId}`, 1);
      return limited ?? sendCard({ group: to.chatId }, message);
    }
    const limited = await takeRate(`dingtalk:robot:${config.robotCode}:${to.chatId}`, encodeOpenApiMarkdown(message.markdown).length + (message.file ? 1 : 0));
    if (limited) return limited;
    return sendOpenApi({ group: to.chatId }, encodeOpenApiMarkdown(message.markdown), message.file);
  }

  async function sendReply(route: ReplyRoute, message: OutboundMessage): Promise<SendResult> {
    const extra = route.extra ?? {};
    if (route.kind === CARD_ROUTE_KIND || route.kind === CARD_UPDATE_ROUTE) return answerClick(route, message);
    const target = extra.conversationType === '2' && typeof extra.openConversationId === 'string'
      ? { group: extra.openConversationId }
      : typeof extra.staffId === 'string' && extra.staffId ? { users: [extra.staffId] } : null;
    let remaining = message.markdown;
    if (sessionUsable(route)) {
      const bodies = encodeWebhookMarkdown(message.markdown, message.mention);
      let sent = 0;
      for (const body of bodies) {
        const r = await client.postWebhook(route.url!, body);
        if (!r.ok && r.code === SESSION_EXPIRED) break;
        if (!r.ok) return r;
        sent += 1;
      }
      if (sent === bodies.length && !message.file) return { ok: true };
      remaining = bodies.slice(sent).map((b) => stripMention(b.markdown.text, message.mention)).join('\n');
      if (sent < bodies.length) log.info({ sent, total: bodies.length }, 'dingtalk session webhook expired (300001); falling back to the OpenAPI');
    }
    if (!target) return { ok: false, code: 'NO_TARGET', error: 'session expired and no staffId/openConversationId to fall back on', retryable: false };
    const messages = remaining.trim() ? encodeOpenApiMarkdown(remaining) : [];
    return sendOpenApi(target, messages, message.file);
  }

  function sessionUsable(route: ReplyRoute): boolean {
    if (!route.url || !route.expiresAt || route.expiresAt <= clock.now().getTime() + SESSION_MARGIN_MS) return false;
    try {
      if (new URL(route.url).origin === oapiOrigin) return true;
    } catch { /* fall through */ }
    log.warn({ origin: safeOrigin(route.url) }, 'sessionWebhook not on DINGTALK_OAPI_BASE; not posting to it');
    return false;
  }

  async function sendToUsers(userIds: string[], message: OutboundMessage): Promise<SendResult> {
    const ids = [...new Set(userIds.filter(Boolean))];
    if (ids.length === 0) return { ok: false, code: 'NO_TARGET', error: 'no user ids', retryable: false };
    if (message.card && config.cardTemplateId) {
      for (const id of ids) {
        const r = await sendCard({ user: id }, { ...message, card: { ...message.card, id: ids.length > 1 ? `${message.card.id}-${id}`.slice(0, 128) : message.card.id } });
        if (!r.ok) return r;
      }
      return { ok: true };
    }
    // no template: an ActionCard whose one button opens the task, signed for this one person
    if (message.card?.viewUrl && ids.length === 1) return sendOpenApi({ users: ids }, [encodeActionCard(message.card, message.markdown, message.card.viewUrl)], message.file);
    return sendOpenApi({ users: ids }, encodeOpenApiMarkdown(message.markdown), message.file);
  }

  /** An interactive card from the office's template (DINGTALK_CARD_TEMPLATE_ID). */
  async function sendCard(to: CardTarget, message: OutboundMessage): Promise<SendResult> {
    const body = encodeInteractiveCard(message.card!, { templateId: config.cardTemplateId!, robotCode: config.robotCode, callbackUrl: config.cardCallbackUrl, to });
    return client.callApi(CARD_SEND_PATH, body);
  }

  /**
   * A click's answer: a decided card updates the clicked card (its cardBizId) for everyone
   * who sees it; any other answer (a refusal, "already decided", a question) goes to the
   * clicker in single chat.
   */
  async function answerClick(route: ReplyRoute, message: OutboundMessage): Promise<SendResult> {
    const extra = route.extra ?? {};
    if (message.card?.result) {
      if (!config.cardTemplateId) return { ok: true };
      return client.callApi(CARD_UPDATE_PATH, encodeInteractiveCardUpdate({ ...message.card, id: typeof extra.cardId === 'string' ? extra.cardId : message.card.id }), false, 'PUT');
    }
    const staffId = typeof extra.staffId === 'string' ? extra.staffId : '';
    return sendToUsers([staffId], { ...message, card: undefined });
  }

  async function sendCustomRobot(chatId: string, webhookUrl: string, secret: string | null, message: OutboundMessage): Promise<SendResult> {
    const bodies = encodeWebhookMarkdown(message.markdown, message.mention);
    const limited = await takeRate(`dingtalk:webhook:${webhookKey(webhookUrl)}`, bodies.length);
    if (limited) return limited;
    for (const body of bodies) {
      const url = secret ? signWebhookUrl(webhookUrl, secret, clock.now().getTime()) : webhookUrl;
      const r = await client.postWebhook(url, body);
      if (!r.ok) return r;
    }
    // A custom robot cannot send files: the ledger goes through the internal robot.
    return message.file ? sendOpenApi({ group: chatId }, [], message.file) : { ok: true };
  }

  /** OpenAPI sends to a group or to users (chunked by 20), then the file if any. */
  async function sendOpenApi(target: { group: string } | { users: string[] }, messages: OpenApiMessage[], file?: OutboundMessage['file']): Promise<SendResult> {
    const all = [...messages];
    if (file) {
      const up = await client.uploadMedia(file.content, file.name);
      if (!up.ok || !up.mediaId) return up;
      all.push(encodeOpenApiFile(up.mediaId, file.name));
    }
    for (const m of all) {
      const r = 'group' in target ? await groupSend(client, config, target.group, m) : await batchSend(client, config, target.users, m);
      if (!r.ok) return r;
    }
    return { ok: true };
  }

  async function takeRate(key: string, count: number): Promise<SendResult | null> {
    for (let i = 0; i < count; i += 1) {
      const waitMs = await limiter.take(key, GROUP_RATE.limit, GROUP_RATE.windowMs);
      if (waitMs > 0) return { ok: false, code: 'RATE_LIMITED', error: 'robot send rate reached (20 a minute)', retryable: true, retryAfterMs: waitMs };
    }
    return null;
  }

  return {
    platform: 'dingtalk',
    /** Outcomes carry no API body past this point. */
    send: async (to, message) => { const { body: _body, ...result } = (await send(to, message)) as SendResult & { body?: unknown }; return result; },
    async fetchFile(file) {
      if (!file.mediaId) throw new AppError('FILE_UNAVAILABLE', { reason: 'no downloadCode', platform: 'dingtalk', dingtalk: true, privateOnly: true });
      return client.downloadFile(file.mediaId);
    },
    async openFile(file) {
      if (!file.mediaId) throw new AppError('FILE_UNAVAILABLE', { reason: 'no downloadCode', platform: 'dingtalk', dingtalk: true, privateOnly: true });
      return client.openFile(file.mediaId);
    },
  };
}

async function groupSend(client: DingtalkClient, config: DingtalkChannelConfig, openConversationId: string, m: OpenApiMessage): Promise<SendResult> {
  return client.callApi('/v1.0/robot/groupMessages/send', { robotCode: config.robotCode, openConversationId, msgKey: m.msgKey, msgParam: m.msgParam });
}

async function batchSend(client: DingtalkClient, config: DingtalkChannelConfig, userIds: string[], m: OpenApiMessage): Promise<SendResult> {
  for (let i = 0; i < userIds.length; i += BATCH_USER_LIMIT) {
    const chunk = userIds.slice(i, i + BATCH_USER_LIMIT);
    const r = await client.callApi('/v1.0/robot/oToMessages/batchSend', { robotCode: config.robotCode, userIds: chunk, msgKey: m.msgKey, msgParam: m.msgParam });
    if (!r.ok) return r;
    const flow = Array.isArray(r.body?.flowControlledStaffIdList) ? (r.body.flowControlledStaffIdList as string[]) : [];
    if (flow.length === chunk.length) return { ok: false, code: 'FLOW_CONTROLLED', error: 'all recipients flow-controlled', retryable: true, retryAfterMs: 60_000 };
  }
  return { ok: true };
}

/** The custom robot's access_token identifies the robot; the rate limit is per robot. */
function webhookKey(webhookUrl: string): string {
  try {
    return new URL(webhookUrl).searchParams.get('access_token') ?? webhookUrl;
  } catch {
    return webhookUrl;
  }
}

function stripMention(text: string, mention: string[] = []): string {
  const tag = mention.map((m) => `@${m}`).join(' ');
  return tag && text.endsWith(`\n\n${tag}`) ? text.slice(0, -(tag.length + 2)) : text;
}

function safeOrigin(url: string): string {
  try { return new URL(url).origin; } catch { return 'invalid'; }
}
