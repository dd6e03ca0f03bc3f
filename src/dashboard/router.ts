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
import { mayOpenEvidence } from './evidence-link.ts';
import type { EvidenceStore } from '../store/evidence.ts';
import type { FileStore } from '../store/file-store.ts';
import { shanghaiStamp } from '../ledger/format.ts';
import { Readable } from 'node:stream';

/** What a download tile says: the file's extension (PDF, DOCX), or 文件. */
function kindText(name: string): string {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1];
  return ext ? ext.toUpperCase() : '文件';
}

/** 1.2 MB, 340 KB */
function sizeText(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

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
  /** 佐证材料 rows and their bytes; absent: task pages show no files */
  evidence?: Pick<EvidenceStore, 'forTask' | 'byId' | 'rightsOf' | 'logDownload'>;
  files?: FileStore;
}

const STYLE = ['dashboard-style.html'];

function html(ctx: Koa.Context, status: number, body: string): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('cache-control', 'no-store');
  ctx.set('referrer-policy', 'no-referrer'); // the signed token is in the URL
  ctx.set('x-robots-tag', 'noindex');
  ctx.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
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

/**
 * A 佐证材料 file, streamed from the file store: its detected type, shown inline only when it is
 * a picture, any other file a download; never sniffed, never run as a page.
 */
async function sendFile(ctx: Koa.Context, files: FileStore, f: { fileId: string; name: string; mime: string; size: number }): Promise<void> {
  const image = isShownImage(f.mime);
  ctx.set('cache-control', 'private, no-store');
  ctx.set('x-content-type-options', 'nosniff');
  ctx.set('content-security-policy', "default-src 'none'; sandbox");
  ctx.set('referrer-policy', 'no-referrer');
  ctx.set('content-disposition', `${image ? 'inline' : 'attachment'}; filename="download"; filename*=UTF-8''${encodeURIComponent(f.name)}`);
  ctx.type = f.mime;
  ctx.length = f.size;
  ctx.body = Readable.from(files.open(f.fileId));
}

/** Pictures browsers decode themselves are shown; everything else (HEIC, PDF, documents) is downloaded. */
const isShownImage = (mime: string) => /^image\/(jpeg|png|gif|webp|bmp)$/.test(mime);

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

  // A 佐证材料 link opens one task's page and its files: nothing else of the dashboard.
  const notEvidence: RouterMiddleware = (ctx, next) =>
    ((ctx.state.viewer as Viewer).kind === 'evidence' ? page(ctx, 403, 'dashboard-denied.html', { outOfScope: true }) : next());

  /** The task row if this viewer may see the task (and so its files), else null. */
  const visibleTask = async (viewer: Viewer, taskId: string) => {
    const row = /^[\w-]{1,64}$/.test(taskId) ? await deps.ledger.task(taskId) : null;
    if (!row) return null;
    if (viewer.kind === 'evidence') {
      const may = viewer.taskId === row.id && deps.evidence ? await mayOpenEvidence(deps.evidence, viewer.personId, row.id) : false;
      return may ? row : null;
    }
    const unitId = unitScope(viewer);
    const outside = viewer.kind === 'link' && ((viewer.planId && row.planId !== viewer.planId) || (unitId && !row.assignments.some((a) => a.unit.id === unitId)));
    return outside ? null : row;
  };

  router.get('/dashboard/file/:id', guard, async (ctx) => {
    const viewer = ctx.state.viewer as Viewer;
    const ev = deps.evidence && deps.files && /^[\w-]{1,64}$/.test(ctx.params.id!) ? await deps.evidence.byId(ctx.params.id!) : null;
    const row = ev?.taskId ? await visibleTask(viewer, ev.taskId) : null;
    if (!ev || !row) return page(ctx, 404, 'dashboard-denied.html', { notFound: true });
    await deps.evidence!.logDownload({ evidenceId: ev.id, viewer: viewer.kind === 'admin' ? 'admin' : viewer.personId, via: viewer.kind === 'evidence' ? 'link' : 'dashboard' });
    await sendFile(ctx, deps.files!, ev);
  });

  router.get('/dashboard', guard, notEvidence, async (ctx) => {
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
    const row = await visibleTask(viewer, ctx.params.id!);
    if (!row) return page(ctx, 404, 'dashboard-denied.html', { notFound: true });
    const task = toLedgerTask(row, now);
    const events = buildTrail([task], await deps.ledger.trail([task.id])).get(task.id) ?? [];
    const back = viewer.kind === 'evidence' ? null : hrefFor(viewer, '/dashboard', viewer.kind === 'admin' ? { plan: row.planId } : {});
    const files = deps.evidence ? await deps.evidence.forTask(row.id) : [];
    const evidence = files.map((f) => ({ name: f.name, href: hrefFor(viewer, `/dashboard/file/${f.id}`), image: isShownImage(f.mime), kind: kindText(f.name), size: sizeText(f.size), by: f.senderName ?? '', at: shanghaiStamp(f.createdAt) }));
    page(ctx, 200, 'dashboard-task.html', { ...taskModel(task, { plan: row.plan.title, origin: originLabel(row.plan), text: row.text, now, back: back ?? '' }, events), evidence, evidenceCount: evidence.length, noBack: back === null });
  });

  // The 通报 ranks every unit: not for a link limited to one unit.
  const wholeOffice: RouterMiddleware = (ctx, next) =>
    unitScope(ctx.state.viewer as Viewer) ? page(ctx, 403, 'dashboard-denied.html', { outOfScope: true }) : next();

  router.get('/dashboard/bulletin', guard, notEvidence, wholeOffice, async (ctx) => {
    const view = await loadLedger(deps.ledger, { planId: planScope(ctx, ctx.state.viewer as Viewer), now: deps.clock.now(), rules: deps.rules });
    html(ctx, 200, bulletinFrom(view).html());
  });

  router.get('/dashboard/bulletin.docx', guard, notEvidence, wholeOffice, async (ctx) => {
    const b = bulletinFrom(await loadLedger(deps.ledger, { planId: planScope(ctx, ctx.state.viewer as Viewer), now: deps.clock.now(), rules: deps.rules }));
    download(ctx, b.fileName, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', await b.docx());
  });

  router.get('/dashboard/ledger.xlsx', guard, notEvidence, async (ctx) => {
    const now = deps.clock.now();
    const viewer = ctx.state.viewer as Viewer;
    const xlsx = await exportLedger(deps.ledger, { planId: planScope(ctx, viewer), unitId: unitScope(viewer), now, rules: deps.rules });
    download(ctx, ledgerFileName(now), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xlsx);
  });

  return router;
}
