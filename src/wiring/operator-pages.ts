/**
 * Operator pages mounted on the Koa app: /metrics (Prometheus) and /admin/queues
 * (bull-board) behind the admin token, plus the dashboard when the ledger module provides it.
 */
import type Koa from 'koa';
import { timingSafeEqual } from 'node:crypto';
import type { Runtime } from '../main.ts';
import { QUEUE_STATES } from './metrics.ts';

/** True when the request carries the admin token (Bearer header or the duban_admin cookie). */
export function hasAdminToken(ctx: Koa.Context, token: string | undefined): boolean {
  if (!token) return false;
  const given = (ctx.get('authorization').replace(/^Bearer\s+/i, '') || ctx.cookies.get('duban_admin') || '').trim();
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Job counts of every queue into the metrics; a slow or absent Redis leaves the last values. */
async function observeQueues(rt: Runtime): Promise<void> {
  const read = Promise.all(Object.entries(rt.queues!.queues).map(async ([name, q]) => [name, await q.getJobCounts(...QUEUE_STATES)] as const));
  const timeout = new Promise<null>((r) => setTimeout(() => r(null), 1000).unref());
  const counts = await Promise.race([read, timeout]).catch(() => null);
  if (counts) rt.metrics.observeQueues(Object.fromEntries(counts));
}

export function operatorPages(rt: Runtime): Koa.Middleware[] {
  const out: Koa.Middleware[] = [];
  out.push(async (ctx, next) => {
    if (ctx.path !== '/metrics') return next();
    if (rt.queues) await observeQueues(rt);
    ctx.type = rt.metrics.registry.contentType;
    ctx.body = await rt.metrics.registry.metrics();
  });
  if (rt.dashboardSecret) {
    const secret = rt.dashboardSecret;
    // Loaded on the first dashboard request: it pulls in exceljs for the ledger download.
    const dashboard = lazy(async () => {
      const { createDashboardRouter } = await import('../dashboard/index.ts');
      const r = createDashboardRouter({ ledger: rt.store.ledger, secret, adminToken: rt.config.ADMIN_TOKEN, clock: rt.clock, rules: rt.config.ASSESSMENT_RULES });
      return [r.routes(), r.allowedMethods()] as unknown as Koa.Middleware[];
    });
    out.push(async (ctx, next) => {
      if (!ctx.path.startsWith('/dashboard')) return next();
      const [routes, methods] = await dashboard();
      return routes!(ctx, () => methods!(ctx, next));
    });
  }
  if (rt.queues && rt.config.ADMIN_TOKEN) {
    const queues = rt.queues;
    const board = lazy(async () => {
      const [{ createBullBoard }, { BullMQAdapter }, { KoaAdapter }] = await Promise.all([import('@bull-board/api'), import('@bull-board/api/bullMQAdapter'), import('@bull-board/koa')]);
      const adapter = new KoaAdapter();
      adapter.setBasePath('/admin/queues');
      createBullBoard({ queues: Object.values(queues.queues).map((q) => new BullMQAdapter(q)), serverAdapter: adapter as never });
      return adapter.registerPlugin() as unknown as Koa.Middleware;
    });
    out.push(async (ctx, next) => {
      if (!ctx.path.startsWith('/admin/queues')) return next();
      if (!hasAdminToken(ctx, rt.config.ADMIN_TOKEN)) {
        ctx.status = 401;
        ctx.set('www-authenticate', 'Bearer');
        ctx.body = { error: 'BAD_SIGNATURE' };
        return;
      }
      return (await board())(ctx, next);
    });
  }
  return out;
}

function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= make());
}
