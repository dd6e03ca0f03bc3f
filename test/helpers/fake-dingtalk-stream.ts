/**
 * A local fake of DingTalk's Stream gateway: the HTTP open-connection endpoint
 * (POST /v1.0/gateway/connections/open → {endpoint, ticket}) and the WebSocket server it
 * points at. Tickets are single-use; the open body must carry the app's credentials and
 * subscribe to the bot topic as CALLBACK. Frames the client sends back are recorded.
 * https://open.dingtalk.com/document/direction/stream-mode-protocol-access-description
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';

export const BOT_TOPIC = '/v1.0/im/bot/messages/get';

export async function startFakeStreamGateway(opts: { clientId: string; clientSecret: string }) {
  const tickets = new Set<string>();
  const sockets = new Set<WebSocket>();
  const received: any[] = [];
  const violations: string[] = [];
  let opens = 0;
  let connections = 0;
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
    const subs = Array.isArray(body.subscriptions) ? body.subscriptions : [];
    if (!subs.some((s: any) => s?.type === 'CALLBACK' && s?.topic === BOT_TOPIC)) { violations.push('open: no CALLBACK subscription to the bot topic'); return reply(400, { code: 'invalidParameter' }); }
    if (body.clientId !== opts.clientId || body.clientSecret !== opts.clientSecret) return reply(401, { code: 'InvalidAuthentication' });
    const ticket = randomUUID();
    tickets.add(ticket);
    reply(200, { endpoint: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/connect`, ticket });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const u = new URL(req.url ?? '/', 'http://fake');
    const ticket = u.searchParams.get('ticket') ?? '';
    if (u.pathname !== '/connect' || !tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections += 1;
      sockets.add(ws);
      ws.on('message', (data) => { try { received.push(JSON.parse(data.toString())); } catch { violations.push('client sent non-JSON'); } });
      ws.on('close', () => sockets.delete(ws));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    violations,
    get opens() { return opens; },
    get connections() { return connections; },
    get live() { return sockets.size; },
    setRefuseOpen(v: boolean) { refuseOpen = v; },
    /** sends a frame to every live socket */
    push(frame: unknown) { for (const ws of sockets) ws.send(JSON.stringify(frame)); },
    /** a CALLBACK frame carrying a robot message */
    botFrame(data: unknown, messageId: string = randomUUID()) {
      return { specVersion: '1.0', type: 'CALLBACK', headers: { appId: 'app', connectionId: 'conn', contentType: 'application/json', messageId, time: String(Date.now()), topic: BOT_TOPIC }, data: JSON.stringify(data) };
    },
    /** drops every socket without a close handshake, as a network failure would */
    dropAll() { for (const ws of sockets) ws.terminate(); },
    close: async () => {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
    },
  };
}
export type FakeStreamGateway = Awaited<ReturnType<typeof startFakeStreamGateway>>;

/** Polls until `check` is true (tests on real sockets, no fake timers). */
export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
