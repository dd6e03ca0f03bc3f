/**
 * Stream mode: DingTalk's WebSocket alternative to the HTTP callback, for intranet
 * deployments without a public URL (https://open.dingtalk.com/document/direction/stream-mode-protocol-access-description).
 *
 * 1. POST {apiBase}/v1.0/gateway/connections/open {clientId, clientSecret, subscriptions, ua}
 *    → {endpoint, ticket}; connect to `endpoint?ticket=…`.
 * 2. Bot messages arrive as CALLBACK frames on /v1.0/im/bot/messages/get with the robot
 *    callback JSON in `data`. Each is decoded and accepted (stored) exactly like an HTTP
 *    callback, then answered with the frame's messageId and `data: {"response": null}` (the
 *    document's answer to a CALLBACK; `{"status": …}` is an EVENT's). The document's FAQ calls
 *    robot messages fire-and-forget (not pushed again), while users report redelivery of
 *    un-ACKed frames after about 60 s: so storing is retried here a few times, and a frame
 *    that still could not be stored is left un-ACKed in case DingTalk does push it again.
 * 3. SYSTEM `ping` frames are answered with their data (the opaque); SYSTEM `disconnect` (no
 *    messageId, not answered; the server closes 10 s later) closes the socket and opens a new
 *    connection with a fresh ticket.
 * 4. A dropped socket reconnects with exponential backoff (1 s → 60 s by default). Only one
 *    stream per client id runs in a process: two would steal each other's messages.
 */
import WebSocket from 'ws';
import type { Logger } from '../../lib/logger.ts';
import { AppError } from '../../lib/errors.ts';
import type { Accept } from '../types.ts';
import { decodeCardClick, decodeRobotMessage } from './decode.ts';
import { BOT_MESSAGE_TOPIC, CARD_CALLBACK_TOPIC, CardCallback, GatewayConnection, RobotCallback, StreamFrame, type DingtalkChannelConfig, type StreamAck } from './types.ts';
import type { InboundMessage } from '../types.ts';

export interface DingtalkStreamOpts {
  config: Pick<DingtalkChannelConfig, 'appKey' | 'appSecret' | 'apiBase'>;
  accept: Accept;
  log: Logger;
  fetch?: typeof fetch;
  backoff?: { initialMs: number; maxMs: number };
  /** client-side WebSocket ping interval; a socket without a pong by the next ping is dropped */
  keepaliveMs?: number;
  /** waits between attempts to store a message whose accept failed (robot messages are not re-pushed) */
  acceptRetryMs?: number[];
}

export interface DingtalkStream {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly connected: boolean;
}

const runningClientIds = new Set<string>();

