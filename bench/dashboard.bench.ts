/**
 * Dashboard at plan scale: one active plan of 1,000 tasks in 50 units (lead + assisting
 * unit each), three reports per task with their original words, 100 pending extensions,
 * a fifth done. Measures GET /dashboard over HTTP (the whole page a leader opens: query,
 * status, scores, timeline, HTML) cold and warm, a task's history page, and, for the
 * record, the ledger export and the bulletin of the same plan.
 * Target: the dashboard of a 1,000-task plan renders in < 1 s.
 * Run: npx tsx bench/dashboard.bench.ts [--tasks 1000] [--runs 20]
 * Needs PostgreSQL (127.0.0.1:5432, trust), like the tests.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { migrate } from '../src/store/migrate.ts';
import { closeDb, createDb } from '../src/store/db.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { silentLogger } from '../src/lib/logger.ts';
import { createApp } from '../src/server/app.ts';
import { createDashboardRouter } from '../src/dashboard/router.ts';
import { signDashboardLink } from '../src/dashboard/link.ts';
import { createSignedLinks } from '../src/lib/signed-link.ts';
import { noRateLimit } from '../src/channels/types.ts';
import { exportLedger } from '../src/ledger/export.ts';
import { buildBulletin } from '../src/ledger/bulletin.ts';
import { createStore } from '../src/store/index.ts';

const arg = (name: string, def: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : def; };
const TASKS = arg('tasks', 1000);
const RUNS = arg('runs', 20);
const UNITS = 50;
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const NAME = `duban_bench_dash_${randomBytes(3).toString('hex')}`;
const URL_ = PG_ADMIN.replace(/\/[^/]*$/, `/${NAME}`);
const NOW = new Date('2025-11-20T10:00:00+08:00');
const SECRET = 'bench-secret-0123456789abcdef';

async function seed(): Promise<void> {
  const c = new pg.Client({ connectionString: URL_ });
  await c.connect();
  await c.query(`insert into "Plan"(id, title, "sourceHash", status, "updatedAt") values ('00000000-0000-4000-8000-000000000001', '基准方案', 'bench', 'active', now())`);
  await c.query(`insert into "Unit"(id, name, aliases) select 'u' || i, '区第' || i || '局', '{}' from generate_series(1, $1) i`, [UNITS]);
  await c.query(`insert into "Task"(id, "planId", path, "pathKey", seq, title, text, targets, state, percent, "dueDate", "dueKind", "lastReportAt", "createdAt", "updatedAt")
    select 't' || i, '00000000-0000-4000-8000-000000000001', (i / 10 + 1) || '.' || (i % 10 + 1), (i / 10 + 1) || '.' || (i % 10 + 1), i,
      '推进第' || i || '项重点改革任务落地见效', '围绕第' || i || '项任务，细化措施、压实责任、按期完成。', array['目标一：按期完成', '目标二：形成长效机制'],
      (case when i % 5 = 0 then 'done' else 'open' end)::"TaskState", (i * 7) % 100,
      case when i % 10 = 9 then null else date '2025-06-30' + (i % 365) end,
      (case when i % 10 = 9 then 'ongoing' else 'date' end)::"DeadlineKind", timestamptz '2025-11-01 09:00+08' + i * interval '10 minutes', timestamptz '2025-03-01 09:00+08', now()
    from generate_series(1, $1) i`, [TASKS]);
  await c.query(`insert into "Assignment"("taskId", "unitId", role, "nameAsWritten") select 't' || i, 'u' || (1 + i % $2), 'lead', '区第' || (1 + i % $2) || '局' from generate_series(1, $1) i`, [TASKS, UNITS]);
  await c.query(`insert into "Assignment"("taskId", "unitId", role, "nameAsWritten") select 't' || i, 'u' || (1 + (i + 7) % $2), 'assist', '区第' || (1 + (i + 7) % $2) || '局' from generate_series(1, $1) i`, [TASKS, UNITS]);
  await c.query(`insert into "ProgressReport"(id, "taskId", "unitId", kind, percent, "originalText", "createdAt")
    select 'r' || i || '-' || k, 't' || i, 'u' || (1 + i % $2), 'progress', k * 30, '第' || i || '项：已完成阶段性工作，进度' || (k * 30) || '%，下一步加快推进', timestamptz '2025-09-01 09:00+08' + k * interval '20 days'
    from generate_series(1, $1) i, generate_series(1, 3) k`, [TASKS, UNITS]);
  await c.query(`insert into "ExtensionRequest"(id, "taskId", "unitId", "requestedDate", reason, state) select 'e' || i, 't' || i, 'u' || (1 + i % $2), date '2026-03-31', '客观原因', 'pending' from generate_series(1, $1, 10) i`, [TASKS, UNITS]);
  await c.end();
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  await migrate(URL_);
  await seed();
  const db = createDb(URL_);
  const store = createStore(db);
  const links = createSignedLinks({ secret: SECRET, isRevoked: (c) => store.links.isRevoked(c) });
  const app = createApp({ log: silentLogger, routers: [createDashboardRouter({ ledger: store.ledger, links, admin: null, loginLimiter: noRateLimit, clock: fixedClock(NOW) })], checks: {} });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const link = base + signDashboardLink(links, { personId: 'bench-leader', scope: {}, expiresAt: new Date(NOW.getTime() + 86400_000), now: NOW }).path;
  await db.sql.query('select 1'); // the web process is up and connected (as after /readyz)
  const get = async (url: string) => { const r = await fetch(url); const body = await r.text(); if (r.status !== 200) throw new Error(`${r.status}`); return body; };
  try {
    const [cold, html] = await time(() => get(link));
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i += 1) warm.push((await time(() => get(link)))[0]);
    const rows = (html.match(/<tr>/g) ?? []).length;
    const taskUrl = `${base}/dashboard/task/t17?${link.split('?')[1]}`;
    const task: number[] = [];
    for (let i = 0; i < RUNS; i += 1) task.push((await time(() => get(taskUrl)))[0]);
    const [xlsxMs, xlsx] = await time(() => exportLedger(createStore(db).ledger, { now: NOW }));
    const [bulletinMs] = await time(async () => { const b = await buildBulletin(createStore(db).ledger, { now: NOW }); return [b.markdown(), b.html(), await b.docx()]; });
    const f = (n: number) => `${n.toFixed(0)} ms`;
    console.log(`Dashboard benchmark: ${TASKS} tasks, ${UNITS} units, ${TASKS * 3} reports (node ${process.version})\n`);
    console.log('| measure | result |\n|---|---|');
    console.log(`| GET /dashboard, first request after start | ${f(cold)} |`);
    console.log(`| GET /dashboard, median of ${RUNS} | ${f(median(warm))} (max ${f(Math.max(...warm))}) |`);
    console.log(`| page size | ${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB, ${rows} table rows |`);
    console.log(`| GET /dashboard/task/:id, median of ${RUNS} | ${f(median(task))} |`);
    console.log(`| ledger export (.xlsx, ${(xlsx.length / 1024).toFixed(0)} KiB) | ${f(xlsxMs)} |`);
    console.log(`| bulletin (markdown + html + docx) | ${f(bulletinMs)} |`);
    const ok = median(warm) < 1000 && cold < 1000;
    console.log(`\ntarget < 1 s: ${ok ? 'met' : 'MISSED'}`);
    if (!ok) process.exitCode = 1;
  } finally {
    server.close();
    await closeDb(db);
    const c = new pg.Client({ connectionString: PG_ADMIN });
    await c.connect();
    await c.query(`drop database if exists ${NAME} with (force)`);
    await c.end();
  }
}

await main();
