/**
 * Signed, expiring dashboard links for leaders: no password to remember, nothing to log in
 * to. The token is base64url(JSON {p: planId?, e: expiry in Unix seconds}) + "." +
 * base64url(HMAC-SHA256(secret, that payload)). Changing the secret revokes every link.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TOKEN_PARAM = 't';

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signDashboardToken(secret: string, a: { planId?: string; expiresAt: Date }): string {
  const payload = Buffer.from(JSON.stringify({ ...(a.planId ? { p: a.planId } : {}), e: Math.floor(a.expiresAt.getTime() / 1000) })).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/**
 * The path and query of a dashboard link (the chat layer prefixes PUBLIC_BASE_URL), e.g.
 * `/dashboard?t=eyJ…`. `planId` limits the link to one plan.
 */
export function signDashboardLink(secret: string, a: { planId?: string; expiresAt: Date }): string {
  return `/dashboard?${TOKEN_PARAM}=${signDashboardToken(secret, a)}`;
}

export type TokenCheck = { ok: true; planId: string | null; expiresAt: Date } | { ok: false; reason: 'bad' | 'expired' };

export function verifyDashboardToken(secret: string, token: string, now: Date): TokenCheck {
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined) return { ok: false, reason: 'bad' };
  const want = Buffer.from(mac(secret, payload));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false, reason: 'bad' };
  let body: { p?: unknown; e?: unknown };
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof body;
  } catch {
    return { ok: false, reason: 'bad' };
  }
  if (typeof body.e !== 'number' || (body.p !== undefined && typeof body.p !== 'string')) return { ok: false, reason: 'bad' };
  if (body.e * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, planId: (body.p as string | undefined) ?? null, expiresAt: new Date(body.e * 1000) };
}
