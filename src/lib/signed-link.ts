/**
 * The one definition of a signed link: a token put in a URL that lets one person do one
 * thing (open the dashboard, download a task's 佐证材料, press a card button) within a scope,
 * until it expires or is revoked. Nothing to log in to, nothing stored per link.
 *
 * Token: base64url(JSON claims) + "." + base64url(HMAC-SHA256(secret, "duban-link." + that)).
 * The claims are {i: link id, p: purpose, s: subject (a Person id), c: scope, t: issued at,
 * e: expires at} (times in Unix ms). `verify` checks, in order: the MAC (constant time), the
 * shape, the purpose (a dashboard token never opens a download), the expiry, then the
 * injected revocation check (a store lookup: one link by id, or every link of a person issued
 * up to an instant). Changing the secret invalidates every link at once.
 *
 * Pure apart from the random link id: time comes in as `now`.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/** What a link lets its holder see or do, e.g. {unit: "<Unit.id>"}; {} = everything the purpose allows. */
export type LinkScope = Record<string, string>;

export interface LinkClaims {
  id: string;
  purpose: string;
  /** the Person the link was given to */
  subject: string;
  scope: LinkScope;
  issuedAt: Date;
  expiresAt: Date;
}

export type LinkRefusal = 'bad' | 'expired' | 'revoked';
export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: LinkRefusal };

/** True when the link was revoked: by its id, or with every link of its subject issued by then. */
export type IsRevoked = (claims: LinkClaims) => Promise<boolean>;

export interface SignedLinks {
  /** A URL-safe token for `subject` to use for `purpose` within `scope` until `expiresAt`. */
  sign(a: { purpose: string; subject: string; scope: LinkScope; expiresAt: Date; now: Date }): { token: string; id: string };
  /** The claims of a valid token for `purpose`, or why it is refused. */
  verify(token: string, purpose: string, now: Date): Promise<LinkCheck>;
  /** The claims of a token this secret signed, expired or not (to revoke it); null if forged. */
  read(token: string): LinkClaims | null;
}

const DOMAIN = 'duban-link.';

export function createSignedLinks(opts: { secret: string; isRevoked?: IsRevoked; newId?: () => string }): SignedLinks {
  const mac = (payload: string) => createHmac('sha256', opts.secret).update(DOMAIN + payload).digest('base64url');
  const newId = opts.newId ?? randomUUID;

  const read = (token: string): LinkClaims | null => {
    const [payload, sig, extra] = token.split('.');
    if (!payload || !sig || extra !== undefined) return null;
    const want = Buffer.from(mac(payload));
    const got = Buffer.from(sig);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
    return decodeClaims(payload);
  };

  return {
    sign({ purpose, subject, scope, expiresAt, now }) {
      const id = newId();
      const payload = Buffer.from(JSON.stringify({ i: id, p: purpose, s: subject, c: scope, t: now.getTime(), e: expiresAt.getTime() })).toString('base64url');
      return { token: `${payload}.${mac(payload)}`, id };
    },
    async verify(token, purpose, now) {
      const claims = read(token);
      if (!claims || claims.purpose !== purpose) return { ok: false, reason: 'bad' };
      if (claims.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
      if (opts.isRevoked && (await opts.isRevoked(claims))) return { ok: false, reason: 'revoked' };
      return { ok: true, claims };
    },
    read,
  };
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;

/** The claims in a payload whose MAC checked, if they have the expected shape. */
function decodeClaims(payload: string): LinkClaims | null {
  let b: Record<string, unknown>;
  try {
    b = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!b || typeof b !== 'object' || !isText(b.i) || !isText(b.p) || !isText(b.s)) return null;
  if (typeof b.t !== 'number' || typeof b.e !== 'number' || !b.c || typeof b.c !== 'object' || Array.isArray(b.c)) return null;
  const scope = b.c as Record<string, unknown>;
  if (!Object.values(scope).every(isText)) return null;
  return { id: b.i, purpose: b.p, subject: b.s, scope: scope as LinkScope, issuedAt: new Date(b.t), expiresAt: new Date(b.e) };
}
