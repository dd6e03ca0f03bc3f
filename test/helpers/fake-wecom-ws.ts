/**
 * A local fake of the AI bot long-connection endpoint (wss://openws.work.weixin.qq.com,
 * path/101463), speaking the documented frames `{cmd, headers: {req_id}, body}`. Every frame a
 * client sends is checked; what breaks the document is listed in `violations`. Body shapes:
 * test/helpers/wecom-bot-bodies.ts.
 * - the first frame must be `aibot_subscribe {bot_id, secret}`; the answer is
 *   `{headers: {req_id}, errcode, errmsg}` (a wrong secret gets a non-zero errcode; WeCom's
 *   exact code is not documented). Anything sent before subscribing is a violation.
 * - `ping` is answered with errcode 0 (unless `silencePings()`); WebSocket pings get pongs.
 * - `pushCallback(body)` / `pushEvent(body)` send aibot_msg_callback / aibot_event_callback
 *   with a fresh req_id. `aibot_respond_msg` must reuse a message callback's req_id;
 *   `aibot_respond_welcome_msg` an enter_chat event's, `aibot_respond_update_msg` a
 *   template_card_event's. A stream finished with `finish: true` takes no more updates.
 * - `aibot_send_msg` works only for a chat that has messaged the bot ("需要用户在会话中给机器人
 *   发消息，后续机器人才能主动推送"); others get a non-zero errcode (code not documented).
 * - one live connection per bot: a second subscribe sends the old one the documented
 *   `disconnected_event` and closes it.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket } from 'ws';
import { cardUpdateError, pushBodyError, replyBodyError, welcomeBodyError } from './wecom-bot-bodies.ts';

export interface FakeFrame { cmd?: string; headers?: { req_id?: string }; body?: any }
type Origin = 'message' | 'enter_chat' | 'template_card_event' | 'event';

export async function startFakeWecomWs(opts: { botId: string; secret: string }) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const frames: FakeFrame[] = [];
  const violations: string[] = [];
  const origins = new Map<WebSocket, Map<string, Origin>>();
  const finishedStreams = new Set<string>();
  const chats = new Set<string>();
  let live: WebSocket | null = null;
  let answerPings = true;
  let subscribes = 0;
  let wsPings = 0;

  wss.on('connection', (ws) => {
    let authed = false;
    origins.set(ws, new Map());
    ws.on('ping', () => { wsPings += 1; });
    ws.on('message', (raw) => {
      let f: FakeFrame;
      try { f = JSON.parse(raw.toString()); } catch { violations.push('frame is not JSON'); return; }
      frames.push(f);
      const id = f.headers?.req_id;
      const answer = (errcode: number, errmsg = 'ok') => ws.send(JSON.stringify({ headers: { req_id: id }, errcode, errmsg }));
      if (typeof id !== 'string' || !id) { violations.push(`${f.cmd}: headers.req_id missing`); return; }
      if (f.cmd === 'aibot_subscribe') return subscribe(ws, f, answer, () => { authed = true; });
      if (!authed) { violations.push(`${f.cmd} before aibot_subscribe`); return void ws.close(); }
      if (f.cmd === 'ping') return answerPings ? answer(0) : undefined;
      const why = frameError(f, origins.get(ws)!.get(id));
      if (why) { violations.push(`${f.cmd}: ${why}`); return answer(40008, why); }
      if (f.cmd === 'aibot_send_msg' && !chats.has(f.body.chatid)) return answer(40008, 'the chat has not messaged the bot (code not documented)');
      answer(0);
    });
    ws.on('close', () => { if (live === ws) live = null; });
  });

  function subscribe(ws: WebSocket, f: FakeFrame, answer: (c: number, m?: string) => void, ok: () => void) {
    subscribes += 1;
    if (f.body?.bot_id !== opts.botId || f.body?.secret !== opts.secret) return answer(40001, 'invalid bot_id or secret');
    ok();
    if (live && live !== ws && live.readyState === WebSocket.OPEN) {
      live.send(JSON.stringify({ cmd: 'aibot_event_callback', headers: { req_id: rid() }, body: { msgid: rid(), create_time: Math.floor(Date.now() / 1000), aibotid: opts.botId, msgtype: 'event', event: { eventtype: 'disconnected_event' } } }));
      const old = live;
      setTimeout(() => old.close(), 20);
    }
    live = ws;
    answer(0);
  }

  /** Why a reply or push breaks the document, given what the req_id answers. */
  function frameError(f: FakeFrame, origin: Origin | undefined): string | null {
    switch (f.cmd) {
      case 'aibot_respond_msg': {
        if (origin !== 'message') return 'req_id is not a message callback of this connection';
        const err = replyBodyError(f.body, 'ws');
        const sid = f.body?.stream?.id;
        if (err || !sid) return err;
        if (finishedStreams.has(sid)) return `stream ${sid} already finished`;
        if (f.body.stream.finish === true) finishedStreams.add(sid);
        return null;
      }
      case 'aibot_respond_welcome_msg': return origin === 'enter_chat' ? welcomeBodyError(f.body) : 'req_id is not an enter_chat event';
      case 'aibot_respond_update_msg': return origin === 'template_card_event' ? cardUpdateError(f.body) : 'req_id is not a template_card_event';
      case 'aibot_send_msg': return pushBodyError(f.body);
      default: return `unknown cmd ${f.cmd}`;
    }
  }

  const rid = () => randomBytes(8).toString('hex');
  function send(cmd: string, body: any, origin: Origin): string {
    if (!live) throw new Error('no live subscribed connection');
    const id = rid();
    origins.get(live)!.set(id, origin);
    const chat = body?.chatid ?? body?.from?.userid;
    if (origin === 'message' && chat) chats.add(chat);
    live.send(JSON.stringify({ cmd, headers: { req_id: id }, body }));
    return id;
  }

  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    frames,
    violations,
    get subscribes() { return subscribes; },
    /** WebSocket-level pings received */
    get wsPings() { return wsPings; },
    get connections() { return [...wss.clients].filter((c) => c.readyState === WebSocket.OPEN).length; },
    /** sends a message callback on the live connection; answers its req_id */
    pushCallback: (body: unknown) => send('aibot_msg_callback', body, 'message'),
    /** sends an event callback (enter_chat, template_card_event, feedback_event) */
    pushEvent: (body: any) => send('aibot_event_callback', body, ['enter_chat', 'template_card_event'].includes(body?.event?.eventtype) ? body.event.eventtype : 'event'),
    sent: (cmd: string) => frames.filter((f) => f.cmd === cmd),
    silencePings() { answerPings = false; },
    /** drops every socket without a close handshake, as a network cut does */
    dropAll() { for (const c of wss.clients) c.terminate(); },
    close: () => new Promise<void>((r) => { for (const c of wss.clients) c.terminate(); wss.close(() => r()); }),
  };
}

export type FakeWecomWs = Awaited<ReturnType<typeof startFakeWecomWs>>;
