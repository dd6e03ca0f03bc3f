/**
 * Who may see the dashboard: an admin (the admin token as `Authorization: Bearer`, or the
 * `duban_admin` cookie set by the login form — the same cookie /admin/queues accepts), or
 * a leader holding a signed link that has not expired. Anything else gets the refusal page.
 */
import { timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import { TOKEN_PARAM, verifyDashboardToken } from './link.ts';

export const ADMIN_COOKIE = 'duban_admin';

export type Viewer = { kind: 'admin' } | { kind: 'link'; planId: string | null; token: string };
export type Access = { ok: true; viewer: Viewer } | { ok: false; reason: 'none' | 'bad' | 'expired' };

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isAdmin(ctx: Koa.Context, adminToken: string | undefined): boolean {
  if (!adminToken) return false;
  const bearer = /^Bearer\s+(.+)$/i.exec(ctx.get('authorization'))?.[1]?.trim();
  const given = bearer ?? ctx.cookies.get(ADMIN_COOKIE) ?? '';
  return !!given && sameSecret(given, adminToken);
}

export function access(ctx: Koa.Context, deps: { secret: string; adminToken?: string; now: Date }): Access {
  if (isAdmin(ctx, deps.adminToken)) return { ok: true, viewer: { kind: 'admin' } };
  const token = ctx.query[TOKEN_PARAM];
  if (typeof token !== 'string' || !token) return { ok: false, reason: 'none' };
  const check = verifyDashboardToken(deps.secret, token, deps.now);
  return check.ok ? { ok: true, viewer: { kind: 'link', planId: check.planId, token } } : { ok: false, reason: check.reason };
}

/** A dashboard URL for this viewer: link holders keep their token on every page. */
export function hrefFor(viewer: Viewer, path: string, query: Record<string, string> = {}): string {
  const q = new URLSearchParams(query);
  if (viewer.kind === 'link') q.set(TOKEN_PARAM, viewer.token);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
