/**
 * Decrypted WeCom bodies → InboundMessage.
 *
 * AI bot (https://developer.work.weixin.qq.com/document/path/100719):
 * - `chattype` single/group, `chatid` in groups, `from.userid` as the sender; `msgid` is the
 *   de-duplication key (callbacks repeat for network reasons).
 * - Text keeps the bot's @name ("@RobotA hello robot"): it is stripped here, by the configured
 *   bot name wherever it stands, else the leading @mention of a group message.
 * - Mixed (图文混排) joins its text parts; voice carries WeCom's transcription in `voice.content`.
 * - Files and images (single chat only) keep their encrypted download URL (and, over the long
 *   connection, their own `aeskey`); a 图文混排 with pictures is a file message whose text is the
 *   words around them (佐证材料 with a caption). Other types become `event`s: stored, never answered. `msgtype: "stream"` is a stream-refresh callback (kind
 *   'stream_refresh', `text` = the stream id): the route answers it and never stores it.
 * - Where the answer goes: in callback mode with stream replies on, text/mixed/voice get the
 *   'wecom_bot_stream' route: the passive reply opened a stream (path/101031) that WeCom
 *   refreshes for at most 6 minutes from the message, and a refresh collects the answer; the
 *   route also carries the response_url (valid 1 hour, usable once: path/101138) and
 *   `holdUntil`, after which the send-answer job sends an uncollected answer through it.
 *   Files and callbacks without stream replies answer through `response_url` alone. In
 *   long-connection mode the answer goes back through the socket with the frame's req_id.
 *
 * Self-built app (https://developer.work.weixin.qq.com/document/path/90239, events path/90240):
 * - messages are de-duplicated by MsgId, events by FromUserName + CreateTime (path/96466).
 * - text, file and image (MediaId, fetched through media/get), event; other types become `event`s.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../../lib/errors.ts';
import type { InboundMessage } from '../types.ts';
import { pictureName } from '../file-stream.ts';
import { AppEnvelope, AppMessage, BotEnvelope, BotMessage } from './types.ts';

export const RESPONSE_URL_ROUTE = 'wecom_bot_response_url';
/** An answer a stream refresh collects, else sent through the response_url after `holdUntil`. */
export const STREAM_ROUTE = 'wecom_bot_stream';
export const BOT_WS_ROUTE = 'wecom_bot_ws';
export const APP_ROUTE = 'wecom_app';
/**
 * A click on a self-built app card: the answer goes to the clicker through the app, and a
 * decided card is updated through message/update_template_card with the event's
 * ResponseCode (`extra.responseCode`, usable once, 72 hours).
 */
export const APP_CARD_ROUTE = 'wecom_app_card';
/** response_url is valid for one hour (path/101138). */
export const RESPONSE_URL_TTL_MS = 60 * 60 * 1000;
/** WeCom refreshes a stream for at most 6 minutes from the user's message (path/100719). */
export const STREAM_WINDOW_MS = 6 * 60 * 1000;
/** How long a long-connection req_id is answered on; later answers are pushed with aibot_send_msg. */
export const WS_REPLY_TTL_MS = 5 * 60 * 1000;
const MAX_TEXT = 20000;

export interface BotDecodeOpts {
  now: Date;
  botName?: string;
  /** set for long-connection frames: the answer goes back on this req_id */
  wsReqId?: string;
  /** callback mode: text is answered with a stream that refreshes collect (see routes.ts) */
  stream?: boolean;
  /** how long refreshes may collect the answer; STREAM_WINDOW_MS unless a test shortens it */
  streamWindowMs?: number;
}

/** The message types answered with a stream in callback mode: those that become text. */
const STREAMED_TYPES = new Set(['text', 'mixed', 'voice']);

