/**
 * WeCom body shapes as zod schemas, and the channel's configuration. Every body that crosses
 * into Duban (decrypted callback, long-connection frame, API answer) is parsed here first.
 *
 * - AI bot (智能机器人) callback JSON: https://developer.work.weixin.qq.com/document/path/100719
 * - AI bot encryption: https://developer.work.weixin.qq.com/document/path/101033
 * - AI bot long connection: https://developer.work.weixin.qq.com/document/path/101463
 * - Self-built app message XML: https://developer.work.weixin.qq.com/document/path/90239
 * - API answers (errcode/errmsg): https://developer.work.weixin.qq.com/document/path/90313
 */
import { z } from 'zod';

/** What the lead maps from WECOM_* environment variables (src/config/schema.ts). */
export const WecomChannelConfig = z.object({
  /** CorpID: the receive id of self-built app callbacks and the `corpid` of gettoken */
  corpId: z.string(),
  /** https://qyapi.weixin.qq.com, or a local fake in tests */
  apiBase: z.string().url(),
  bot: z.object({
    /** callback mode only (long connections are not signed or encrypted) */
    token: z.string(),
    /** callback mode only: the 43-character EncodingAESKey */
    aesKey: z.string(),
    mode: z.enum(['callback', 'ws']),
    /** ws mode: bot id, secret and URL of the long connection */
    botId: z.string().optional(),
    secret: z.string().optional(),
    wsUrl: z.string().optional(),
    /** the bot's display name, so "@督办助手" can be stripped wherever it stands in the text */
    name: z.string().optional(),
  }).nullable(),
  /** false: text only (WECOM_CARDS=0); absent: on */
  cards: z.boolean().optional(),
  app: z.object({
    token: z.string().min(1),
    aesKey: z.string().length(43),
    secret: z.string().min(1),
    agentId: z.string().regex(/^\d+$/),
  }).nullable(),
});
export type WecomChannelConfig = z.infer<typeof WecomChannelConfig>;

/** Query of every callback (GET verification and POST): msg_signature, timestamp (s), nonce. */
export const CallbackQuery = z.object({
  msg_signature: z.string().regex(/^[0-9a-f]{40}$/i),
  timestamp: z.string().regex(/^\d{1,12}$/),
  nonce: z.string().min(1).max(128),
});
export type CallbackQuery = z.infer<typeof CallbackQuery>;

/** POST /wecom/bot body before decryption: {"encrypt": "…"} (path/101033). */
export const BotEnvelope = z.object({ encrypt: z.string().min(1) }).passthrough();

const TextPart = z.object({ content: z.string() });
const UrlPart = z.object({ url: z.string().optional(), aeskey: z.string().optional() }).passthrough();
const MixedItem = z.object({ msgtype: z.string(), text: TextPart.optional(), image: UrlPart.optional() }).passthrough();

/** A quoted message inside an AI bot callback. */
const Quote = z.object({
  msgtype: z.string(),
  text: TextPart.optional(),
  mixed: z.object({ msg_item: z.array(MixedItem) }).optional(),
}).passthrough();

/**
 * The decrypted AI bot callback (and the `body` of a long-connection aibot_msg_callback frame).
 * `text.content` keeps the bot's @name ("@RobotA hello robot"). Images and files come in
 * single chat only; `msgtype: "stream"` is a stream-refresh callback carrying `stream.id`.
 */
export const BotMessage = z.object({
  msgid: z.string().min(1).max(200),
  aibotid: z.string().optional(),
  chatid: z.string().max(200).optional(),
  chattype: z.enum(['single', 'group']),
  from: z.object({ userid: z.string().max(200) }).passthrough(),
  response_url: z.string().optional(),
  create_time: z.number().optional(),
  msgtype: z.string().min(1),
  text: TextPart.optional(),
  mixed: z.object({ msg_item: z.array(MixedItem) }).optional(),
  image: UrlPart.optional(),
  file: UrlPart.extend({ filename: z.string().optional() }).optional(),
  voice: z.object({ content: z.string().optional() }).passthrough().optional(),
  stream: z.object({ id: z.string() }).passthrough().optional(),
  event: z.object({ eventtype: z.string() }).passthrough().optional(),
  quote: Quote.optional(),
}).passthrough();
export type BotMessage = z.infer<typeof BotMessage>;

/** POST /wecom/app body before decryption (XML, path/90930). */
export const AppEnvelope = z.object({
  ToUserName: z.string().optional(),
  AgentID: z.string().optional(),
  Encrypt: z.string().min(1),
}).passthrough();

/**
 * The decrypted self-built app message (XML, path/90239 and events path/90240). MsgId is a
 * 64-bit integer kept as a string: as a JS number it would lose digits.
 */
export const AppMessage = z.object({
  ToUserName: z.string(),
  FromUserName: z.string().max(200),
  CreateTime: z.string().regex(/^\d+$/),
  MsgType: z.string().min(1),
  Content: z.string().optional(),
  MsgId: z.string().regex(/^\d+$/).optional(),
  AgentID: z.string().optional(),
  MediaId: z.string().optional(),
  FileName: z.string().optional(),
  Title: z.string().optional(),
  Event: z.string().optional(),
  EventKey: z.string().optional(),
  /** template_card_event (path/90240): the card's task_id, its type and the code that updates it once */
  TaskId: z.string().optional(),
  CardType: z.string().optional(),
  ResponseCode: z.string().optional(),
}).passthrough();
export type AppMessage = z.infer<typeof AppMessage>;

/** Every qyapi answer carries errcode/errmsg (path/90313). */
export const ApiResult = z.object({ errcode: z.number(), errmsg: z.string().optional() }).passthrough();
export type ApiResult = z.infer<typeof ApiResult>;

/** GET /cgi-bin/gettoken answer (expires_in in seconds, 7200 normally). */
export const TokenResult = ApiResult.extend({ access_token: z.string().optional(), expires_in: z.number().optional() });

/** A long-connection frame: commands from WeCom, or an answer to one of ours (errcode). */
export const WsFrame = z.object({
  cmd: z.string().optional(),
  headers: z.object({ req_id: z.string() }).passthrough(),
  body: z.unknown().optional(),
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
}).passthrough();
export type WsFrame = z.infer<typeof WsFrame>;

export const WS_CMD = {
  subscribe: 'aibot_subscribe',
  ping: 'ping',
  callback: 'aibot_msg_callback',
  event: 'aibot_event_callback',
  respond: 'aibot_respond_msg',
  send: 'aibot_send_msg',
  update: 'aibot_respond_update_msg',
} as const;
