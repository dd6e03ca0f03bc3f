/** The Koa app with only the dashboard mounted, on a free port, with a clock tests move. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/server/app.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import type { Db } from '../../src/store/db.ts';
import { createDashboardRouter } from '../../src/dashboard/router.ts';
import { createStore } from '../../src/store/index.ts';

export const SECRET = 'dashboard-test-secret-0123456789';
export const ADMIN = 'admin-token-for-tests-0123456789';

export async function serveDashboard(db: Db, now: Date) {
  const clock = fixedClock(now);
  const app = createApp({ log: silentLogger, routers: [createDashboardRouter({ ledger: createStore(db).ledger, secret: SECRET, adminToken: ADMIN, clock })], checks: {} });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, clock, close: () => new Promise<void>((r) => server.close(() => r())) };
}