export function decodeBotMessage(m: BotMessage, opts: BotDecodeOpts): InboundMessage {
  const group = m.chattype === 'group';
  const chatId = group ? (m.chatid ?? null) : null;
  const extra = { chatType: m.chattype, chatId, userId: m.from.userid, ...(opts.wsReqId ? { reqId: opts.wsReqId } : {}) };
  const now = opts.now.getTime();
  const replyTo = opts.wsReqId
    ? { kind: BOT_WS_ROUTE, expiresAt: now + WS_REPLY_TTL_MS, extra }
    : m.response_url
      ? { kind: RESPONSE_URL_ROUTE, url: m.response_url, expiresAt: now + RESPONSE_URL_TTL_MS, extra }
      : null;
  const answeredByStream = opts.stream && !opts.wsReqId && STREAMED_TYPES.has(m.msgtype);
  const streamTo = answeredByStream ? { ...(replyTo ?? { extra }), kind: STREAM_ROUTE, holdUntil: now + (opts.streamWindowMs ?? STREAM_WINDOW_MS) } : null;
  const base = {
    platform: 'wecom' as const,
    messageId: `bot:${m.msgid}`,
    chatType: m.chattype,
    chatId,
    senderId: m.from.userid,
    senderName: null,
    quote: quoteText(m.quote),
    replyTo,
  };
  const strip = (t: string) => clip(stripBotMention(t, group, opts.botName));
  const texts = { ...base, replyTo: streamTo ?? replyTo };
  switch (m.msgtype) {
    case 'text':
      return { ...texts, kind: 'text', text: strip(m.text?.content ?? ''), file: null };
    case 'mixed': {
      const pictures = (m.mixed?.msg_item ?? []).flatMap((i, n) => (i.msgtype === 'image' && i.image?.url ? [botFile(i.image, pictureName(m.msgid, n))] : []));
      if (pictures.length) return { ...base, kind: 'file', text: strip(mixedText(m.mixed?.msg_item ?? [])) || null, file: pictures[0]!, files: pictures.slice(0, 20) };
      return { ...texts, kind: 'text', text: strip(mixedText(m.mixed?.msg_item ?? [])), file: null };
    }
    case 'image':
      return { ...base, kind: 'file', text: null, file: botFile(m.image ?? {}, pictureName(m.msgid)) };
    case 'voice':
      return { ...texts, kind: 'text', text: strip(m.voice?.content ?? ''), file: null };
    case 'file':
      return { ...base, kind: 'file', text: null, file: botFile(m.file ?? {}, m.file?.filename ?? 'file') };
    case 'stream':
      return { ...base, kind: 'stream_refresh', text: m.stream?.id ?? null, file: null };
    case 'event': {
      const click = cardClickOf(m.event);
      if (click) return { ...base, kind: 'action', text: click.key, file: null, replyTo: replyTo ? { ...replyTo, extra: { ...replyTo.extra, cardId: click.taskId } } : null };
      return { ...base, kind: 'event', text: m.event?.eventtype ?? null, file: null };
    }
    default:
      return { ...base, kind: 'event', text: m.msgtype, file: null };
  }
}

/**
 * A template_card_event: the button's key and the card's task_id. The document nests them in
 * `event.template_card_event` (path/100719); WeCom's SDK types them on `event` itself: both read.
 */
function cardClickOf(event: BotMessage['event']): { key: string; taskId: string } | null {
  if (event?.eventtype !== 'template_card_event') return null;
  const e = event as { template_card_event?: { event_key?: unknown; task_id?: unknown }; event_key?: unknown; task_id?: unknown };
  const key = e.template_card_event?.event_key ?? e.event_key;
  const taskId = e.template_card_event?.task_id ?? e.task_id;
  return typeof key === 'string' && key ? { key: key.slice(0, 1024), taskId: typeof taskId === 'string' ? taskId : '' } : null;
}

function botFile(part: { url?: string; aeskey?: string }, name: string): { name: string; downloadUrl?: string; aesKey?: string } {
  return { name, ...(part.url ? { downloadUrl: part.url } : {}), ...(part.aeskey ? { aesKey: part.aeskey } : {}) };
}

/** Removes the bot's own @mention (WeCom follows a mention with U+2005) and trims. */
export function stripBotMention(text: string, group: boolean, botName?: string): string {
  let t = text;
  if (botName) t = t.split(`@${botName}`).join(' ');
  else if (group) t = t.replace(/^[\s\u00a0]*@[^\s\u00a0]+/, '');
  return t.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, '');
}

function mixedText(items: { msgtype: string; text?: { content: string } }[]): string {
  return items.filter((i) => i.msgtype === 'text' && i.text).map((i) => i.text!.content).join('\n');
}

function quoteText(q: BotMessage['quote']): string | null {
  if (!q) return null;
  if (q.msgtype === 'text' && q.text) return clip(q.text.content);
  if (q.msgtype === 'mixed' && q.mixed) return clip(mixedText(q.mixed.msg_item));
  return null;
}

export interface AppDecodeOpts {
  agentId: string;
}

export function decodeAppMessage(m: AppMessage, opts: AppDecodeOpts): InboundMessage {
  const isEvent = m.MsgType === 'event';
  if (!isEvent && !m.MsgId) throw new AppError('BAD_REQUEST', { reason: 'app message without MsgId' });
  const base = {
    platform: 'wecom' as const,
    messageId: isEvent ? `app-event:${m.FromUserName}:${m.CreateTime}` : `app:${m.MsgId}`,
    chatType: 'single' as const,
    chatId: null,
    senderId: m.FromUserName,
    senderName: null,
    quote: null,
    replyTo: { kind: APP_ROUTE, extra: { userId: m.FromUserName, agentId: m.AgentID ?? opts.agentId } },
    sentAt: Number(m.CreateTime) * 1000,
  };
  if (isEvent && m.Event === 'template_card_event' && m.EventKey) {
    // a card click (path/90240 模板卡片事件推送): one per user, card and instant
    return {
      ...base, messageId: `app-card:${m.FromUserName}:${m.TaskId ?? ''}:${m.CreateTime}`, kind: 'action', text: m.EventKey.slice(0, 1024), file: null,
      replyTo: { kind: APP_CARD_ROUTE, extra: { userId: m.FromUserName, agentId: m.AgentID ?? opts.agentId, cardId: m.TaskId ?? '', responseCode: m.ResponseCode ?? '' } },
    };
  }
  switch (m.MsgType) {
    case 'text':
      return { ...base, kind: 'text', text: clip((m.Content ?? '').trim()), file: null };
    case 'file':
      return { ...base, kind: 'file', text: null, file: { name: m.FileName ?? m.Title ?? 'file', ...(m.MediaId ? { mediaId: m.MediaId } : {}) } };
    case 'image':
      return { ...base, kind: 'file', text: null, file: { name: pictureName(m.MsgId ?? m.CreateTime), ...(m.MediaId ? { mediaId: m.MediaId } : {}) } };
    case 'event':
      return { ...base, kind: 'event', text: m.Event ?? null, file: null };
    default:
      return { ...base, kind: 'event', text: m.MsgType, file: null };
  }
}

