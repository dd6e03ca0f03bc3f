/** The Koa app with only the dashboard mounted, on a free port, with a clock tests move. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/server/app.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { createSignedLinks } from '../../src/lib/signed-link.ts';
import type { Db } from '../../src/store/db.ts';
import { createDashboardRouter } from '../../src/dashboard/router.ts';
import { adminSessions } from '../../src/dashboard/admin-session.ts';
import { signDashboardLink, type DashboardScope } from '../../src/dashboard/link.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryRateLimiter } from '../helpers/memory-rate-limiter.ts';

export const SECRET = 'dashboard-test-secret-0123456789';
export const ADMIN = 'admin-token-for-tests-0123456789';

export async function serveDashboard(db: Db, now: Date) {
  const clock = fixedClock(now);
  const store = createStore(db);
  const links = createSignedLinks({ secret: SECRET, isRevoked: (c) => store.links.isRevoked(c) });
  const loginLimiter = memoryRateLimiter(() => clock.now().getTime());
  const router = createDashboardRouter({ ledger: store.ledger, links, admin: adminSessions(ADMIN), loginLimiter, clock, evidence: store.evidence, files: store.files });
  const app = createApp({ log: silentLogger, routers: [router], checks: {} });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  /** the path of a dashboard link for `personId`, valid `hours` from the clock's now */
  const link = (personId: string, scope: DashboardScope = {}, hours = 24) =>
    signDashboardLink(links, { personId, scope, expiresAt: new Date(clock.now().getTime() + hours * 3600_000), now: clock.now() });
  return { base, clock, links, link, store, close: () => new Promise<void>((r) => server.close(() => r())) };
}
