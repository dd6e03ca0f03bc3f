/**
 * Admin login to the dashboard: a form posting the admin token, which becomes the
 * httpOnly `duban_admin` cookie (12 hours). API clients send `Authorization: Bearer` instead.
 */
import type Router from '@koa/router';
import type Koa from 'koa';
import { timingSafeEqual } from 'node:crypto';
import { decodeUtf8, readBody } from '../lib/read-body.ts';
import { ADMIN_COOKIE } from './auth.ts';

type Page = (ctx: Koa.Context, status: number, name: string, view: Record<string, unknown>) => void;

const LOGIN_MAX_BYTES = 4096;
const SESSION_MS = 12 * 3600_000;

function matches(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function loginRoutes(router: Router, adminToken: string | undefined, page: Page): void {
  router.get('/dashboard/login', (ctx) => page(ctx, 200, 'dashboard-login.html', {}));
  router.post('/dashboard/login', async (ctx) => {
    const form = new URLSearchParams(decodeUtf8(await readBody(ctx.req, LOGIN_MAX_BYTES)));
    const given = (form.get('token') ?? '').trim();
    if (!adminToken || !given || !matches(given, adminToken)) return page(ctx, 401, 'dashboard-login.html', { error: true });
    ctx.cookies.set(ADMIN_COOKIE, given, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: SESSION_MS, secure: ctx.secure, overwrite: true });
    ctx.status = 303;
    ctx.redirect('/dashboard');
  });
  router.post('/dashboard/logout', (ctx) => {
    ctx.cookies.set(ADMIN_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 0, secure: ctx.secure, overwrite: true });
    ctx.status = 303;
    ctx.redirect('/dashboard/login');
  });
}
