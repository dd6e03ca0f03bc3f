/**
 * Who may see the dashboard: an admin (admin-session.ts), or the holder of a dashboard link
 * (link.ts) that verifies, has not expired and was not revoked. Anything else gets the
 * refusal page, which says why.
 */
import type Koa from 'koa';
import type { LinkRefusal, SignedLinks } from '../lib/signed-link.ts';
import type { AdminSessions } from './admin-session.ts';
import { DASHBOARD_PURPOSE, dashboardScope, TOKEN_PARAM } from './link.ts';
import { EVIDENCE_PURPOSE } from './evidence-link.ts';

export type Viewer =
  | { kind: 'admin' }
  | { kind: 'link'; token: string; personId: string; planId: string | null; unitId: string | null }
  /** a 佐证材料 link (evidence-link.ts): one task's page and files */
  | { kind: 'evidence'; token: string; personId: string; taskId: string };
export type Access = { ok: true; viewer: Viewer } | { ok: false; reason: 'none' | LinkRefusal };

export async function access(ctx: Koa.Context, deps: { links: SignedLinks; admin: AdminSessions | null; now: Date }): Promise<Access> {
  if (await deps.admin?.isAdmin(ctx, deps.now)) return { ok: true, viewer: { kind: 'admin' } };
  const token = ctx.query[TOKEN_PARAM];
  if (typeof token !== 'string' || !token) return { ok: false, reason: 'none' };
  const check = await deps.links.verify(token, DASHBOARD_PURPOSE, deps.now);
  if (!check.ok && check.reason === 'bad') {
    const ev = await deps.links.verify(token, EVIDENCE_PURPOSE, deps.now);
    if (ev.ok && ev.claims.scope.task) return { ok: true, viewer: { kind: 'evidence', token, personId: ev.claims.subject, taskId: ev.claims.scope.task } };
    if (!ev.ok) return ev;
  }
  if (!check.ok) return check;
  const scope = dashboardScope(check.claims);
  return { ok: true, viewer: { kind: 'link', token, personId: check.claims.subject, planId: scope.planId ?? null, unitId: scope.unitId ?? null } };
}

/** A dashboard URL for this viewer: link holders keep their token on every page. */
export function hrefFor(viewer: Viewer, path: string, query: Record<string, string> = {}): string {
  const q = new URLSearchParams(query);
  if (viewer.kind !== 'admin') q.set(TOKEN_PARAM, viewer.token);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
