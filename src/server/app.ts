/**
 * The Koa app: one error boundary, request ids, a body-size limit, /healthz and /readyz.
 * It mounts the channel routers it is given and knows no platform details.
 */
import Koa from 'koa';
import Router from '@koa/router';
import { randomUUID } from 'node:crypto';
import { isAppError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppDeps {
  log: Logger;
  routers: Router[];
  /** readiness checks by name (postgres, redis): resolve true when reachable */
  checks: Record<string, () => Promise<unknown>>;
  /** extra middleware mounted after the boundary (dashboard, metrics, bull-board) */
  extra?: Koa.Middleware[];
  onRequest?: (route: string, status: number, ms: number) => void;
}

export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.proxy = true;
  app.use(async (ctx, next) => {
    const started = performance.now();
    const id = ctx.get('x-request-id') || randomUUID();
    ctx.state.requestId = id;
    ctx.set('x-request-id', id);
    const log = deps.log.child({ reqId: id });
    ctx.state.log = log;
    try {
      const len = Number(ctx.get('content-length') || 0);
      if (len > MAX_BODY_BYTES) {
        ctx.set('connection', 'close');
        ctx.status = 413;
        ctx.body = { error: 'BODY_TOO_LARGE' };
        return;
      }
      await next();
    } catch (err) {
      if (isAppError(err)) {
        // The rest of an oversized body is unread: close the connection so it is not reused.
        if (err.code === 'BODY_TOO_LARGE') ctx.set('connection', 'close');
        ctx.status = err.status;
        ctx.body = { error: err.code };
        log.warn({ path: ctx.path, code: err.code }, 'request refused');
      } else {
        const e = err as { status?: number; expose?: boolean; message?: string };
        ctx.status = typeof e.status === 'number' && e.status >= 400 && e.status < 600 ? e.status : 500;
        ctx.body = { error: ctx.status < 500 && e.expose ? e.message : 'internal error' };
        if (ctx.status >= 500) log.error({ path: ctx.path, err: e.message }, 'request failed');
      }
    } finally {
      deps.onRequest?.(ctx.path, ctx.status, performance.now() - started);
    }
  });
  app.on('error', (err: Error) => deps.log.debug({ err: err.message }, 'koa error event'));

  const base = new Router();
  base.get('/healthz', (ctx) => { ctx.body = { ok: true }; });
  base.get('/readyz', async (ctx) => {
    const results = await Promise.all(
      Object.entries(deps.checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 2000);
          return [name, 'ok'] as const;
        } catch (e) {
          return [name, (e as Error).message || 'down'] as const;
        }
      }),
    );
    const ok = results.every(([, r]) => r === 'ok');
    ctx.status = ok ? 200 : 503;
    ctx.body = { ok, checks: Object.fromEntries(results) };
  });
  app.use(base.routes());
  for (const r of deps.routers) app.use(r.routes()).use(r.allowedMethods());
  for (const m of deps.extra ?? []) app.use(m);
  return app;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}
