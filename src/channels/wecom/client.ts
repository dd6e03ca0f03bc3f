/**
 * Low-level WeCom calls. Each answers a SendResult-like outcome instead of throwing, so the
 * Sender can choose between fallback, retry and giving up.
 *
 * - Access token: GET {apiBase}/cgi-bin/gettoken?corpid&corpsecret → {access_token, expires_in}
 *   (https://developer.work.weixin.qq.com/document/path/91039). Cached until 5 minutes before
 *   expiry, one fetch at a time; when an API answers 40014 (invalid), 42001 (expired) or 42009,
 *   the token is dropped, fetched again and the same request is sent once more.
 * - App APIs: POST {apiBase}/cgi-bin/<path>?access_token=… (message/send path/90236,
 *   appchat/send path/90248, media/upload path/90253); media/get path/90254.
 * - Plain JSON posts: group robot webhooks (path/99110) and AI bot response_url (path/101138).
 * Errcodes (path/90313): 45009 frequency limit and -1 busy are retryable, as are HTTP 429/5xx,
 * network errors and timeouts; 60020 means the server's IP is not in the app's trusted IPs.
 */
import { bodyStream, collect, MAX_FILE_BYTES, type FileStream } from '../file-stream.ts';
import { AppError } from '../../lib/errors.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { SendResult } from '../types.ts';
import { ApiResult, TokenResult, type WecomChannelConfig } from './types.ts';
import { beforeSending, NotSent, requestFailure } from '../request-failure.ts';

const TIMEOUT_MS = 10_000;
const TOKEN_MARGIN_MS = 5 * 60 * 1000;
export const TOKEN_ERRORS = new Set([40014, 42001, 42009]);
export const FREQ_RETRY_MS = 60_000;

export type ApiOutcome = SendResult & { body?: Record<string, unknown> };

export interface WecomClientOpts {
  config: Pick<WecomChannelConfig, 'corpId' | 'apiBase' | 'app'>;
  clock: Clock;
  log: Logger;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function createWecomClient(opts: WecomClientOpts) {
  const { config, log, clock } = opts;
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
  let cached: { token: string; expiresAt: number } | null = null;
  let inflight: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const app = config.app;
    if (!app) throw new ApiFailure({ ok: false, code: 'NO_APP', error: 'self-built app not configured (WECOM_APP_SECRET, WECOM_AGENT_ID)', retryable: false });
    const url = new URL(`${config.apiBase}/cgi-bin/gettoken`);
    url.searchParams.set('corpid', config.corpId);
    url.searchParams.set('corpsecret', app.secret);
    const res = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (res.status === 429 || res.status >= 500) throw new ApiFailure({ ok: false, code: `HTTP_${res.status}`, error: 'gettoken failed', retryable: true });
    const parsed = TokenResult.safeParse(await res.json().catch(() => null));
    if (!parsed.success || parsed.data.errcode !== 0 || !parsed.data.access_token) {
      const code = parsed.success ? parsed.data.errcode : -2;
      const hint = code === 60020 ? 'this server IP is not in the app\'s trusted IPs (企业可信IP)' : 'check WECOM_CORP_ID and WECOM_APP_SECRET';
      log.error({ errcode: code }, `wecom gettoken refused: ${hint}`);
      throw new ApiFailure({ ...mapErrcode(code, parsed.success ? parsed.data.errmsg : 'unreadable gettoken answer'), error: `gettoken: ${hint}` });
    }
    cached = { token: parsed.data.access_token, expiresAt: clock.now().getTime() + (parsed.data.expires_in ?? 7200) * 1000 - TOKEN_MARGIN_MS };
    return cached.token;
  }

  async function token(): Promise<string> {
    if (cached && cached.expiresAt > clock.now().getTime()) return cached.token;
    inflight ??= fetchToken().finally(() => { inflight = null; });
    return inflight;
  }

  /** POST an app API with the cached token; refresh and resend once on a token error. */
  async function callApp(path: string, body: unknown, retried = false): Promise<ApiOutcome> {
    return guard(async () => {
      const url = new URL(`${config.apiBase}/cgi-bin/${path}`);
      url.searchParams.set('access_token', await beforeSending(token()));
      const r = await postJson(url.toString(), body);
      if (!retried && r.code && TOKEN_ERRORS.has(Number(r.code))) {
        log.info({ path, errcode: r.code }, 'wecom access token refused; fetching a new one and resending once');
        cached = null;
        return callApp(path, body, true);
      }
      return r;
    }, { sends: true });
  }

