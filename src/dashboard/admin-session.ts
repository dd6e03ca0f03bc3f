/**
 * Who is an admin: the ADMIN_TOKEN as `Authorization: Bearer` (API clients, /admin/queues),
 * or the `duban_admin` session cookie the login form sets. The cookie is a signed link
 * (src/lib/signed-link.ts, purpose 'admin-session', 12 hours) keyed by a secret derived from
 * ADMIN_TOKEN: it never holds the token, it expires by itself, and changing ADMIN_TOKEN ends
 * every session. HttpOnly and SameSite=Strict, Secure behind HTTPS.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import { createSignedLinks } from '../lib/signed-link.ts';

export const ADMIN_COOKIE = 'duban_admin';
export const SESSION_MS = 12 * 3600_000;
const PURPOSE = 'admin-session';

export interface AdminSessions {
  /** constant-time comparison with ADMIN_TOKEN */
  tokenMatches(given: string): boolean;
  /** sets a fresh session cookie on the response */
  startSession(ctx: Koa.Context, now: Date): void;
  endSession(ctx: Koa.Context): void;
  /** a Bearer ADMIN_TOKEN, or a session cookie that verifies and has not expired */
  isAdmin(ctx: Koa.Context, now: Date): Promise<boolean>;
}

/** Admin sign-in for ADMIN_TOKEN; null (nobody is an admin) when it is unset. */
export function adminSessions(adminToken: string | undefined): AdminSessions | null {
  if (!adminToken) return null;
  const links = createSignedLinks({ secret: createHmac('sha256', adminToken).update('duban admin session').digest('hex') });
  const tokenMatches = (given: string) => {
    const a = Buffer.from(given);
    const b = Buffer.from(adminToken);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const cookie = (ctx: Koa.Context, value: string, maxAge: number) =>
    ctx.cookies.set(ADMIN_COOKIE, value, { httpOnly: true, sameSite: 'strict', path: '/', maxAge, secure: ctx.secure, overwrite: true });
  return {
    tokenMatches,
    startSession(ctx, now) {
      const { token } = links.sign({ purpose: PURPOSE, subject: 'admin', scope: {}, expiresAt: new Date(now.getTime() + SESSION_MS), now });
      cookie(ctx, token, SESSION_MS);
    },
    endSession: (ctx) => cookie(ctx, '', 0),
    async isAdmin(ctx, now) {
      const bearer = /^Bearer\s+(.+)$/i.exec(ctx.get('authorization'))?.[1]?.trim();
      if (bearer) return tokenMatches(bearer);
      const session = ctx.cookies.get(ADMIN_COOKIE);
      return Boolean(session) && (await links.verify(session!, PURPOSE, now)).ok;
    },
  };
}
