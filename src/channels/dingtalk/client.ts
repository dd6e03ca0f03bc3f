/**
 * Low-level DingTalk calls: the two access tokens (cached until expiry, refreshed once on an
 * auth error), robot OpenAPI sends, media upload, file download and plain webhook posts.
 * Each call answers a SendResult-like outcome instead of throwing, so the sender can decide
 * between fallback, retry and giving up.
 *
 * - New token: POST {apiBase}/v1.0/oauth2/accessToken {appKey, appSecret} → {accessToken, expireIn}
 *   (https://open.dingtalk.com/document/orgapp/obtain-the-access_token-of-an-internal-app)
 * - Old token (media upload only): GET {oapiBase}/gettoken?appkey&appsecret
 * - Upload: POST {oapiBase}/media/upload?access_token multipart `type`, `media`
 *   (https://open.dingtalk.com/document/orgapp/upload-media-files)
 * - File download: POST {apiBase}/v1.0/robot/messageFiles/download {downloadCode, robotCode}
 *   (https://open.dingtalk.com/document/orgapp/download-the-file-content-of-the-robot-receiving-message)
 */
import { bodyStream, collect, MAX_FILE_BYTES, type FileStream } from '../file-stream.ts';
import { AppError } from '../../lib/errors.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { SendResult } from '../types.ts';
import { ApiError, NewToken, OapiResult, OldToken, type DingtalkChannelConfig } from './types.ts';
import { createTokenCache } from './token.ts';
import { beforeSending, NotSent, requestFailure } from '../request-failure.ts';

export const THROTTLE_RETRY_MS = 10 * 60 * 1000;
const TIMEOUT_MS = 10_000;
/** Old-API errcodes meaning "this token is invalid or expired". */
const OLD_TOKEN_ERRORS = new Set([40001, 40014, 42001]);

export interface ClientOpts {
  config: DingtalkChannelConfig;
  clock: Clock;
  log: Logger;
  fetch?: typeof fetch;
}

export type ApiOutcome = SendResult & { body?: Record<string, unknown> };

