/**
 * The WeCom Sender: answers, reminders and files through the route each needs.
 *
 * - Answers to the AI bot (`reply`, callback mode): text messages are normally answered by
 *   the stream the passive reply opened (a refresh collects the answer: routes.ts, stream.ts),
 *   and reach this Sender only when no refresh took them within the stream window (route
 *   'wecom_bot_stream', sent once its `holdUntil` has passed). Those, and answers on the
 *   'wecom_bot_response_url' route, are one POST to the message's response_url (valid 1 hour,
 *   usable once: https://developer.work.weixin.qq.com/document/path/101138).
 *   When it has expired or WeCom refuses it, a single-chat answer goes through the app's
 *   message/send instead; a group answer comes back as a non-retryable RESPONSE_URL_EXPIRED so
 *   the caller can use the group's webhook.
 * - Answers in long-connection mode go back over the socket: aibot_respond_msg on the frame's
 *   req_id while it is fresh, then aibot_send_msg to the chat (path/101463).
 * - Answers to the self-built app, and `user` destinations: message/send (path/90236), at most
 *   30 messages a minute per member (WeCom drops the excess, so the shared RateLimiter refuses
 *   first and the queue retries later).
 * - Groups: the group robot webhook when the group has one (20 a minute per robot, path/99110),
 *   else appchat/send for app-created chats (path/90248).
 * Rate refusals, 45009, HTTP 429/5xx and timeouts are retryable with `retryAfterMs`.
 */
