/**
 * The dashboard (督办看板) on the Koa app: per-plan progress, the unit table, overdue items
 * worst first, a timeline of deadlines, each task's history, plus the bulletin page, its
 * .docx and the ledger workbook. Server-rendered HTML, Chinese throughout, no external
 * assets. People open it from the signed link sent to them privately (a unit member's link
 * shows only their unit's tasks and no 通报); admins log in with the admin token.
 */
import Router, { type RouterMiddleware } from '@koa/router';
import type Koa from 'koa';
import type { Clock } from '../lib/clock.ts';
import type { SignedLinks } from '../lib/signed-link.ts';
import type { RateLimiter } from '../channels/types.ts';
import type { LedgerStore } from '../store/ledger.ts';
import type { AssessmentRules } from '../ledger/assessment.ts';
import { bulletinFrom } from '../ledger/bulletin.ts';
import { exportLedger, ledgerFileName } from '../ledger/export.ts';
import { renderHtml } from '../ledger/html-template.ts';
import { labels } from '../ledger/labels.ts';
import { originLabel } from '../render/labels.ts';
import { loadLedger } from '../ledger/load.ts';
import { toLedgerTask } from '../ledger/model.ts';
import { buildTrail } from '../ledger/trail.ts';
import type { AdminSessions } from './admin-session.ts';
import { access, hrefFor, type Viewer } from './auth.ts';
import { loginRoutes } from './login.ts';
import { overviewModel } from './overview-model.ts';
import { taskModel } from './task-model.ts';

export interface DashboardDeps {
  ledger: Pick<LedgerStore, 'plans' | 'trail' | 'task'>;
  /** signs and checks dashboard links (DASHBOARD_SECRET, revocations in PostgreSQL) */
  links: SignedLinks;
  /** admin sign-in (ADMIN_TOKEN); null turns admin login off */
  admin: AdminSessions | null;
  /** login attempts per client address (Redis, shared by every web process) */
  loginLimiter: RateLimiter;
  clock: Clock;
  rules?: Partial<AssessmentRules>;
}

const STYLE = ['dashboard-style.html'];

function html(ctx: Koa.Context, status: number, body: string): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('cache-control', 'no-store');
  ctx.set('referrer-policy', 'no-referrer'); // the signed token is in the URL
  ctx.set('x-robots-tag', 'noindex');
  ctx.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
  ctx.body = body;
}

export function page(ctx: Koa.Context, status: number, name: string, view: Record<string, unknown>): void {
  html(ctx, status, renderHtml(name, view, STYLE));
}

function download(ctx: Koa.Context, name: string, type: string, body: Buffer): void {
  ctx.set('cache-control', 'no-store');
  ctx.set('content-disposition', `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(name)}`);
  ctx.type = type;
  ctx.body = body;
}

/** The unit a link holder is limited to, if any. */
const unitScope = (viewer: Viewer) => (viewer.kind === 'link' ? viewer.unitId ?? undefined : undefined);

/** The plan a request may see: a plan-bound link keeps its plan; others may pick one with ?plan=. */
function planScope(ctx: Koa.Context, viewer: Viewer): string | undefined {
  if (viewer.kind === 'link' && viewer.planId) return viewer.planId;
  const p = ctx.query.plan;
  return typeof p === 'string' && /^[\w-]{1,64}$/.test(p) ? p : undefined;
}

export function createDashboardRouter(deps: DashboardDeps): Router {
  const router = new Router();
  loginRoutes(router, { admin: deps.admin, limiter: deps.loginLimiter, clock: deps.clock }, page);

  const guard: RouterMiddleware = async (ctx, next) => {
    const a = await access(ctx, { links: deps.links, admin: deps.admin, now: deps.clock.now() });
    if (!a.ok) return page(ctx, a.reason === 'expired' || a.reason === 'revoked' ? 403 : 401, 'dashboard-denied.html', { [a.reason]: true });
    ctx.state.viewer = a.viewer;
    return next();
  };

  router.get('/dashboard', guard, async (ctx) => {
    const viewer = ctx.state.viewer as Viewer;
    const planId = planScope(ctx, viewer);
    const unitId = unitScope(viewer);
    const view = await loadLedger(deps.ledger, { planId, unitId, now: deps.clock.now(), rules: deps.rules });
    const href = (path: string, q: Record<string, string> = {}) => hrefFor(viewer, path, q);
    const scopeTitle = planId && view.plans[0] ? view.plans[0].title : labels().dashboardAll;
    page(ctx, 200, 'dashboard.html', overviewModel(view, href, { scopeTitle, showPlans: view.plans.length > 1, planQuery: planId ? { plan: planId } : {}, bulletin: !unitId }));
  });

  router.get('/dashboard/task/:id', guard, async (ctx) => {
    const viewer = ctx.state.viewer as Viewer;
    const now = deps.clock.now();
    const row = /^[\w-]{1,64}$/.test(ctx.params.id!) ? await deps.ledger.task(ctx.params.id!) : null;
    const unitId = unitScope(viewer);
    const outside = viewer.kind === 'link' && ((viewer.planId && row?.planId !== viewer.planId) || (unitId && !row?.assignments.some((a) => a.unit.id === unitId)));
    if (!row || outside) return page(ctx, 404, 'dashboard-denied.html', { notFound: true });
    const task = toLedgerTask(row, now);
    const events = buildTrail([task], await deps.ledger.trail([task.id])).get(task.id) ?? [];
    const back = hrefFor(viewer, '/dashboard', viewer.kind === 'admin' ? { plan: row.planId } : {});
    page(ctx, 200, 'dashboard-task.html', taskModel(task, { plan: row.plan.title, origin: originLabel(row.plan), text: row.text, now, back }, events));
  });

  // The 通报 ranks every unit: not for a link limited to one unit.
  const wholeOffice: RouterMiddleware = (ctx, next) =>
    unitScope(ctx.state.viewer as Viewer) ? page(ctx, 403, 'dashboard-denied.html', { outOfScope: true }) : next();

  router.get('/dashboard/bulletin', guard, wholeOffice, async (ctx) => {
    const view = await loadLedger(deps.ledger, { planId: planScope(ctx, ctx.state.viewer as Viewer), now: deps.clock.now(), rules: deps.rules });
    html(ctx, 200, bulletinFrom(view).html());
  });

  router.get('/dashboard/bulletin.docx', guard, wholeOffice, async (ctx) => {
    const b = bulletinFrom(await loadLedger(deps.ledger, { planId: planScope(ctx, ctx.state.viewer as Viewer), now: deps.clock.now(), rules: deps.rules }));
    download(ctx, b.fileName, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', await b.docx());
  });

  router.get('/dashboard/ledger.xlsx', guard, async (ctx) => {
    const now = deps.clock.now();
    const viewer = ctx.state.viewer as Viewer;
    const xlsx = await exportLedger(deps.ledger, { planId: planScope(ctx, viewer), unitId: unitScope(viewer), now, rules: deps.rules });
    download(ctx, ledgerFileName(now), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xlsx);
  });

  return router;
}