  /** POST JSON (a message: app send, webhook, response_url) and map the errcode; never throws. */
  async function postJson(url: string, body: unknown): Promise<ApiOutcome> {
    return guard(async () => {
      const res = await doFetch(url, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs),
      });
      return readResult(res);
    }, { sends: true });
  }

  /** Uploads a file (multipart field `media`) for a later file message; answers its media_id. */
  async function upload(url: URL, content: Buffer, fileName: string): Promise<ApiOutcome & { mediaId?: string }> {
    return guard(async () => {
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(content)]), fileName);
      const res = await doFetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(60_000) });
      const r = await readResult(res);
      const mediaId = r.body?.media_id;
      return r.ok && typeof mediaId === 'string' ? { ...r, mediaId } : r.ok ? { ok: false, code: 'NO_MEDIA_ID', error: 'upload without media_id', retryable: false } : r;
    }, { sends: false });
  }

  async function uploadAppMedia(content: Buffer, fileName: string, retried = false): Promise<ApiOutcome & { mediaId?: string }> {
    return guard(async () => {
      const url = new URL(`${config.apiBase}/cgi-bin/media/upload`);
      url.searchParams.set('access_token', await beforeSending(token()));
      url.searchParams.set('type', 'file');
      const r = await upload(url, content, fileName);
      if (!retried && r.code && TOKEN_ERRORS.has(Number(r.code))) { cached = null; return uploadAppMedia(content, fileName, true); }
      return r;
    }, { sends: false });
  }

  /** Downloads an app message's media (a plan document) by MediaId, capped at `maxBytes`. */
  /** media/get (a received file or image by its MediaId): the body as a stream, an errcode answer as an error. */
  async function openMedia(mediaId: string, maxBytes = MAX_FILE_BYTES, retried = false): Promise<FileStream> {
    const url = new URL(`${config.apiBase}/cgi-bin/media/get`);
    url.searchParams.set('access_token', await token());
    url.searchParams.set('media_id', mediaId);
    const res = await doFetch(url, { signal: AbortSignal.timeout(60_000) });
    if ((res.headers.get('content-type') ?? '').includes('json')) {
      const r = ApiResult.safeParse(await res.json().catch(() => null));
      const code = r.success ? r.data.errcode : -2;
      if (!retried && TOKEN_ERRORS.has(code)) { cached = null; return openMedia(mediaId, maxBytes, true); }
      throw new AppError('FILE_UNAVAILABLE', { reason: `media/get errcode ${code}`, platform: 'wecom', wecom: true });
    }
    if (!res.ok) throw new AppError('FILE_UNAVAILABLE', { reason: `media/get HTTP ${res.status}`, platform: 'wecom', wecom: true });
    return bodyStream(res, 'wecom', maxBytes);
  }

  async function getMedia(mediaId: string, maxBytes = MAX_FILE_BYTES): Promise<Buffer> {
    return collect(await openMedia(mediaId, maxBytes));
  }

  return { callApp, postJson, upload, uploadAppMedia, getMedia, openMedia, token };
}

export type WecomClient = ReturnType<typeof createWecomClient>;

class ApiFailure extends Error {
  constructor(readonly result: SendResult) { super(result.error ?? result.code ?? 'wecom api failure'); }
}

async function readResult(res: Response): Promise<ApiOutcome> {
  if (res.status === 429 || res.status >= 500) return { ok: false, code: `HTTP_${res.status}`, error: `HTTP ${res.status}`, retryable: true, retryAfterMs: res.status === 429 ? FREQ_RETRY_MS : 5_000 };
  const json = await res.json().catch(() => null);
  const parsed = ApiResult.safeParse(json);
  if (!parsed.success) return { ok: false, code: `HTTP_${res.status}`, error: 'unreadable answer', retryable: false };
  return { ...mapErrcode(parsed.data.errcode, parsed.data.errmsg), body: parsed.data };
}

/**
 * A refused token carries its own result; a network failure is retryable when nothing was
 * sent, and uncertain when a message may have gone out (request-failure.ts).
 */
async function guard<T extends SendResult>(fn: () => Promise<T>, opts: { sends: boolean }): Promise<T | ApiOutcome> {
  try {
    return await fn();
  } catch (e) {
    const inner = e instanceof NotSent ? e.original : e;
    if (inner instanceof ApiFailure) return inner.result;
    return requestFailure(e, { ...opts, retryAfterMs: 5_000 });
  }
}

/** errcode → SendResult: 0 ok; 45009 (frequency) and -1 (busy) retryable; the rest permanent. */
export function mapErrcode(errcode: number, errmsg?: string): SendResult {
  if (errcode === 0) return { ok: true };
  const base = { ok: false, code: String(errcode), error: errmsg ?? '' };
  if (errcode === 45009) return { ...base, retryable: true, retryAfterMs: FREQ_RETRY_MS };
  if (errcode === -1) return { ...base, retryable: true, retryAfterMs: 5_000 };
  return { ...base, retryable: false };
}