export function createDingtalkClient(opts: ClientOpts) {
  const { config, log } = opts;
  const doFetch = opts.fetch ?? fetch;
  const newToken = createTokenCache(opts.clock, async () => {
    const res = await doFetch(`${config.apiBase}/v1.0/oauth2/accessToken`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS),
      body: JSON.stringify({ appKey: config.appKey, appSecret: config.appSecret }),
    });
    const parsed = NewToken.safeParse(await res.json().catch(() => null));
    if (!res.ok || !parsed.success) throw new TokenError(`accessToken refused (HTTP ${res.status}): check DINGTALK_APP_KEY and DINGTALK_APP_SECRET`, res.status >= 500);
    return { token: parsed.data.accessToken, ttlMs: parsed.data.expireIn * 1000 };
  });
  const oldToken = createTokenCache(opts.clock, async () => {
    const url = new URL(`${config.oapiBase}/gettoken`);
    url.searchParams.set('appkey', config.appKey);
    url.searchParams.set('appsecret', config.appSecret);
    const res = await doFetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const parsed = OldToken.safeParse(await res.json().catch(() => null));
    if (!parsed.success || parsed.data.errcode !== 0 || !parsed.data.access_token) throw new TokenError(`gettoken refused (HTTP ${res.status}): check DINGTALK_APP_KEY and DINGTALK_APP_SECRET`, res.status >= 500);
    return { token: parsed.data.access_token, ttlMs: (parsed.data.expires_in ?? 7200) * 1000 };
  });

  /** POST to the new API with the token header; one refresh and retry on an auth error. */
  async function callApi(path: string, body: unknown, retried = false, method: 'POST' | 'PUT' = 'POST'): Promise<ApiOutcome> {
    return guard(async () => {
      const token = await beforeSending(newToken.get());
      const res = await doFetch(`${config.apiBase}${path}`, {
        method, signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': token },
        body: JSON.stringify(body),
      });
      const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.ok) return { ok: true, body: json };
      const err = ApiError.safeParse(json).data ?? {};
      if (!retried && (res.status === 401 || /InvalidAuthentication|token/i.test(err.code ?? ''))) {
        log.info({ path, code: err.code }, 'dingtalk token refused; refreshing once');
        newToken.invalidate();
        return callApi(path, body, true, method);
      }
      const throttled = res.status === 429 || /throttl|qpslimit|flowcontrol|limit/i.test(err.code ?? '');
      return {
        ok: false, code: err.code ?? `HTTP_${res.status}`, error: err.message ?? `HTTP ${res.status}`,
        retryable: throttled || res.status >= 500, ...(throttled ? { retryAfterMs: 60_000 } : {}),
      };
    }, { sends: SENDING_PATHS.has(path) });
  }

  /** POST a body to an old-style webhook (session or custom robot) and map its errcode. */
  async function postWebhook(url: string, body: unknown): Promise<ApiOutcome> {
    return guard(async () => {
      const res = await doFetch(url, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (res.status >= 500) return { ok: false, code: `HTTP_${res.status}`, error: `HTTP ${res.status}`, retryable: true };
      const parsed = OapiResult.safeParse(await res.json().catch(() => null));
      if (!parsed.success) return { ok: false, code: `HTTP_${res.status}`, error: 'unreadable answer', retryable: res.status >= 500 };
      return mapErrcode(parsed.data.errcode, parsed.data.errmsg);
    }, { sends: true });
  }

  /** Uploads a file with the old token; answers the media id. */
  async function uploadMedia(content: Buffer, fileName: string, retried = false): Promise<ApiOutcome & { mediaId?: string }> {
    return guard(async () => {
      const url = new URL(`${config.oapiBase}/media/upload`);
      url.searchParams.set('access_token', await beforeSending(oldToken.get()));
      url.searchParams.set('type', 'file');
      const form = new FormData();
      form.append('type', 'file');
      form.append('media', new Blob([new Uint8Array(content)]), fileName);
      const res = await doFetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(60_000) });
      const json = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string; media_id?: string };
      if (json.errcode === 0 && json.media_id) return { ok: true, mediaId: json.media_id };
      if (!retried && OLD_TOKEN_ERRORS.has(json.errcode ?? -2)) { oldToken.invalidate(); return uploadMedia(content, fileName, true); }
      return mapErrcode(json.errcode ?? -1, json.errmsg ?? `HTTP ${res.status}`);
    }, { sends: false });
  }

  /** Exchanges a message's downloadCode for the file's bytes (capped at `maxBytes`). */
  /** robot/messageFiles/download: a received file's or picture's downloadCode → a short-lived URL → its body as a stream. */
  async function openFile(downloadCode: string, maxBytes = MAX_FILE_BYTES): Promise<FileStream> {
    const r = await callApi('/v1.0/robot/messageFiles/download', { downloadCode, robotCode: config.robotCode });
    const downloadUrl = r.body?.downloadUrl;
    if (!r.ok || typeof downloadUrl !== 'string') throw new AppError('FILE_UNAVAILABLE', { reason: `download refused: ${r.code ?? 'no downloadUrl'}`, platform: 'dingtalk', dingtalk: true });
    const res = await doFetch(downloadUrl, { signal: AbortSignal.timeout(60_000) });
    if (!res.ok) throw new AppError('FILE_UNAVAILABLE', { reason: `download HTTP ${res.status}`, platform: 'dingtalk', dingtalk: true });
    return bodyStream(res, 'dingtalk', maxBytes);
  }

  async function downloadFile(downloadCode: string, maxBytes = MAX_FILE_BYTES): Promise<Buffer> {
    return collect(await openFile(downloadCode, maxBytes));
  }

  return { callApi, postWebhook, uploadMedia, downloadFile, openFile };
}

export type DingtalkClient = ReturnType<typeof createDingtalkClient>;

class TokenError extends Error {
  constructor(message: string, readonly retryable: boolean) { super(message); }
}

/** OpenAPI calls that show a message (the rest, file downloads, may be repeated freely). */
const SENDING_PATHS = new Set(['/v1.0/robot/groupMessages/send', '/v1.0/robot/oToMessages/batchSend', '/v1.0/im/v1.0/robot/interactiveCards/send', '/v1.0/im/robots/interactiveCards']);

/**
 * A refused token names the settings to check; a network failure is retryable when nothing
 * was sent, and uncertain when a message may have gone out (request-failure.ts).
 */
async function guard<T extends SendResult>(fn: () => Promise<T>, opts: { sends: boolean }): Promise<T | SendResult> {
  try {
    return await fn();
  } catch (e) {
    const inner = e instanceof NotSent ? e.original : e;
    if (inner instanceof TokenError) return { ok: false, code: 'TOKEN', error: inner.message, retryable: inner.retryable };
    return requestFailure(e, opts);
  }
}

/**
 * Old-API errcodes: 0 ok; 130101 throttled (20 a minute, then 10 minutes of silence);
 * 300001 session expired; 310000 sign, keyword or IP check failed; -1 busy.
 */
export function mapErrcode(errcode: number, errmsg?: string): SendResult {
  if (errcode === 0) return { ok: true };
  const base = { ok: false, code: String(errcode), error: errmsg ?? '' };
  if (errcode === 130101) return { ...base, retryable: true, retryAfterMs: THROTTLE_RETRY_MS };
  if (errcode === -1) return { ...base, retryable: true, retryAfterMs: 5_000 };
  return { ...base, retryable: false };
}
