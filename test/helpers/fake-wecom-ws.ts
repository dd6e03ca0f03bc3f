/**
 * A local fake of the AI bot long-connection endpoint (wss://openws.work.weixin.qq.com,
 * path/101463), speaking the documented frames `{cmd, headers: {req_id}, body}`:
 * - the first frame must be `aibot_subscribe {bot_id, secret}`; the answer is
 *   `{headers: {req_id}, errcode, errmsg}` (a wrong secret gets a non-zero errcode; WeCom's
 *   exact code is not documented). Anything sent before subscribing is a violation.
 * - `ping` is answered with errcode 0 (unless `silencePings()`).
 * - `pushCallback(body)` sends `aibot_msg_callback` with a fresh req_id.
 * - `aibot_respond_msg` must use a req_id of a callback sent on this connection and carry a
 *   `stream {id, finish, content ≤ 20480 bytes}`; `aibot_send_msg` needs `chatid` and markdown.
 * - one live connection per bot: a second subscribe kicks the first with `disconnected_event`.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket } from 'ws';

export interface FakeFrame { cmd?: string; headers?: { req_id?: string }; body?: any }

export async function startFakeWecomWs(opts: { botId: string; secret: string }) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const frames: FakeFrame[] = [];
  const violations: string[] = [];
  const callbackIds = new Map<WebSocket, Set<string>>();
  let live: WebSocket | null = null;
  let answerPings = true;
  let subscribes = 0;

  wss.on('connection', (ws) => {
    let authed = false;
    callbackIds.set(ws, new Set());
    ws.on('message', (raw) => {
      let f: FakeFrame;
      try { f = JSON.parse(raw.toString()); } catch { violations.push('frame is not JSON'); return; }
      frames.push(f);
      const id = f.headers?.req_id;
      const answer = (errcode: number, errmsg = 'ok') => ws.send(JSON.stringify({ headers: { req_id: id }, errcode, errmsg }));
      if (typeof id !== 'string' || !id) { violations.push(`${f.cmd}: headers.req_id missing`); return; }
      if (f.cmd === 'aibot_subscribe') {
        subscribes += 1;
        if (f.body?.bot_id !== opts.botId || f.body?.secret !== opts.secret) return answer(40001, 'invalid bot_id or secret');
        authed = true;
        if (live && live !== ws && live.readyState === WebSocket.OPEN) {
          live.send(JSON.stringify({ cmd: 'aibot_event_callback', headers: { req_id: rid() }, body: { msgid: rid(), aibotid: opts.botId, msgtype: 'event', event: { eventtype: 'disconnected_event' } } }));
          const old = live;
          setTimeout(() => old.close(), 20);
        }
        live = ws;
        return answer(0);
      }
      if (!authed) { violations.push(`${f.cmd} before aibot_subscribe`); return void ws.close(); }
      if (f.cmd === 'ping') return answerPings ? answer(0) : undefined;
      if (f.cmd === 'aibot_respond_msg') {
        if (!callbackIds.get(ws)!.has(id)) return bad(f, 'req_id is not a callback of this connection', answer);
        const s = f.body?.stream;
        if (f.body?.msgtype !== 'stream' || typeof s?.id !== 'string' || typeof s?.finish !== 'boolean' || typeof s?.content !== 'string') return bad(f, 'body must be {msgtype: stream, stream: {id, finish, content}}', answer);
        if (Buffer.byteLength(s.content) > 20480) return bad(f, 'stream.content over 20480 bytes', answer);
        return answer(0);
      }
      if (f.cmd === 'aibot_send_msg') {
        if (typeof f.body?.chatid !== 'string' || f.body?.msgtype !== 'markdown' || typeof f.body?.markdown?.content !== 'string') return bad(f, 'body must be {chatid, msgtype: markdown, markdown: {content}}', answer);
        return answer(0);
      }
      bad(f, `unknown cmd ${f.cmd}`, answer);
    });
    ws.on('close', () => { if (live === ws) live = null; });
  });

  function bad(f: FakeFrame, why: string, answer: (c: number, m: string) => void) {
    violations.push(`${f.cmd}: ${why}`);
    answer(40008, why);
  }

  const rid = () => randomBytes(8).toString('hex');

  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    frames,
    violations,
    get subscribes() { return subscribes; },
    get connections() { return [...wss.clients].filter((c) => c.readyState === WebSocket.OPEN).length; },
    /** sends a message callback on the live connection and answers its req_id */
    pushCallback(body: unknown): string {
      if (!live) throw new Error('no live subscribed connection');
      const id = rid();
      callbackIds.get(live)!.add(id);
      live.send(JSON.stringify({ cmd: 'aibot_msg_callback', headers: { req_id: id }, body }));
      return id;
    },
    sent: (cmd: string) => frames.filter((f) => f.cmd === cmd),
    silencePings() { answerPings = false; },
    /** drops every socket without a close handshake, as a network cut does */
    dropAll() { for (const c of wss.clients) c.terminate(); },
    close: () => new Promise<void>((r) => { for (const c of wss.clients) c.terminate(); wss.close(() => r()); }),
  };
}

export type FakeWecomWs = Awaited<ReturnType<typeof startFakeWecomWs>>;
