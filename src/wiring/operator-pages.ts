/**
 * Operator pages mounted on the Koa app: /metrics (Prometheus, behind METRICS_TOKEN) and
 * /admin/queues (bull-board, admins only), plus the dashboard when links are on. Each sets
 * `ctx.state.route` so request metrics label it by page, never by the path asked for.
 */
import type Koa from 'koa';
import { timingSafeEqual } from 'node:crypto';
import type { Runtime } from '../main.ts';
import { noRateLimit } from '../channels/types.ts';
import { createRedisRateLimiter } from '../queue/rate-limiter.ts';
import { adminSessions } from '../dashboard/admin-session.ts';
import { QUEUE_STATES } from './metrics.ts';

/** True when the request carries `Authorization: Bearer <token>`. */
function bearerMatches(ctx: Koa.Context, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(ctx.get('authorization'))?.[1]?.trim() ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
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
  const admin = adminSessions(rt.config.ADMIN_TOKEN);
  const metricsToken = rt.config.METRICS_TOKEN;
  if (metricsToken) {
    out.push(async (ctx, next) => {
      if (ctx.path !== '/metrics') return next();
      ctx.state.route = '/metrics';
      if (!bearerMatches(ctx, metricsToken)) {
        ctx.status = 401;
        ctx.set('www-authenticate', 'Bearer');
        ctx.body = { error: 'BAD_SIGNATURE' };
        return;
      }
      if (rt.queues) await observeQueues(rt);
      ctx.type = rt.metrics.registry.contentType;
      ctx.body = await rt.metrics.registry.metrics();
    });
  }
  if (rt.links) {
    const links = rt.links;
    const loginLimiter = rt.queues ? createRedisRateLimiter(rt.queues.redis, rt.config.QUEUE_PREFIX) : noRateLimit;
    // Loaded on the first dashboard request: it pulls in exceljs for the ledger download.
    const dashboard = lazy(async () => {
      const { createDashboardRouter } = await import('../dashboard/index.ts');
      const r = createDashboardRouter({ ledger: rt.store.ledger, links, admin, loginLimiter, clock: rt.clock, rules: rt.config.ASSESSMENT_RULES, evidence: rt.store.evidence, files: rt.store.files });
      return [r.routes(), r.allowedMethods()] as unknown as Koa.Middleware[];
    });
    out.push(async (ctx, next) => {
      if (!ctx.path.startsWith('/dashboard')) return next();
      ctx.state.route = '/dashboard';
      const [routes, methods] = await dashboard();
      return routes!(ctx, () => methods!(ctx, next));
    });
  }
  if (rt.queues && admin) {
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
      ctx.state.route = '/admin/queues';
      if (!(await admin.isAdmin(ctx, rt.clock.now()))) {
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