function clip(s: string): string {
  return s.slice(0, MAX_TEXT);
}

/** JSON text → a schema-checked value; malformed or wrong-shaped is a 400. */
function parseJsonAs<T>(text: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', { reason: `malformed JSON (${what})` });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError('BAD_REQUEST', { reason: `not a ${what}` });
  return parsed.data;
}

export const parseBotEnvelope = (text: string) => parseJsonAs(text, BotEnvelope, 'bot envelope');
export const parseBotMessage = (text: string): BotMessage => parseJsonAs(text, BotMessage, 'bot message');

/**
 * The deepest XML WeCom sends: an event's `<xml><SendPicsInfo><PicList><item><PicMd5Sum>`
 * is 5 levels. Deeper input is refused as BAD_REQUEST before it costs anything.
 */
export const MAX_XML_DEPTH = 8;
/** A callback body is at most 1 MB (routes.ts); its decrypted message is smaller still. */
export const MAX_XML_CHARS = 1024 * 1024;

const xml = new XMLParser({
  maxNestedTags: MAX_XML_DEPTH,
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
});

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * XML with entity expansion off: a DOCTYPE or ENTITY declaration is refused outright (WeCom
 * never sends one), the five predefined entities are decoded by hand, nothing else expands.
 * Size and nesting are limited (MAX_XML_CHARS, MAX_XML_DEPTH) and checked by a linear scan
 * before the parser runs; anything the parser still refuses is a BAD_REQUEST (400), never a
 * 500. This runs before the signature check (WeCom signs the `<Encrypt>` inside the body).
 * Returns the children of the root `<xml>` element as strings.
 */
export function parseXmlFields(text: string): Record<string, unknown> {
  if (text.length > MAX_XML_CHARS) throw new AppError('BAD_REQUEST', { reason: 'XML too large' });
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new AppError('BAD_REQUEST', { reason: 'XML with a DOCTYPE/ENTITY declaration' });
  if (xmlDepth(text) > MAX_XML_DEPTH) throw new AppError('BAD_REQUEST', { reason: `XML nested deeper than ${MAX_XML_DEPTH}` });
  let doc: { xml?: unknown };
  try {
    if (XMLValidator.validate(text) !== true) throw new Error('invalid');
    doc = xml.parse(text) as { xml?: unknown };
  } catch {
    throw new AppError('BAD_REQUEST', { reason: 'malformed XML' });
  }
  if (!doc.xml || typeof doc.xml !== 'object') throw new AppError('BAD_REQUEST', { reason: 'XML without an <xml> root' });
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc.xml as Record<string, unknown>)) {
    out[k] = typeof v === 'string' ? v.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => PREDEFINED[e]!) : v;
  }
  return out;
}

/**
 * How deep elements nest, from a single pass over the tags: `<a>` opens, `</a>` closes,
 * `<a/>`, `<?…?>`, `<!--…-->` and `<![CDATA[…]]>` do not count. Malformed input may count
 * wrong; the validator refuses it next.
 */
export function xmlDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) {
    const next = text[i + 1];
    if (next === '!') {
      const end = text.startsWith('<![CDATA[', i) ? text.indexOf(']]>', i) : text.startsWith('<!--', i) ? text.indexOf('-->', i) : text.indexOf('>', i);
      if (end === -1) break;
      i = end;
    } else if (next === '/') depth -= 1;
    else if (next !== '?') {
      const end = text.indexOf('>', i);
      if (end === -1) break;
      if (text[end - 1] !== '/') max = Math.max(max, (depth += 1));
      i = end;
    }
  }
  return max;
}

export function parseAppEnvelope(text: string) {
  const parsed = AppEnvelope.safeParse(parseXmlFields(text));
  if (!parsed.success) throw new AppError('BAD_REQUEST', { reason: 'app callback without <Encrypt>' });
  return parsed.data;
}

export function parseAppMessage(text: string): AppMessage {
  const parsed = AppMessage.safeParse(parseXmlFields(text));
  if (!parsed.success) throw new AppError('BAD_REQUEST', { reason: 'not an app message' });
  return parsed.data;
}
