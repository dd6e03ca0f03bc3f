/**
 * DingTalk body shapes as zod schemas, and the channel's configuration. Every body that
 * crosses into Duban (HTTP callback, Stream frame, API answer) is parsed here first.
 *
 * - Robot callback: https://open.dingtalk.com/document/orgapp/receive-message
 * - Stream protocol: https://open.dingtalk.com/document/direction/stream-mode-protocol-access-description
 * - Robot OpenAPI: https://open.dingtalk.com/document/orgapp/chatbots-send-one-on-one-chat-messages-in-batches
 */
import { z } from 'zod';

/** What the lead maps from DINGTALK_* environment variables (src/config/schema.ts). */
export const DingtalkChannelConfig = z.object({
  /** Client ID; also the Stream client id (one stream per app key) */
  appKey: z.string().min(1),
  /** Client Secret: signs HTTP callbacks, gets tokens, opens the Stream */
  appSecret: z.string().min(1),
  /** robot code, usually equal to the app key */
  robotCode: z.string().min(1),
  mode: z.enum(['http', 'stream']),
  /** old API base (gettoken, media upload, custom robot webhooks): https://oapi.dingtalk.com */
  oapiBase: z.string().url(),
  /** new API base (oauth2 token, robot sends, stream gateway): https://api.dingtalk.com */
  apiBase: z.string().url(),
  /** false: text only (DINGTALK_CARDS=0); absent: on */
  cards: z.boolean().optional(),
  /** interactive card template (DINGTALK_CARD_TEMPLATE_ID); without it cards are ActionCards that only open the task */
  cardTemplateId: z.string().optional(),
  /** where DingTalk posts card clicks in HTTP mode: PUBLIC_BASE_URL/dingtalk/card?sig=… (wiring/channels.ts) */
  cardCallbackUrl: z.string().url().optional(),
});
export type DingtalkChannelConfig = z.infer<typeof DingtalkChannelConfig>;

const AtUser = z.object({ dingtalkId: z.string().optional(), staffId: z.string().optional() }).passthrough();

/** Rich text parts: text runs and pictures (`downloadCode`). */
const RichTextPart = z.object({ text: z.string().optional(), downloadCode: z.string().optional(), type: z.string().optional() }).passthrough();

/**
 * The robot's incoming-message callback (HTTP body, or a Stream CALLBACK frame's `data`).
 * `senderStaffId` is absent until the app is published and for external users.
 */
export const RobotCallback = z.object({
  msgId: z.string().min(1).max(200),
  msgtype: z.string().min(1),
  conversationType: z.enum(['1', '2']),
  conversationId: z.string().max(200).optional(),
  conversationTitle: z.string().optional(),
  senderId: z.string().optional(),
  senderNick: z.string().optional(),
  senderStaffId: z.string().optional(),
  senderCorpId: z.string().optional(),
  chatbotUserId: z.string().optional(),
  robotCode: z.string().optional(),
  isInAtList: z.boolean().optional(),
  atUsers: z.array(AtUser).optional(),
  sessionWebhook: z.string().url().optional(),
  sessionWebhookExpiredTime: z.coerce.number().optional(),
  createAt: z.coerce.number().optional(),
  text: z.object({ content: z.string() }).optional(),
  /** richText: { richText: [...] }; file: { downloadCode, fileName }; picture: { downloadCode } */
  content: z.object({
    richText: z.array(RichTextPart).optional(),
    downloadCode: z.string().optional(),
    fileName: z.string().optional(),
  }).passthrough().optional(),
}).passthrough();
export type RobotCallback = z.infer<typeof RobotCallback>;

/** The topic bot messages arrive on in Stream mode (type CALLBACK). */
export const BOT_MESSAGE_TOPIC = '/v1.0/im/bot/messages/get';

/**
 * A downstream Stream frame. `data` is a JSON string. The SYSTEM `disconnect` frame of the
 * protocol document carries no messageId (it is not answered), and the document's header table
 * types `time` as Number while its examples write a string: both are read.
 */
export const StreamFrame = z.object({
  specVersion: z.string().optional(),
  type: z.enum(['SYSTEM', 'EVENT', 'CALLBACK']),
  headers: z.object({
    topic: z.string(),
    messageId: z.string().optional(),
    contentType: z.string().optional(),
    time: z.union([z.string(), z.number()]).optional(),
  }).passthrough(),
  data: z.string().optional().default(''),
});
export type StreamFrame = z.infer<typeof StreamFrame>;

/**
 * The upstream answer to a frame: same messageId, code 200, and `data` by frame type — a
 * CALLBACK's is `{"response": …}` (`{"response": null}` for robot messages), an EVENT's
 * `{"status": "SUCCESS"|"LATER", "message"}`, a ping's its own data (the opaque) back.
 */
export interface StreamAck {
  code: number;
  headers: { contentType: 'application/json'; messageId: string };
  message: string;
  data: string;
}

/** POST /v1.0/gateway/connections/open answer. */
export const GatewayConnection = z.object({ endpoint: z.string().url(), ticket: z.string().min(1) });

/** POST /v1.0/oauth2/accessToken answer (expireIn in seconds). */
export const NewToken = z.object({ accessToken: z.string().min(1), expireIn: z.number().int().positive() });

/** GET /gettoken answer of the old API (expires_in in seconds). */
export const OldToken = z.object({ errcode: z.number(), errmsg: z.string().optional(), access_token: z.string().optional(), expires_in: z.number().optional() });

/** The old API's (oapi, webhooks) uniform result. */
export const OapiResult = z.object({ errcode: z.number(), errmsg: z.string().optional() }).passthrough();

/** The new API's error body ({ code, message, requestid }). */
export const ApiError = z.object({ code: z.string().optional(), message: z.string().optional() }).passthrough();

/** msgKey values Duban uses (robot message templates). */
export type MsgKey = 'sampleText' | 'sampleMarkdown' | 'sampleFile' | 'sampleActionCard';

/** Stream topic of interactive card callbacks (dingtalk-stream SDK's TOPIC_CARD). */
export const CARD_CALLBACK_TOPIC = '/v1.0/card/instances/callback';

/**
 * A click on an interactive card: the HTTP body posted to the card's callbackUrl, or a Stream
 * CALLBACK frame's `data` on CARD_CALLBACK_TOPIC. `userId` is the clicker's staff id,
 * `outTrackId` the card's cardBizId, `content` a JSON string
 * `{"cardPrivateData": {"actionIds": [...], "params": {...}}}`: the button's 回传请求 params
 * (Duban's template sends `actionId`, the button's action key).
 */
export const CardCallback = z.object({
  outTrackId: z.string().min(1).max(200),
  userId: z.string().max(200),
  corpId: z.string().optional(),
  content: z.string().max(20000),
}).passthrough();
export type CardCallback = z.infer<typeof CardCallback>;
