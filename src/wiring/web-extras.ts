/**
 * Operator pages mounted on the Koa app: /metrics (Prometheus) and /admin/queues
 * (bull-board) behind the admin token, plus the dashboard when the ledger module provides it.
 */
import type Koa from 'koa';
import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { KoaAdapter } from '@bull-board/koa';
import type { Runtime } from '../main.ts';

/** True when the request carries the admin token (Bearer header or the duban_admin cookie). */
export function hasAdminToken(ctx: Koa.Context, token: string | undefined): boolean {
  if (!token) return false;
  const given = (ctx.get('authorization').replace(/^Bearer\s+/i, '') || ctx.cookies.get('duban_admin') || '').trim();
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function webExtras(rt: Runtime): Koa.Middleware[] {
  const out: Koa.Middleware[] = [];
  out.push(async (ctx, next) => {
    if (ctx.path !== '/metrics') return next();
    ctx.type = rt.metrics.registry.contentType;
    ctx.body = await rt.metrics.registry.metrics();
  });
  if (rt.queues && rt.config.ADMIN_TOKEN) {
    const adapter = new KoaAdapter();
    adapter.setBasePath('/admin/queues');
    createBullBoard({ queues: Object.values(rt.queues.queues).map((q) => new BullMQAdapter(q)), serverAdapter: adapter as never });
    const board = adapter.registerPlugin() as unknown as Koa.Middleware;
    out.push(async (ctx, next) => {
      if (!ctx.path.startsWith('/admin/queues')) return next();
      if (!hasAdminToken(ctx, rt.config.ADMIN_TOKEN)) {
        ctx.status = 401;
        ctx.set('www-authenticate', 'Bearer');
        ctx.body = { error: 'BAD_SIGNATURE' };
        return;
      }
      return board(ctx, next);
    });
  }
  return out;
}
