/**
 * The Koa app: one error boundary, request ids, a body-size limit, /healthz and /readyz.
 * It mounts the channel routers it is given and knows no platform details.
 *
 * A request whose body was not read to its end (refused before reading, or past a size cap)
 * is answered with `Connection: close`: Node then closes the socket once the answer is
 * written instead of reading and discarding the rest to keep the connection alive, so an
 * unsigned 1 GiB upload costs what was read before the refusal, not 1 GiB.
 */
import Koa from 'koa';
import Router from '@koa/router';
import { randomUUID } from 'node:crypto';
import { isAppError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';

/** One finished request as metrics see it: `route` is the matched route template, never the raw path. */
export interface RequestSample {
  method: string;
  route: string;
  status: number;
  ms: number;
}

export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppDeps {
  log: Logger;
  routers: Router[];
  /** readiness checks by name (postgres, redis): resolve true when reachable */
  checks: Record<string, () => Promise<unknown>>;
  /** extra middleware mounted after the boundary (dashboard, metrics, bull-board) */
  extra?: Koa.Middleware[];
  onRequest?: (r: RequestSample) => void;
  /**
   * Reverse proxies in front of this process (TRUST_PROXY): 0 ignores X-Forwarded-* (a
   * client could write them); n takes the client address the n-th proxy from here saw.
   */
  trustProxy?: number;
}

export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  app.proxy = (deps.trustProxy ?? 0) > 0;
  app.maxIpsCount = deps.trustProxy ?? 0;
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
        ctx.status = 413;
        ctx.body = { error: 'BODY_TOO_LARGE' };
        return;
      }
      await next();
    } catch (err) {
      if (isAppError(err)) {
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
      // The rest of an unread body is not drained: the socket closes after the answer.
      if (!ctx.req.complete && !ctx.headerSent) ctx.set('connection', 'close');
      deps.onRequest?.({ method: ctx.method, route: routeOf(ctx), status: ctx.status, ms: performance.now() - started });
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

/**
 * The route template a request matched (set by @koa/router, or by an operator page in
 * `ctx.state.route`), `unmatched` for a 404: a bounded set, whatever paths are asked for.
 */
function routeOf(ctx: Koa.Context): string {
  const matched = (ctx as { _matchedRoute?: unknown })._matchedRoute;
  if (typeof matched === 'string') return matched;
  if (typeof ctx.state.route === 'string') return ctx.state.route;
  return ctx.status === 404 ? 'unmatched' : 'other';
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}