export function createDingtalkStream(opts: DingtalkStreamOpts): DingtalkStream {
  const { config, log } = opts;
  const doFetch = opts.fetch ?? fetch;
  const backoff = opts.backoff ?? { initialMs: 1_000, maxMs: 60_000 };
  const keepaliveMs = opts.keepaliveMs ?? 30_000;
  const acceptRetryMs = opts.acceptRetryMs ?? [1_000, 3_000, 10_000];
  let stopped = true;
  let attempt = 0;
  let socket: WebSocket | null = null;
  let retryTimer: NodeJS.Timeout | null = null;

  async function openConnection() {
    const res = await doFetch(`${config.apiBase}/v1.0/gateway/connections/open`, {
      method: 'POST', signal: AbortSignal.timeout(10_000),
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        clientId: config.appKey, clientSecret: config.appSecret, ua: 'duban/0.1',
        // card clicks (interactive cards) come on their own CALLBACK topic
        subscriptions: [{ type: 'CALLBACK', topic: BOT_MESSAGE_TOPIC }, { type: 'CALLBACK', topic: CARD_CALLBACK_TOPIC }],
      }),
    });
    const parsed = GatewayConnection.safeParse(await res.json().catch(() => null));
    if (!res.ok || !parsed.success) throw new Error(`gateway refused the connection (HTTP ${res.status}): check DINGTALK_APP_KEY, DINGTALK_APP_SECRET and that the robot uses Stream mode`);
    return parsed.data;
  }

  async function connect(): Promise<void> {
    if (stopped) return;
    let conn: { endpoint: string; ticket: string };
    try {
      conn = await openConnection();
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'dingtalk stream: open failed');
      return scheduleReconnect();
    }
    if (stopped) return;
    const url = new URL(conn.endpoint);
    url.searchParams.set('ticket', conn.ticket);
    const ws = new WebSocket(url);
    socket = ws;
    let alive = true;
    let keepalive: NodeJS.Timeout | null = null;
    ws.on('open', () => {
      log.info('dingtalk stream connected');
      keepalive = setInterval(() => {
        if (!alive) return void ws.terminate();
        alive = false;
        ws.ping();
      }, keepaliveMs);
    });
    ws.on('pong', () => { alive = true; });
    ws.on('message', (raw) => {
      alive = true;
      attempt = 0;
      void onFrame(ws, raw.toString());
    });
    ws.on('error', (err) => log.warn({ err: err.message }, 'dingtalk stream socket error'));
    ws.on('close', (code) => {
      if (keepalive) clearInterval(keepalive);
      if (socket === ws) socket = null;
      if (!stopped) {
        log.warn({ code }, 'dingtalk stream closed; reconnecting');
        scheduleReconnect();
      }
    });
  }

  function scheduleReconnect(): void {
    if (stopped || retryTimer) return;
    const delay = Math.min(backoff.initialMs * 2 ** attempt, backoff.maxMs);
    attempt += 1;
    retryTimer = setTimeout(() => { retryTimer = null; void connect(); }, delay);
  }

  async function onFrame(ws: WebSocket, raw: string): Promise<void> {
    let frame: StreamFrame;
    try {
      frame = StreamFrame.parse(JSON.parse(raw));
    } catch {
      return void log.warn('dingtalk stream: unreadable frame ignored');
    }
    if (frame.type === 'SYSTEM') return onSystem(ws, frame);
    const messageId = frame.headers.messageId;
    if (!messageId) return void log.warn({ topic: frame.headers.topic }, 'dingtalk stream: frame without a messageId ignored');
    if (frame.type === 'CALLBACK' && frame.headers.topic === CARD_CALLBACK_TOPIC) {
      // a card click: stored like a message (once per card, clicker and button), then ACKed
      const click = parseCard(frame.data);
      if (!click) {
        log.warn({ messageId }, 'dingtalk stream: card callback without a Duban action; ACKed and dropped');
        return send(ws, ack(messageId, 'CALLBACK'));
      }
      if (await acceptWithRetries(click)) send(ws, ack(messageId, 'CALLBACK'));
      return;
    }
    if (frame.type !== 'CALLBACK' || frame.headers.topic !== BOT_MESSAGE_TOPIC) return send(ws, ack(messageId, frame.type));
    const body = parseData(frame.data);
    if (!body) {
      log.warn({ messageId }, 'dingtalk stream: bot frame without a robot message; ACKed and dropped');
      return send(ws, ack(messageId, 'CALLBACK'));
    }
    if (await acceptWithRetries(decodeRobotMessage(body))) send(ws, ack(messageId, 'CALLBACK'));
  }

  async function acceptWithRetries(msg: InboundMessage): Promise<boolean> {
    const body = { msgId: msg.messageId };
    for (let i = 0; ; i += 1) {
      try {
        await opts.accept(msg);
        return true;
      } catch (e) {
        const wait = acceptRetryMs[i];
        if (wait === undefined || stopped) {
          log.error({ err: (e as Error).message, msgId: body.msgId }, 'dingtalk stream: storing the message failed; left un-ACKed in case DingTalk pushes it again');
          return false;
        }
        log.warn({ err: (e as Error).message, msgId: body.msgId, waitMs: wait }, 'dingtalk stream: storing the message failed; retrying');
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  function onSystem(ws: WebSocket, frame: StreamFrame): void {
    if (frame.headers.topic === 'ping' && frame.headers.messageId) {
      send(ws, { code: 200, headers: { contentType: 'application/json', messageId: frame.headers.messageId }, message: 'OK', data: frame.data });
    } else if (frame.headers.topic === 'disconnect') {
      log.info('dingtalk stream: server asked to disconnect; reconnecting with a fresh ticket');
      attempt = 0;
      ws.close();
    }
  }

  return {
    get connected() { return socket?.readyState === WebSocket.OPEN; },
    async start() {
      if (!stopped) return;
      if (runningClientIds.has(config.appKey)) throw new AppError('CONFIG', { reason: 'a DingTalk stream for this client id is already running' });
      runningClientIds.add(config.appKey);
      stopped = false;
      attempt = 0;
      await connect();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      runningClientIds.delete(config.appKey);
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const ws = socket;
      socket = null;
      if (ws && ws.readyState !== WebSocket.CLOSED) {
        await new Promise<void>((resolve) => { ws.once('close', () => resolve()); ws.close(); setTimeout(() => { ws.terminate(); resolve(); }, 1000).unref(); });
      }
    },
  };
}

function parseCard(data: string): InboundMessage | null {
  try {
    const parsed = CardCallback.safeParse(JSON.parse(data));
    return parsed.success ? decodeCardClick(parsed.data) : null;
  } catch {
    return null;
  }
}

function parseData(data: string): RobotCallback | null {
  try {
    const parsed = RobotCallback.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The answer DingTalk expects for a downstream frame: same messageId, code 200; a CALLBACK's
 * data is `{"response": null}`, an EVENT's `{"status": "SUCCESS", "message": …}` (protocol
 * document, 回调推送 and 事件推送).
 */
export function ack(messageId: string, type: 'CALLBACK' | 'EVENT'): StreamAck {
  const data = type === 'CALLBACK' ? { response: null } : { status: 'SUCCESS', message: 'success' };
  return { code: 200, headers: { contentType: 'application/json', messageId }, message: 'OK', data: JSON.stringify(data) };
}

function send(ws: WebSocket, payload: unknown): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
}
