/**
 * A local fake of DingTalk's HTTP APIs (new api.dingtalk.com and old oapi.dingtalk.com on
 * one port). It checks every request against the documented shapes and answers the way
 * DingTalk does: wrong token → 401 InvalidAuthentication; bad shape → 400 invalidParameter
 * (and a line in `violations`); custom robot sign wrong or timestamp stale → 310000;
 * over 20 a minute → 130101 and 10 minutes of silence; expired session webhook → 300001.
 * Sources: oauth2 accessToken, oToMessages/batchSend, groupMessages/send, messageFiles/download,
 * media/upload, robot/send (custom robot) and robot message types on open.dingtalk.com.
 * Interactive cards sent by the robot (robots-send-interactive-cards, update-the-robot-to-send-
 * interactive-cards; field names as the official alibabacloud_dingtalk im_1_0 SDK has them):
 * send needs cardTemplateId, robotCode, cardBizId, exactly one of openConversationId (cid…) and
 * singleChatReceiver ('{"userId":…}'), cardData a JSON string whose cardParamMap holds only
 * strings (Map<String,String>), callbackUrl a URL when given; update (PUT) a known cardBizId
 * and such cardData. `clickCard` answers the callback a click on a sent card's button posts
 * (outTrackId, userId, corpId, content: '{"cardPrivateData":{"actionIds":[…],"params":{…}}}').
 * sampleActionCard needs title, text, singleTitle and singleURL.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dingtalkSign } from './dingtalk-sign.ts';

export interface RecordedRequest { method: string; path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders; json: any }

const MSG_KEYS = new Set(['sampleText', 'sampleMarkdown', 'sampleImageMsg', 'sampleLink', 'sampleActionCard', 'sampleFile']);
const FILE_TYPES = new Set(['xlsx', 'pdf', 'zip', 'rar', 'doc', 'docx']);
const WEBHOOK_TYPES = new Set(['text', 'markdown', 'link', 'actionCard', 'feedCard']);

export async function startFakeDingtalkApi(opts: { appKey: string; appSecret: string; robotCode: string; now?: () => number }) {
  let now = opts.now ?? (() => Date.now());
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const newTokens = new Set<string>();
  const oldTokens = new Set<string>();
  const media = new Map<string, { fileName: string; size: number }>();
  const sessions = new Map<string, number>();
  const webhooks = new Map<string, { secret: string | null; sent: number[]; throttledUntil: number }>();
  const files = new Map<string, Buffer>();
  /** interactive cards sent, by cardBizId: where, their params as last sent or updated, and the updates */
  const cards = new Map<string, { to: string; params: Record<string, string>; updates: Record<string, string>[]; callbackUrl: string | null }>();
  let n = 0;

  const server = http.createServer(async (req, res) => {
    const raw = await readAll(req);
    const u = new URL(req.url ?? '/', 'http://fake');
    let json: any = null;
    if ((req.headers['content-type'] ?? '').includes('json')) {
      try { json = JSON.parse(raw.toString('utf8')); } catch { json = undefined; }
    }
    requests.push({ method: req.method ?? '', path: u.pathname, query: u.searchParams, headers: req.headers, json });
    const reply = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    const bad = (why: string) => { violations.push(`${u.pathname}: ${why}`); reply(400, { code: 'invalidParameter', message: why }); };
    const route = `${req.method} ${u.pathname}`;

    if (route === 'POST /v1.0/oauth2/accessToken') {
      if (!json || typeof json.appKey !== 'string' || typeof json.appSecret !== 'string') return bad('appKey/appSecret required');
      if (json.appKey !== opts.appKey || json.appSecret !== opts.appSecret) return reply(400, { code: 'invalidClientSecret', message: 'appKey or appSecret wrong' });
      const t = `tok-${++n}`; newTokens.add(t);
      return reply(200, { accessToken: t, expireIn: 7200 });
    }
    if (route === 'GET /gettoken') {
      if (u.searchParams.get('appkey') !== opts.appKey || u.searchParams.get('appsecret') !== opts.appSecret) return reply(200, { errcode: 40089, errmsg: '不合法的corpid或corpsecret' });
      const t = `old-${++n}`; oldTokens.add(t);
      return reply(200, { errcode: 0, errmsg: 'ok', access_token: t, expires_in: 7200 });
    }
    if (route === 'POST /media/upload') {
      if (!oldTokens.has(u.searchParams.get('access_token') ?? '')) return reply(200, { errcode: 40014, errmsg: '不合法的access_token' });
      const form = await new Request('http://fake', { method: 'POST', headers: req.headers as Record<string, string>, body: raw }).formData().catch(() => null);
      const file = form?.get('media');
      const type = form?.get('type') ?? u.searchParams.get('type');
      if (!(file instanceof File) || !file.name) return bad('multipart field media with a filename required');
      if (type !== 'file') return bad('type must be file');
      const id = `@media-${++n}`; media.set(id, { fileName: file.name, size: file.size });
      return reply(200, { errcode: 0, errmsg: 'ok', media_id: id, type: 'file', created_at: now() });
    }
    if (u.pathname.startsWith('/files/') && req.method === 'GET') {
      const f = files.get(decodeURIComponent(u.pathname.slice(7)));
      if (!f) { res.writeHead(404); return res.end(); }
      res.writeHead(200, { 'content-type': 'application/octet-stream' }); return res.end(f);
    }
    if (route === 'POST /robot/sendBySession') {
      const why = checkWebhookBody(json);
      if (why) return bad(why);
      const exp = sessions.get(u.searchParams.get('session') ?? '');
      if (exp === undefined || exp <= now()) return reply(200, { errcode: 300001, errmsg: 'session 不存在' });
      return reply(200, { errcode: 0, errmsg: 'ok' });
    }
    if (route === 'POST /robot/send') {
      const hook = webhooks.get(u.searchParams.get('access_token') ?? '');
      if (!hook) return reply(200, { errcode: 300001, errmsg: 'token is not exist' });
      if (hook.secret) {
        const ts = u.searchParams.get('timestamp') ?? '';
        const sign = u.searchParams.get('sign') ?? '';
        if (!/^\d+$/.test(ts) || Math.abs(now() - Number(ts)) > 3600_000) return reply(200, { errcode: 310000, errmsg: 'invalid timestamp' });
        if (sign !== dingtalkSign(ts, hook.secret)) return reply(200, { errcode: 310000, errmsg: 'sign not match' });
      }
      const why = checkWebhookBody(json);
      if (why) return bad(why);
      const t = now();
      hook.sent = hook.sent.filter((s) => s > t - 60_000);
      if (hook.throttledUntil > t || hook.sent.length >= 20) {
        if (hook.throttledUntil <= t) hook.throttledUntil = t + 10 * 60_000;
        return reply(200, { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' });
      }
      hook.sent.push(t);
      return reply(200, { errcode: 0, errmsg: 'ok' });
    }
    if (u.pathname.startsWith('/v1.0/')) {
      if (!newTokens.has(String(req.headers['x-acs-dingtalk-access-token'] ?? ''))) return reply(401, { code: 'InvalidAuthentication', message: '不合法的access_token' });
      if (!json || typeof json !== 'object') return bad('JSON body required');
      if (route === 'PUT /v1.0/im/robots/interactiveCards') {
        const card = cards.get(json.cardBizId);
        if (!card) return bad(`cardBizId ${json.cardBizId} unknown`);
        const params = cardParamsOf(json.cardData);
        if (typeof params === 'string') return bad(params);
        card.params = { ...card.params, ...params };
        card.updates.push(params);
        return reply(200, { success: true, result: true });
      }
      if (json.robotCode !== opts.robotCode) return bad(`robotCode ${json.robotCode} is not ${opts.robotCode}`);
      if (route === 'POST /v1.0/im/v1.0/robot/interactiveCards/send') {
        if (typeof json.cardTemplateId !== 'string' || !json.cardTemplateId) return bad('cardTemplateId required');
        if (typeof json.cardBizId !== 'string' || !json.cardBizId) return bad('cardBizId required');
        const group = json.openConversationId !== undefined;
        const single = json.singleChatReceiver !== undefined;
        if (group === single) return bad('exactly one of openConversationId and singleChatReceiver');
        if (group && (typeof json.openConversationId !== 'string' || !json.openConversationId.startsWith('cid'))) return bad('openConversationId must be a cid…');
        let receiver: any = null;
        if (single) { try { receiver = JSON.parse(json.singleChatReceiver); } catch { /* checked below */ } }
        if (single && (typeof receiver?.userId !== 'string' || !receiver.userId)) return bad('singleChatReceiver must be a JSON string {"userId": …}');
        if (json.callbackUrl !== undefined && !/^https?:\/\//.test(String(json.callbackUrl))) return bad('callbackUrl must be a URL');
        const params = cardParamsOf(json.cardData);
        if (typeof params === 'string') return bad(params);
        cards.set(json.cardBizId, { to: group ? json.openConversationId : receiver.userId, params, updates: [], callbackUrl: json.callbackUrl ?? null });
        return reply(200, { processQueryKey: `pqk-${++n}` });
      }
      if (route === 'POST /v1.0/robot/messageFiles/download') {
        if (!files.has(json.downloadCode)) return reply(400, { code: 'invalidParameter', message: 'downloadCode invalid' });
        return reply(200, { downloadUrl: `${base()}/files/${encodeURIComponent(json.downloadCode)}` });
      }
      const why = checkMessage(json, media);
      if (why) return bad(why);
      if (route === 'POST /v1.0/robot/oToMessages/batchSend') {
        if (!Array.isArray(json.userIds) || json.userIds.length < 1 || json.userIds.length > 20 || !json.userIds.every((x: unknown) => typeof x === 'string' && x)) return bad('userIds must be 1..20 staff ids');
        return reply(200, { processQueryKey: `pqk-${++n}`, invalidStaffIdList: [], flowControlledStaffIdList: [] });
      }
      if (route === 'POST /v1.0/robot/groupMessages/send') {
        if (typeof json.openConversationId !== 'string' || !json.openConversationId.startsWith('cid')) return bad('openConversationId must be a cid…');
        return reply(200, { processQueryKey: `pqk-${++n}` });
      }
    }
    violations.push(`unknown endpoint ${route}`);
    reply(404, { code: 'notFound', message: route });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base(),
    requests,
    violations,
    media,
    setNow(fn: () => number) { now = fn; },
    /** a session webhook URL valid for `ttlMs` from the fake's now */
    addSession(ttlMs: number): { url: string; expiresAt: number } {
      const id = `sess${++n}`; const expiresAt = now() + ttlMs; sessions.set(id, expiresAt);
      return { url: `${base()}/robot/sendBySession?session=${id}`, expiresAt };
    },
    /** a custom robot webhook, signed with `secret` when given */
    addWebhook(secret: string | null): string {
      const token = `hook${++n}`; webhooks.set(token, { secret, sent: [], throttledUntil: 0 });
      return `${base()}/robot/send?access_token=${token}`;
    },
    addFile(downloadCode: string, content: Buffer) { files.set(downloadCode, content); },
    cards,
    /** the callback body a click on a sent card's button posts (with the template's inputs), or null when the card shows no such button */
    clickCard(cardBizId: string, actionId: string, userId: string, inputs: Record<string, string> = {}) {
      const card = cards.get(cardBizId);
      const buttons = card ? (JSON.parse(card.params.buttons ?? '[]') as { actionId: string }[]) : [];
      if (!card || card.params.decided === 'true' || !buttons.some((b) => b.actionId === actionId)) return null;
      return { outTrackId: cardBizId, userId, corpId: 'dingcorp', type: 'actionCallback', content: JSON.stringify({ cardPrivateData: { actionIds: ['duban_button'], params: { ...inputs, actionId } } }) };
    },
    revokeTokens() { newTokens.clear(); oldTokens.clear(); },
    calls(path: string) { return requests.filter((r) => r.path === path); },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
export type FakeDingtalkApi = Awaited<ReturnType<typeof startFakeDingtalkApi>>;

/** cardData: a JSON string whose cardParamMap maps names to strings (what the template binds). */
function cardParamsOf(cardData: unknown): Record<string, string> | string {
  if (typeof cardData !== 'string') return 'cardData must be a JSON string';
  let d: any;
  try { d = JSON.parse(cardData); } catch { return 'cardData is not JSON'; }
  const m = d?.cardParamMap;
  if (!m || typeof m !== 'object' || Array.isArray(m)) return 'cardData needs cardParamMap';
  if (Object.values(m).some((v) => typeof v !== 'string')) return 'cardParamMap values must be strings';
  return m as Record<string, string>;
}

function checkMessage(json: any, media: Map<string, unknown>): string | null {
  if (!MSG_KEYS.has(json.msgKey)) return `msgKey ${json.msgKey} not allowed`;
  if (typeof json.msgParam !== 'string') return 'msgParam must be a JSON string';
  let p: any;
  try { p = JSON.parse(json.msgParam); } catch { return 'msgParam is not JSON'; }
  if (json.msgKey === 'sampleText' && (typeof p.content !== 'string' || !p.content)) return 'sampleText needs content';
  if (json.msgKey === 'sampleMarkdown') {
    if (typeof p.title !== 'string' || !p.title || typeof p.text !== 'string' || !p.text) return 'sampleMarkdown needs title and text';
    if ([...p.text].length > 5000) return 'sampleMarkdown text over 5000 characters';
  }
  if (json.msgKey === 'sampleActionCard') {
    if (['title', 'text', 'singleTitle', 'singleURL'].some((k) => typeof p[k] !== 'string' || !p[k])) return 'sampleActionCard needs title, text, singleTitle and singleURL';
    if (!/^https?:\/\//.test(p.singleURL)) return 'sampleActionCard singleURL must be a URL';
  }
  if (json.msgKey === 'sampleFile') {
    if (!media.has(p.mediaId)) return 'sampleFile mediaId unknown';
    if (typeof p.fileName !== 'string' || !FILE_TYPES.has(p.fileType)) return 'sampleFile needs fileName and fileType in xlsx/pdf/zip/rar/doc/docx';
  }
  return null;
}

function checkWebhookBody(json: any): string | null {
  if (!json || !WEBHOOK_TYPES.has(json.msgtype)) return `msgtype ${json?.msgtype} not allowed`;
  if (json.msgtype === 'markdown') {
    const m = json.markdown;
    if (!m || typeof m.title !== 'string' || !m.title || typeof m.text !== 'string' || !m.text) return 'markdown needs title and text';
    const at = json.at ?? {};
    for (const id of [...(at.atUserIds ?? []), ...(at.atMobiles ?? [])]) if (!m.text.includes(`@${id}`)) return `@${id} in at but not in the text`;
  }
  if (json.msgtype === 'text' && typeof json.text?.content !== 'string') return 'text needs content';
  return null;
}

async function readAll(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
