/**
 * Admin login to the dashboard: a form posting the admin token, answered with a signed
 * session cookie (admin-session.ts). Attempts are limited per client address in Redis
 * (LOGIN_ATTEMPTS per LOGIN_WINDOW_MS, counted before the body is read), so guessing the
 * token from one address stops after a few tries; API clients send `Authorization: Bearer`.
 */
import type Router from '@koa/router';
import type Koa from 'koa';
import type { RateLimiter } from '../channels/types.ts';
import type { Clock } from '../lib/clock.ts';
import { decodeUtf8, readBody } from '../lib/read-body.ts';
import type { AdminSessions } from './admin-session.ts';

type Page = (ctx: Koa.Context, status: number, name: string, view: Record<string, unknown>) => void;

const LOGIN_MAX_BYTES = 4096;
export const LOGIN_ATTEMPTS = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;

export function loginRoutes(router: Router, deps: { admin: AdminSessions | null; limiter: RateLimiter; clock: Clock }, page: Page): void {
  router.get('/dashboard/login', (ctx) => page(ctx, 200, 'dashboard-login.html', {}));
  router.post('/dashboard/login', async (ctx) => {
    const wait = await deps.limiter.take(`login:${ctx.ip}`, LOGIN_ATTEMPTS, LOGIN_WINDOW_MS);
    if (wait > 0) {
      ctx.set('retry-after', String(Math.ceil(wait / 1000)));
      return page(ctx, 429, 'dashboard-login.html', { throttled: true });
    }
    const form = new URLSearchParams(decodeUtf8(await readBody(ctx.req, LOGIN_MAX_BYTES)));
    const given = (form.get('token') ?? '').trim();
    if (!deps.admin || !given || !deps.admin.tokenMatches(given)) return page(ctx, 401, 'dashboard-login.html', { error: true });
    deps.admin.startSession(ctx, deps.clock.now());
    ctx.status = 303;
    ctx.redirect('/dashboard');
  });
  router.post('/dashboard/logout', (ctx) => {
    deps.admin?.endSession(ctx);
    ctx.status = 303;
    ctx.redirect('/dashboard/login');
  });
}
