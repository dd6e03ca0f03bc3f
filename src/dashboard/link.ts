/**
 * Dashboard links: signed links (src/lib/signed-link.ts) for the purpose 'dashboard', tied
 * to the person who asked and the scope they may see — a leader or admin every plan ({}), a
 * unit member only their unit's tasks ({unit}), optionally one plan ({plan}). They are sent
 * privately, expire, and are revoked with the person's other links when their role changes
 * (or by `npx duban links revoke`).
 */
import type { LinkClaims, SignedLinks } from '../lib/signed-link.ts';

export const DASHBOARD_PURPOSE = 'dashboard';
export const TOKEN_PARAM = 't';

/** What a dashboard link shows: no field = no limit on it. */
export interface DashboardScope {
  planId?: string;
  unitId?: string;
}

/** The path and query of a dashboard link (the chat layer prefixes PUBLIC_BASE_URL), e.g. `/dashboard?t=eyJ…`. */
export function signDashboardLink(links: SignedLinks, a: { personId: string; scope: DashboardScope; expiresAt: Date; now: Date }): { path: string; id: string } {
  const scope = { ...(a.scope.planId ? { plan: a.scope.planId } : {}), ...(a.scope.unitId ? { unit: a.scope.unitId } : {}) };
  const { token, id } = links.sign({ purpose: DASHBOARD_PURPOSE, subject: a.personId, scope, expiresAt: a.expiresAt, now: a.now });
  return { path: `/dashboard?${TOKEN_PARAM}=${token}`, id };
}

/** The scope a verified dashboard link carries. */
export function dashboardScope(claims: LinkClaims): DashboardScope {
  return { ...(claims.scope.plan ? { planId: claims.scope.plan } : {}), ...(claims.scope.unit ? { unitId: claims.scope.unit } : {}) };
}
