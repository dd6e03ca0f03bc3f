/**
 * A local fake of WeCom's HTTP APIs (qyapi.weixin.qq.com) on one port. It checks every request
 * against the documented shapes, records it, and answers the way WeCom does:
 * - gettoken (path/91039): wrong corpid/secret → 40013/40001; tokens live 7200 s.
 * - access_token missing → 41001, unknown → 40014; `expireTokens()` makes the next use of a
 *   current token answer 42001 (expired) once, as after two hours.
 * - message/send (path/90236), appchat/send (path/90248): required fields, agentid, touser
 *   ≤ 1000 ids, text/markdown ≤ 2048 bytes (→ 44004 empty / 45002 too long), file media_id known.
 *   message/send takes template_card (checked by wecom-bot-bodies.ts templateCardError, plus
 *   main_title and a task_id unique per app); appchat/send does not.
 * - template card clicks: `clickCard(taskId, key, userId)` answers the event an app receives
 *   (path/90240: EventKey, TaskId, CardType, ResponseCode); message/update_template_card
 *   (path/94888) takes that ResponseCode once, with agentid and `button.replace_name` or a
 *   `template_card`, and records the card as updated for everyone (`atall: 1`) or `userids`.
 * - webhook/send (path/99110): known key, text ≤ 2048 bytes, markdown ≤ 4096 bytes (→ 40058),
 *   `mentioned_list` an array of strings, more than 20 a minute per robot → 45009.
 * - media/upload, webhook/upload_media: multipart field `media` with a filename, ≥ 5 bytes.
 * - media/get (path/90254): GET with access_token and media_id; a received file or image
 *   (`addMedia`) comes back as bytes with Content-disposition, an unknown id as errcode 40007.
 * - AI bot file and image URLs (path/100719): GET, the bytes as the test encrypted them.
 * - aibot/response (response_url, path/101138): a markdown (≤ 20 480 bytes) or template_card
 *   body (test/helpers/wecom-bot-bodies.ts); a code works once — a second use answers a
 *   non-zero errcode (WeCom's exact code for that is not documented).
 * Shape violations answer 40008/44004-like errcodes and are listed in `violations`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { responseUrlBodyError, templateCardError } from './wecom-bot-bodies.ts';

export interface RecordedRequest { method: string; path: string; query: URLSearchParams; json: any; bytes: number }

const APP_TYPES = new Set(['text', 'markdown', 'file', 'image', 'textcard', 'news']);
const bytes = (s: unknown) => (typeof s === 'string' ? Buffer.byteLength(s, 'utf8') : -1);

export async function startFakeWecomApi(opts: { corpId: string; secret: string; agentId: number; now?: () => number }) {
  const now = opts.now ?? (() => Date.now());
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const tokens = new Map<string, { expired: boolean }>();
  const webhooks = new Map<string, number[]>();
  const responseCodes = new Map<string, boolean>();
  const media = new Map<string, Buffer>();
  const botFiles = new Map<string, Buffer>();
  /** app cards sent, by task_id: to whom, the card, and how it was updated */
  const cards = new Map<string, { touser: string; card: any; updated: { replaceName?: string; card?: any; all: boolean } | null }>();
  /** response codes of clicks: the card they update, used once */
  const clickCodes = new Map<string, { taskId: string; used: boolean }>();
  let n = 0;
  let failNext: { status: number } | null = null;
  let delayMs = 0;

  const server = http.createServer(async (req, res) => {
    const raw = await readAll(req);
    const u = new URL(req.url ?? '/', 'http://fake');
    let json: any = null;
    if ((req.headers['content-type'] ?? '').includes('json')) {
      try { json = JSON.parse(raw.toString('utf8')); } catch { json = undefined; }
    }
    requests.push({ method: req.method ?? '', path: u.pathname, query: u.searchParams, json, bytes: raw.length });
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    const reply = (body: unknown, status = 200) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (failNext) { const f = failNext; failNext = null; return reply({ errcode: -1, errmsg: 'system busy' }, f.status); }
    const bad = (errcode: number, why: string) => { violations.push(`${u.pathname}: ${why}`); reply({ errcode, errmsg: why }); };
    const route = `${req.method} ${u.pathname}`;

    if (route === 'GET /cgi-bin/gettoken') {
      if (u.searchParams.get('corpid') !== opts.corpId) return reply({ errcode: 40013, errmsg: 'invalid corpid' });
      if (u.searchParams.get('corpsecret') !== opts.secret) return reply({ errcode: 40001, errmsg: 'invalid credential' });
      const t = `tok-${++n}`;
      tokens.set(t, { expired: false });
      return reply({ errcode: 0, errmsg: 'ok', access_token: t, expires_in: 7200 });
    }
    if (route === 'GET /aibot-file') {
      // an AI bot file URL (path/100719): the bytes as given (already encrypted by the test)
      const f = botFiles.get(u.searchParams.get('id') ?? '');
      if (!f) return reply({ errcode: 404, errmsg: 'expired' }, 404);
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end(f);
    }
    if (u.pathname.startsWith('/cgi-bin/webhook/')) return webhook(u, route, json, raw, req, reply, bad);
    if (route === 'POST /cgi-bin/aibot/response') {
      const code = u.searchParams.get('response_code') ?? '';
      if (!responseCodes.has(code)) return reply({ errcode: 40001, errmsg: 'invalid response_code' });
      if (responseCodes.get(code)) return reply({ errcode: 40001, errmsg: 'response_code used' });
      const why = responseUrlBodyError(json);
      if (why) return bad(40008, why);
      responseCodes.set(code, true);
      return reply({ errcode: 0, errmsg: 'ok' });
    }

    // Everything below needs a valid access_token.
    const token = u.searchParams.get('access_token');
    if (!token) return reply({ errcode: 41001, errmsg: 'access_token missing' });
    const t = tokens.get(token);
    if (!t) return reply({ errcode: 40014, errmsg: 'invalid access_token' });
    if (t.expired) { tokens.delete(token); return reply({ errcode: 42001, errmsg: 'access_token expired' }); }

    if (route === 'POST /cgi-bin/message/send' || route === 'POST /cgi-bin/appchat/send') {
      if (!json) return bad(40008, 'body must be JSON');
      if (route.endsWith('message/send')) {
        if (json.agentid !== opts.agentId) return bad(40056, 'agentid must be the app\'s AgentId (a number)');
        if (typeof json.touser !== 'string' || json.touser.split('|').length > 1000 || json.touser.split('|').some((x: string) => !x)) return bad(40031, 'touser must be 1..1000 ids joined by |');
      } else if (typeof json.chatid !== 'string' || !json.chatid) return bad(86003, 'chatid required');
      if (json.msgtype === 'template_card') {
        if (route.endsWith('appchat/send')) return bad(40008, 'appchat/send takes no template_card');
        const why = templateCardError(json.template_card) ?? (json.template_card?.main_title?.title ? null : 'an app card needs main_title.title');
        if (why) return bad(40008, why);
        if (cards.has(json.template_card.task_id)) return bad(40008, 'task_id must be unique per app');
        cards.set(json.template_card.task_id, { touser: json.touser, card: json.template_card, updated: null });
        return reply({ errcode: 0, errmsg: 'ok', invaliduser: '', msgid: `m${++n}`, response_code: `send-${n}` });
      }
      const err = appBodyError(json, media);
      if (err) return bad(err[0], err[1]);
      return reply({ errcode: 0, errmsg: 'ok', ...(route.endsWith('message/send') ? { invaliduser: '', msgid: `m${++n}` } : {}) });
    }
    if (route === 'POST /cgi-bin/message/update_template_card') {
      if (!json) return bad(40008, 'body must be JSON');
      if (json.agentid !== opts.agentId) return bad(40056, 'agentid must be the app\'s AgentId (a number)');
      const click = clickCodes.get(json.response_code);
      if (!click) return bad(40008, 'response_code unknown');
      if (click.used) return reply({ errcode: 40008, errmsg: 'response_code used' });
      const replaceName = json.button?.replace_name;
      if (replaceName === undefined && json.template_card === undefined) return bad(40008, 'update needs button.replace_name or template_card');
      if (replaceName !== undefined && (typeof replaceName !== 'string' || !replaceName || [...replaceName].length > 20)) return bad(40008, 'button.replace_name must be 1..20 characters');
      if (json.template_card !== undefined) { const why = templateCardError(json.template_card); if (why) return bad(40008, why); }
      if (json.atall !== undefined && json.atall !== 0 && json.atall !== 1) return bad(40008, 'atall must be 0 or 1');
      click.used = true;
      cards.get(click.taskId)!.updated = { replaceName, card: json.template_card, all: json.atall === 1 };
      return reply({ errcode: 0, errmsg: 'ok', invaliduser: [] });
    }
    if (route === 'POST /cgi-bin/media/upload') return upload(u, raw, req, reply, bad);
    if (route === 'GET /cgi-bin/media/get') {
      // path/90254: GET ?access_token&media_id; the bytes with Content-disposition naming the file
      const id = u.searchParams.get('media_id');
      if (!id) return bad(40007, 'media_id required');
      const m = media.get(id);
      if (!m) return reply({ errcode: 40007, errmsg: 'invalid media_id' });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${id}"`, 'content-length': String(m.length) });
      return void res.end(m);
    }
    return reply({ errcode: 404, errmsg: `no route ${route}` }, 404);
  });

  function webhook(u: URL, route: string, json: any, raw: Buffer, req: http.IncomingMessage, reply: (b: unknown) => void, bad: (c: number, w: string) => void) {
    const key = u.searchParams.get('key') ?? '';
    const sent = webhooks.get(key);
    if (!sent) return reply({ errcode: 93000, errmsg: 'invalid webhook url' });
    if (route === 'POST /cgi-bin/webhook/upload_media') return upload(u, raw, req, reply, bad);
    if (route !== 'POST /cgi-bin/webhook/send') return reply({ errcode: 404, errmsg: 'no route' });
    const t = now();
    const recent = sent.filter((s) => s > t - 60_000);
    webhooks.set(key, recent);
    if (recent.length >= 20) return reply({ errcode: 45009, errmsg: 'api freq out of limit' });
    if (!json) return bad(40008, 'body must be JSON');
    if (json.msgtype === 'text') {
      if (bytes(json.text?.content) < 0) return bad(40008, 'text.content required');
      if (bytes(json.text.content) > 2048) return bad(45002, 'text.content exceeds 2048 bytes');
      const ml = json.text.mentioned_list;
      if (ml !== undefined && (!Array.isArray(ml) || ml.some((x: unknown) => typeof x !== 'string'))) return bad(40008, 'mentioned_list must be an array of strings');
    } else if (json.msgtype === 'markdown') {
      if (bytes(json.markdown?.content) < 0) return bad(40008, 'markdown.content required');
      if (bytes(json.markdown.content) > 4096) return bad(40058, 'markdown.content exceed max length 4096');
    } else if (json.msgtype === 'file') {
      if (!media.has(json.file?.media_id)) return bad(40007, 'invalid media_id');
    } else return bad(40008, `msgtype ${json.msgtype} not expected`);
    recent.push(t);
    return reply({ errcode: 0, errmsg: 'ok' });
  }

  async function upload(u: URL, raw: Buffer, req: http.IncomingMessage, reply: (b: unknown) => void, bad: (c: number, w: string) => void) {
    if (u.searchParams.get('type') !== 'file') return bad(40004, 'type must be file');
    const form = await new Request('http://fake', { method: 'POST', headers: req.headers as Record<string, string>, body: raw }).formData().catch(() => null);
    const file = form?.get('media');
    if (!(file instanceof File) || !file.name) return bad(40008, 'multipart field media with a filename required');
    if (file.size < 5) return bad(40006, 'file must be at least 5 bytes');
    const id = `media-${++n}`;
    media.set(id, Buffer.from(await file.arrayBuffer()));
    return reply({ errcode: 0, errmsg: 'ok', type: 'file', media_id: id, created_at: String(Math.floor(now() / 1000)) });
  }

  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    violations,
    media,
    /** registers a group robot and answers its webhook URL */
    addWebhook(key: string) { webhooks.set(key, []); return `${base}/cgi-bin/webhook/send?key=${key}`; },
    /** registers a response_url (usable once) */
    addResponseUrl(code: string) { responseCodes.set(code, false); return `${base}/cgi-bin/aibot/response?response_code=${code}`; },
    /** a received file or image as media/get serves it (the MediaId of an app message) */
    addMedia(content: Buffer) { const id = `recv-${++n}`; media.set(id, content); return id; },
    /** serves `encrypted` as an AI bot file URL */
    addBotFile(encrypted: Buffer) { const id = `f${++n}`; botFiles.set(id, encrypted); return `${base}/aibot-file?id=${id}`; },
    expireTokens() { for (const v of tokens.values()) v.expired = true; },
    /** app cards sent, by task_id */
    cards,
    /**
     * The decrypted template_card_event a click on a sent app card produces (path/90240), or
     * null for a button the card does not have: a new ResponseCode per click, usable once.
     */
    clickCard(taskId: string, key: string, userId: string, createTime = Math.floor(now() / 1000)) {
      const sent = cards.get(taskId);
      if (!sent || !sent.card.button_list.some((b: { key: string }) => b.key === key)) return null;
      const code = `rc-${++n}`;
      clickCodes.set(code, { taskId, used: false });
      return { ToUserName: opts.corpId, FromUserName: userId, CreateTime: String(createTime), MsgType: 'event', Event: 'template_card_event', EventKey: key, TaskId: taskId, CardType: sent.card.card_type, ResponseCode: code, AgentID: String(opts.agentId) };
    },
    failNextWith(status: number) { failNext = { status }; },
    setDelay(ms: number) { delayMs = ms; },
    sent: (path: string) => requests.filter((r) => r.path === path && r.json),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

function appBodyError(json: any, media: Map<string, Buffer>): [number, string] | null {
  if (!APP_TYPES.has(json.msgtype)) return [40008, `msgtype ${json.msgtype} not expected`];
  if (json.msgtype === 'text' || json.msgtype === 'markdown') {
    const c = json[json.msgtype]?.content;
    if (typeof c !== 'string' || c === '') return [44004, `${json.msgtype}.content empty`];
    if (bytes(c) > 2048) return [45002, `${json.msgtype}.content exceeds 2048 bytes`];
  }
  if (json.msgtype === 'file' && !media.has(json.file?.media_id)) return [40007, 'invalid media_id'];
  return null;
}

function readAll(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => { const c: Buffer[] = []; req.on('data', (d) => c.push(d)); req.on('end', () => resolve(Buffer.concat(c))); });
}

export type FakeWecomApi = Awaited<ReturnType<typeof startFakeWecomApi>>;