import { AppError } from '../../lib/errors.ts';
import { openBotFile } from './bot-media.ts';
import { collect, type FileStream } from '../file-stream.ts';
import { systemClock, type Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { noRateLimit, type Destination, type OutboundMessage, type RateLimiter, type ReplyRoute, type SendResult, type Sender } from '../types.ts';
import { createWecomClient, type WecomClient } from './client.ts';
import { APP_CARD_ROUTE, APP_ROUTE, BOT_WS_ROUTE, RESPONSE_URL_ROUTE, STREAM_ROUTE } from './decode.ts';
import { encodeAppMarkdown, encodeResponseUrlMarkdown, encodeWebhookMarkdown, type AppBody } from './encode.ts';
import type { WecomChannelConfig } from './types.ts';
import type { Card } from '../card.ts';
import { encodeAppCardUpdate, encodeTemplateCard } from './encode-card.ts';

export const WEBHOOK_RATE = { limit: 20, windowMs: 60_000 };
export const MEMBER_RATE = { limit: 30, windowMs: 60_000 };
/** message/send takes at most 1000 user ids in `touser`. */
const TOUSER_MAX = 1000;
/** A response_url this close to expiry is treated as expired. */
const EXPIRY_MARGIN_MS = 10_000;

/** What the long-connection client offers the Sender (see bot-ws.ts). */
export interface BotSocket {
  /** answers a message on its req_id: a finished stream, or `card` as a template_card */
  respond(reqId: string, markdown: string, card?: Card): Promise<SendResult>;
  /** aibot_send_msg to a chat that messaged the bot: markdown, or `card` as a template_card */
  push(chatId: string, markdown: string, card?: Card): Promise<SendResult>;
  /** replaces the clicked card (a template_card_event's req_id) for everyone it went to */
  updateCard(eventReqId: string, card: Card): Promise<SendResult>;
}

export interface WecomSenderOpts {
  config: WecomChannelConfig;
  log: Logger;
  clock?: Clock;
  rateLimiter?: RateLimiter;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** the AI bot long connection, when WECOM_BOT_MODE=ws runs in this process */
  botSocket?: BotSocket;
}

export interface WecomSender extends Sender {
  /** Downloads an attached file: app MediaId through media/get. */
  fetchFile(file: { name: string; mediaId?: string; downloadUrl?: string; aesKey?: string }): Promise<Buffer>;
  /** a received file or image as a stream (佐证材料) */
  openFile(file: { name: string; mediaId?: string; downloadUrl?: string; aesKey?: string }): Promise<FileStream>;
}

export function createWecomSender(opts: WecomSenderOpts): WecomSender {
  const clock = opts.clock ?? systemClock;
  const limiter = opts.rateLimiter ?? noRateLimit;
  const { config, log } = opts;
  const client = createWecomClient({ config, clock, log, fetch: opts.fetch, timeoutMs: opts.timeoutMs });
  const agentId = config.app ? Number(config.app.agentId) : 0;

  async function send(to: Destination, message: OutboundMessage): Promise<SendResult> {
    if (message.card && config.cards === false) message = { ...message, card: undefined };
    if (to.kind === 'reply') return sendReply(to.route, message);
    if (to.kind === 'user') return sendToUsers(to.userIds, message);
    // the AI bot's long connection pushes a card into a group that has talked to it; where it
    // cannot (WeCom refuses a chat that never messaged the bot), the group gets the text
    if (message.card && opts.botSocket) {
      const r = await opts.botSocket.push(to.chatId, message.markdown, message.card);
      if (r.ok || r.retryable || r.uncertain) return r;
      log.info({ code: r.code }, 'wecom: card push refused; sending the text instead');
      message = { ...message, card: undefined };
    }
    // group webhooks cannot carry buttons: text
    if (to.webhookUrl) return sendWebhook(to.webhookUrl, message);
    if (!config.app) return noTarget('group has no webhook and the self-built app is not configured');
    return sendApp('appchat/send', { chatid: to.chatId }, message, []);
  }

  async function sendReply(route: ReplyRoute, message: OutboundMessage): Promise<SendResult> {
    const extra = route.extra ?? {};
    const userId = typeof extra.userId === 'string' ? extra.userId : '';
    const single = extra.chatType !== 'group';
    if (route.kind === APP_ROUTE) return sendToUsers([userId], message);
    if (route.kind === APP_CARD_ROUTE) return answerAppClick(route, message);
    if (route.kind === BOT_WS_ROUTE) return sendOverSocket(route, message);
    if (route.kind !== RESPONSE_URL_ROUTE && route.kind !== STREAM_ROUTE) return { ok: false, code: 'BAD_ROUTE', error: `unknown reply route ${route.kind}`, retryable: false };
    if (route.url && (route.expiresAt ?? 0) > clock.now().getTime() + EXPIRY_MARGIN_MS && onApiOrigin(route.url)) {
      const r = await client.postJson(route.url, encodeResponseUrlMarkdown(message.markdown));
      if (r.ok && message.file) return sendFileAfterReply(single ? userId : '', message.file);
      if (r.ok || r.retryable) return r;
      log.warn({ code: r.code }, 'wecom response_url refused; falling back');
    }
    if (single && userId && config.app) return sendToUsers([userId], message);
    return { ok: false, code: 'RESPONSE_URL_EXPIRED', error: 'response_url expired or used; send through the group webhook', retryable: false };
  }

  /** response_url carries markdown only: a file follows through the app in single chat. */
  async function sendFileAfterReply(userId: string, file: NonNullable<OutboundMessage['file']>): Promise<SendResult> {
    if (userId && config.app) return sendApp('message/send', { touser: userId }, { markdown: '', text: '', file }, []);
    log.warn({ file: file.name }, 'wecom: a file cannot follow an AI bot answer in a group; not sent');
    return { ok: true };
  }

  /** response_url is WeCom's own (qyapi); anything else is not posted to. */
  function onApiOrigin(url: string): boolean {
    try {
      if (new URL(url).origin === new URL(config.apiBase).origin) return true;
    } catch { /* fall through */ }
    log.warn('wecom response_url not on WECOM_API_BASE; not posting to it');
    return false;
  }

  async function sendOverSocket(route: ReplyRoute, message: OutboundMessage): Promise<SendResult> {
    const extra = route.extra ?? {};
    if (!opts.botSocket) return { ok: false, code: 'NO_SOCKET', error: 'the AI bot long connection does not run in this process', retryable: true, retryAfterMs: 30_000 };
    const fresh = (route.expiresAt ?? 0) > clock.now().getTime() + EXPIRY_MARGIN_MS;
    // a decided card answering a click replaces the clicked card (template_card_event's req_id)
    if (message.card?.result && typeof extra.cardId === 'string') {
      if (fresh && typeof extra.reqId === 'string') return opts.botSocket.updateCard(extra.reqId, message.card);
      return { ok: false, code: 'CARD_EVENT_EXPIRED', error: 'the click is too old to update its card', retryable: false };
    }
    if (fresh && typeof extra.reqId === 'string' && typeof extra.cardId !== 'string') return opts.botSocket.respond(extra.reqId, message.markdown, message.card);
    const chat = typeof extra.chatId === 'string' && extra.chatId ? extra.chatId : typeof extra.userId === 'string' ? extra.userId : '';
    if (!chat) return noTarget('no chat to push the answer to');
    return opts.botSocket.push(chat, message.markdown, message.card);
  }

  /**
   * A click on an app card: a decided card updates the clicked card for everyone it went to
   * (update_template_card with the event's ResponseCode); any other answer goes to the clicker.
   */
  async function answerAppClick(route: ReplyRoute, message: OutboundMessage): Promise<SendResult> {
    const extra = route.extra ?? {};
    const userId = typeof extra.userId === 'string' ? extra.userId : '';
    if (!message.card?.result) return sendToUsers([userId], message);
    const code = typeof extra.responseCode === 'string' ? extra.responseCode : '';
    if (!code || !config.app) return noTarget('no response_code to update the card with');
    return client.callApp('message/update_template_card', encodeAppCardUpdate(message.card, agentId, code));
  }

  async function sendToUsers(userIds: string[], message: OutboundMessage): Promise<SendResult> {
    const ids = [...new Set(userIds.filter(Boolean))];
    if (ids.length === 0) return noTarget('no user ids');
    if (!config.app) return noTarget('self-built app not configured');
    const bodies = bodiesOf(message);
    for (const id of ids) {
      const limited = await takeRate(`wecom:app:${agentId}:member:${id}`, MEMBER_RATE, bodies.length);
      if (limited) return limited;
    }
    for (let i = 0; i < ids.length; i += TOUSER_MAX) {
      const r = await sendApp('message/send', { touser: ids.slice(i, i + TOUSER_MAX).join('|') }, message, bodies);
      if (!r.ok) return r;
    }
    return { ok: true };
  }

  /** message/send or appchat/send: the markdown chunks (a card instead, on message/send), then the file if any. */
  async function sendApp(path: 'message/send' | 'appchat/send', target: Record<string, string>, message: OutboundMessage, pre: AppBody[]): Promise<SendResult> {
    // appchat/send takes no template_card (path/90248): a card goes to people only
    const card = path === 'message/send' && message.card ? [{ msgtype: 'template_card', template_card: encodeTemplateCard(message.card) }] as unknown as AppBody[] : null;
    const bodies = card ?? (pre.length ? pre : bodiesOf(message));
    const extra = path === 'message/send' ? { agentid: agentId } : {};
    for (const body of bodies) {
      const r = await client.callApp(path, { ...target, ...extra, ...body, safe: 0 });
      if (!r.ok) return r;
      if (typeof r.body?.invaliduser === 'string' && r.body.invaliduser) log.warn({ invaliduser: r.body.invaliduser }, 'wecom message/send: some users are not visible to the app');
    }
    if (!message.file) return { ok: true };
    const up = await client.uploadAppMedia(message.file.content, message.file.name);
    if (!up.ok || !up.mediaId) return up;
    return client.callApp(path, { ...target, ...extra, msgtype: 'file', file: { media_id: up.mediaId }, safe: 0 });
  }

  async function sendWebhook(webhookUrl: string, message: OutboundMessage): Promise<SendResult> {
    const bodies = encodeWebhookMarkdown(message.markdown, message.mention);
    const key = webhookKey(webhookUrl);
    const limited = await takeRate(`wecom:webhook:${key}`, WEBHOOK_RATE, bodies.length + (message.file ? 1 : 0));
    if (limited) return limited;
    for (const body of bodies) {
      const r = await client.postJson(webhookUrl, body);
      if (!r.ok) return r;
    }
    if (!message.file) return { ok: true };
    const url = new URL(webhookUrl);
    url.pathname = url.pathname.replace(/\/send$/, '/upload_media');
    url.searchParams.set('type', 'file');
    const up = await client.upload(url, message.file.content, message.file.name);
    if (!up.ok || !up.mediaId) return up;
    return client.postJson(webhookUrl, { msgtype: 'file', file: { media_id: up.mediaId } });
  }

  async function takeRate(key: string, rate: { limit: number; windowMs: number }, count: number): Promise<SendResult | null> {
    for (let i = 0; i < count; i += 1) {
      const waitMs = await limiter.take(key, rate.limit, rate.windowMs);
      if (waitMs > 0) return { ok: false, code: 'RATE_LIMITED', error: `rate reached (${rate.limit} a minute)`, retryable: true, retryAfterMs: waitMs };
    }
    return null;
  }

  return {
    platform: 'wecom',
    /** Outcomes carry no API body past this point. */
    send: async (to, message) => { const { body: _body, ...result } = (await send(to, message)) as SendResult & { body?: unknown }; return result; },
    openFile: (file) => openFile(client, file, config.bot?.mode === 'callback' ? config.bot.aesKey : null),
    fetchFile: async (file) => collect(await openFile(client, file, config.bot?.mode === 'callback' ? config.bot.aesKey : null)),
  };
}

function bodiesOf(message: OutboundMessage): AppBody[] {
  return message.markdown.trim() ? encodeAppMarkdown(message.markdown) : [];
}

/** App files and images by MediaId (media/get); AI bot files and images by their encrypted URL (key: the file's own in ws mode, else the bot's). */
async function openFile(client: WecomClient, file: { name: string; mediaId?: string; downloadUrl?: string; aesKey?: string }, botAesKey: string | null): Promise<FileStream> {
  if (file.mediaId) return client.openMedia(file.mediaId);
  const key = file.aesKey ?? botAesKey;
  if (file.downloadUrl && key) return openBotFile(key, file.downloadUrl);
  throw new AppError('FILE_UNAVAILABLE', { reason: 'no media id or url', platform: 'wecom', wecom: true, privateOnly: true });
}

function noTarget(error: string): SendResult {
  return { ok: false, code: 'NO_TARGET', error, retryable: false };
}

/** The webhook's `key` identifies the robot; the rate limit is per robot. */
function webhookKey(webhookUrl: string): string {
  try {
    return new URL(webhookUrl).searchParams.get('key') ?? webhookUrl;
  } catch {
    return webhookUrl;
  }
}
