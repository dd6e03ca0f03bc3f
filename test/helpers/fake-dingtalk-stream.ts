/**
 * A local fake of DingTalk's Stream gateway: the HTTP open-connection endpoint
 * (POST /v1.0/gateway/connections/open → {endpoint, ticket}) and the WebSocket server it
 * points at. Every request is checked against the protocol document
 * (https://open.dingtalk.com/document/direction/stream-mode-protocol-access-description);
 * what breaks it is listed in `violations`. Frame shapes: test/helpers/dingtalk-stream-frames.ts.
 *
 * - open: JSON body with `Content-Type` and `Accept: application/json` (the document's example;
 *   without Accept the real gateway answers XML, as the official Node SDK notes, and so does
 *   this fake); clientId/clientSecret; a non-empty `subscriptions` list of {type EVENT|CALLBACK,
 *   topic} where an EVENT topic can only be "*"; optional `ua` and `localIp` strings.
 * - tickets are single-use and live 90 s; the socket path is the endpoint's.
 * - a socket gets only the CALLBACK topics it subscribed to, and EVENTs only with "*".
 * - every upstream frame must answer a downstream frame of that socket, once, in the documented
 *   shape. WebSocket-level pings are answered with pongs (the `ws` server does) and counted.
 * - `disconnect(graceMs)` sends the SYSTEM disconnect and closes the TCP connection after the
 *   grace (10 s in the document).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { answerError, botFrame, disconnectFrame, type FrameKind } from './dingtalk-stream-frames.ts';

export { BOT_TOPIC } from './dingtalk-stream-frames.ts';

interface Subscription { type: string; topic: string }
interface Conn { subs: Subscription[]; awaiting: Map<string, { kind: FrameKind; data: string }>; answered: Set<string> }
export interface OpenRequest { headers: http.IncomingHttpHeaders; body: any }

const TICKET_TTL_MS = 90_000;

export async function startFakeStreamGateway(opts: { clientId: string; clientSecret: string }) {
  const tickets = new Map<string, { subs: Subscription[]; at: number }>();
  const conns = new Map<WebSocket, Conn>();
  const received: any[] = [];
  const violations: string[] = [];
  const openRequests: OpenRequest[] = [];
  let opens = 0;
  let connections = 0;
  let pings = 0;
  let refuseOpen = false;

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const reply = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (req.method !== 'POST' || req.url !== '/v1.0/gateway/connections/open') return reply(404, { code: 'notFound' });
    opens += 1;
    if (refuseOpen) return reply(503, { code: 'ServiceUnavailable' });
    let body: any;
    try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { violations.push('open: body not JSON'); return reply(400, { code: 'invalidParameter' }); }
    openRequests.push({ headers: req.headers, body });
    const bad = openError(req.headers, body);
    if (bad) { violations.push(`open: ${bad}`); return reply(400, { code: 'invalidParameter', message: bad }); }
    if (body.clientId !== opts.clientId || body.clientSecret !== opts.clientSecret) return reply(401, { code: 'InvalidAuthentication' });
    const ticket = randomUUID();
    tickets.set(ticket, { subs: body.subscriptions, at: Date.now() });
    const endpoint = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/connect`;
    if (!String(req.headers.accept ?? '').includes('application/json')) {
      violations.push('open: no Accept: application/json (the gateway then answers XML)');
      res.writeHead(200, { 'content-type': 'application/xml' });
      return void res.end(`<?xml version="1.0" encoding="UTF-8"?><result><endpoint>${endpoint}</endpoint><ticket>${ticket}</ticket></result>`);
    }
    reply(200, { endpoint, ticket });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const u = new URL(req.url ?? '/', 'http://fake');
    const t = tickets.get(u.searchParams.get('ticket') ?? '');
    tickets.delete(u.searchParams.get('ticket') ?? '');
    if (u.pathname !== '/connect' || !t || Date.now() - t.at > TICKET_TTL_MS) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections += 1;
      conns.set(ws, { subs: t.subs, awaiting: new Map(), answered: new Set() });
      ws.on('ping', () => { pings += 1; });
      ws.on('message', (data) => onUpstream(ws, data.toString()));
      ws.on('close', () => conns.delete(ws));
    });
  });

  function onUpstream(ws: WebSocket, raw: string): void {
    let frame: any;
    try { frame = JSON.parse(raw); } catch { return void violations.push('client sent non-JSON'); }
    received.push(frame);
    const conn = conns.get(ws)!;
    const id = frame?.headers?.messageId;
    const sent = conn.awaiting.get(id);
    if (!sent) return void violations.push(conn.answered.has(id) ? `frame ${id} answered twice` : `answer to unknown messageId ${id}`);
    conn.awaiting.delete(id);
    conn.answered.add(id);
    const why = answerError(frame, sent.kind, sent.data);
    if (why) violations.push(why);
  }

  /** Sends to one socket if it subscribed to the frame; answers are awaited for frames with a messageId. */
  function sendTo(ws: WebSocket, conn: Conn, frame: any): boolean {
    if (frame.type === 'CALLBACK' && !conn.subs.some((s) => s.type === 'CALLBACK' && s.topic === frame.headers.topic)) return false;
    if (frame.type === 'EVENT' && !conn.subs.some((s) => s.type === 'EVENT')) return false;
    const kind: FrameKind | null = frame.type === 'SYSTEM' ? (frame.headers.topic === 'ping' ? 'ping' : null) : frame.type;
    if (kind && frame.headers.messageId) conn.awaiting.set(frame.headers.messageId, { kind, data: frame.data });
    ws.send(JSON.stringify(frame));
    return true;
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    violations,
    openRequests,
    get opens() { return opens; },
    get connections() { return connections; },
    get live() { return conns.size; },
    /** WebSocket-level pings received (the official SDK's keepAlive, Duban's keepalive) */
    get pings() { return pings; },
    /** frames sent that still wait for their answer */
    get unanswered() { return [...conns.values()].flatMap((c) => [...c.awaiting.keys()]); },
    setRefuseOpen(v: boolean) { refuseOpen = v; },
    /** sends a frame to every live socket subscribed to it; answers how many got it */
    push(frame: unknown): number {
      let n = 0;
      for (const [ws, conn] of conns) if (sendTo(ws, conn, frame)) n += 1;
      return n;
    },
    /** a CALLBACK frame carrying a robot message */
    botFrame(data: unknown, messageId: string = randomUUID()) { return botFrame(data, { messageId }); },
    /** the graceful SYSTEM disconnect, then the TCP close after `graceMs` */
    disconnect(graceMs = 10_000) {
      for (const ws of conns.keys()) {
        ws.send(JSON.stringify(disconnectFrame()));
        setTimeout(() => ws.terminate(), graceMs).unref();
      }
    },
    /** drops every socket without a close handshake, as a network failure would */
    dropAll() { for (const ws of conns.keys()) ws.terminate(); },
    close: async () => {
      for (const ws of conns.keys()) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
    },
  };
}
export type FakeStreamGateway = Awaited<ReturnType<typeof startFakeStreamGateway>>;

/** Why an open-connection request breaks the documented format, or null. */
function openError(h: http.IncomingHttpHeaders, body: any): string | null {
  if (!String(h['content-type'] ?? '').includes('application/json')) return 'Content-Type must be application/json';
  if (typeof body?.clientId !== 'string' || typeof body?.clientSecret !== 'string') return 'clientId and clientSecret are required strings';
  const subs = body.subscriptions;
  if (!Array.isArray(subs) || subs.length === 0) return 'subscriptions must be a non-empty list';
  for (const s of subs) {
    if ((s?.type !== 'EVENT' && s?.type !== 'CALLBACK') || typeof s?.topic !== 'string' || !s.topic) return `subscription ${JSON.stringify(s)} must be {type: EVENT|CALLBACK, topic}`;
    if (s.type === 'EVENT' && s.topic !== '*') return 'an EVENT subscription topic can only be "*"';
  }
  if (body.ua !== undefined && typeof body.ua !== 'string') return 'ua must be a string';
  if (body.localIp !== undefined && typeof body.localIp !== 'string') return 'localIp must be a string';
  return null;
}

/** Polls until `check` is true (tests on real sockets, no fake timers). */
export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
