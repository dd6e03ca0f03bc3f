/**
 * Every environment variable Duban reads, with its meaning. `.describe()` texts produce the
 * README's configuration table (`npx duban config --markdown`), so docs cannot drift.
 */
import { z } from 'zod';

const optional = (s: z.ZodString) => s.optional().transform((v) => (v === '' ? undefined : v));
const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** A JSON object in one variable, its fields checked by `fields`. */
function jsonObject<T extends z.ZodType<Record<string, unknown>>>(fields: T) {
  return z.string().optional().transform((v, ctx): z.infer<T> | undefined => {
    if (!v) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch { /* reported below */ }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      ctx.addIssue({ code: 'custom', message: 'expected a JSON object' });
      return z.NEVER;
    }
    const r = fields.safeParse(parsed);
    if (!r.success) {
      const issue = r.error.issues[0];
      ctx.addIssue({ code: 'custom', message: [issue?.path.join('.'), issue?.message].filter(Boolean).join(': ') });
      return z.NEVER;
    }
    return r.data;
  });
}

/** 考评 weights: points per item done on time, per late item, per returned completion claim. */
const AssessmentRules = z.object({ onTimeDone: z.number(), lateReport: z.number(), returned: z.number(), lateSign: z.number() }).partial().strict();

export const EnvSchema = z.object({
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/duban')
    .describe('PostgreSQL connection URL; `npx duban migrate` creates the database if missing'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379').describe('Redis for BullMQ queues and rate limits'),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/).default('duban').describe('Prefix of every BullMQ key in Redis'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port of the web process'),
  HOST: z.string().default('0.0.0.0').describe('Interface the web process listens on'),
  TRUST_PROXY: z.coerce.number().int().min(0).max(5).default(0).describe('Reverse proxies in front of the web process: 0 ignores X-Forwarded-For/-Proto (clients could forge them); 1 behind one proxy (nginx, a load balancer) takes the client address it saw. Login throttling counts per that address'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level; message bodies appear only at debug'),
  PUBLIC_BASE_URL: z.string().url().default('http://127.0.0.1:3000').describe('URL users reach this service at (dashboard links in chat)'),
  DASHBOARD_SECRET: optional(z.string().min(16)).describe('HMAC key signing the links sent privately in chat (dashboard), each tied to one person and scope, 24 h, revocable with `npx duban links revoke` (≥16 chars); random per start if unset'),
  ADMIN_TOKEN: optional(z.string().min(16)).describe('Bearer token for admins on the dashboard and /admin/queues (≥16 chars); the login form turns it into a signed 12 h session cookie, 10 tries per 15 min per address; admin pages are off when unset'),
  METRICS_TOKEN: optional(z.string().min(16)).describe('Bearer token Prometheus sends to scrape /metrics (`authorization: credentials` in the scrape config, ≥16 chars); /metrics answers 404 when unset'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8).describe('Jobs a worker process runs at once'),
  REMINDER_HOUR: z.coerce.number().int().min(8).max(19).default(9).describe('Hour (Asia/Shanghai) reminders are sent on working days'),
  REMINDER_POLICY: jsonObject(z.record(z.string(), z.unknown())).describe('Office-wide reminder policy as JSON, e.g. {"beforeWorkdays":[5,2,1],"escalateAfterWorkdays":5,"hour":10}; plans and tasks override it (Plan/Task.reminderPolicy)'),
  ASSESSMENT_RULES: jsonObject(AssessmentRules).describe('考评 weights as JSON, e.g. {"onTimeDone":2,"lateReport":-1,"returned":-3} (defaults +1 per item done on time, −1 per late item, −2 per returned completion, −0.5 per task signed for (签收) late or not at all past its period)'),
  DEMO: bool.optional().describe('1 = import the demo plan and bind a demo unit at start (README quick start)'),
  CLOCK_START: optional(z.string().datetime({ offset: true })).describe('Run as if it were this instant (ISO 8601 with offset, e.g. 2026-12-07T10:00:00+08:00), time moving on from there: for trying scenarios and training in the console; unset: the real time'),

  WECOM_CORP_ID: optional(z.string()).describe('WeCom CorpID (receive id of the self-built app callbacks)'),
  WECOM_API_BASE: z.string().url().default('https://qyapi.weixin.qq.com').describe('WeCom API base URL (tests point it at a local fake)'),
  WECOM_BOT_TOKEN: optional(z.string()).describe('AI bot (智能机器人) callback Token'),
  WECOM_BOT_AES_KEY: optional(z.string().length(43)).describe('AI bot EncodingAESKey (43 chars)'),
  WECOM_BOT_MODE: z.enum(['callback', 'ws']).default('callback').describe('AI bot API mode: `callback` (public URL) or `ws` (long connection, for intranets)'),
  WECOM_BOT_ID: optional(z.string()).describe('AI bot id (long-connection mode)'),
  WECOM_BOT_SECRET: optional(z.string()).describe('AI bot secret (long-connection mode)'),
  WECOM_BOT_NAME: z.string().default('督办助手').describe('The AI bot\'s display name, stripped from "@督办助手 …" wherever it stands in the text'),
  WECOM_BOT_WS_URL: z.string().url().default('wss://openws.work.weixin.qq.com').describe('AI bot long-connection URL'),
  WECOM_APP_TOKEN: optional(z.string()).describe('Self-built app callback Token'),
  WECOM_APP_AES_KEY: optional(z.string().length(43)).describe('Self-built app EncodingAESKey (43 chars)'),
  WECOM_APP_SECRET: optional(z.string()).describe('Self-built app Secret (for access tokens)'),
  WECOM_AGENT_ID: optional(z.string().regex(/^\d+$/)).describe('Self-built app AgentId'),
  WECOM_CARDS: bool.default(true).describe('1: decisions, requests and reminders go as template cards with buttons where the route carries them (AI bot long connection, self-built app in single chat); 0: text only, for offices whose clients or setup do not show cards. Text stays possible either way'),

  DINGTALK_APP_KEY: optional(z.string()).describe('DingTalk app key (Client ID)'),
  DINGTALK_APP_SECRET: optional(z.string()).describe('DingTalk app secret (Client Secret): signs callbacks, gets tokens'),
  DINGTALK_ROBOT_CODE: optional(z.string()).describe('DingTalk robot code (usually the app key)'),
  DINGTALK_MODE: z.enum(['http', 'stream']).default('http').describe('DingTalk robot message mode: `http` callback or `stream` (WebSocket)'),
  DINGTALK_OAPI_BASE: z.string().url().default('https://oapi.dingtalk.com').describe('DingTalk old API base (custom robot webhooks, media)'),
  DINGTALK_API_BASE: z.string().url().default('https://api.dingtalk.com').describe('DingTalk new API base (tokens, robot sends, stream gateway)'),
  DINGTALK_CARDS: bool.default(true).describe('1: decisions, requests and reminders go as cards (interactive cards when DINGTALK_CARD_TEMPLATE_ID is set, else ActionCards whose one button opens the task by a signed link in single chat); 0: text only'),
  DINGTALK_CARD_TEMPLATE_ID: optional(z.string()).describe('Interactive card (互动卡片普通版) template id, built in the card builder with the string variables title, facts, buttons (a JSON list bound to the button list, each 回传请求 sending its actionId; an input named reason sent with 退回 returns at once with it), result and decided; clicks come to PUBLIC_BASE_URL/dingtalk/card (HTTP mode) or over the Stream. Unset: ActionCards, which never decide'),
});

export type Env = z.infer<typeof EnvSchema>;
