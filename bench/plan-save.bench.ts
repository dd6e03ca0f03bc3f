/**
 * Saving a large imported plan: a 3,000-task draft (each task with two units and a deadline)
 * saved into a fresh database, then saved again (the same document imported twice updates the
 * draft in place). Before batching, the first save issued five statements per task and took
 * about a minute, past the transaction timeout. Target: each save under 10 s.
 * Run: npx tsx bench/plan-save.bench.ts
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../src/store/migrate.ts';
import { closeDb, createDb } from '../src/store/db.ts';
import { createStore } from '../src/store/index.ts';
import type { PlanDraftInput } from '../src/store/plans.ts';

const PG_ADMIN = process.env.PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const NAME = `duban_bench_save_${randomBytes(3).toString('hex')}`;
const URL_ = PG_ADMIN.replace(/\/[^/]*$/, `/${NAME}`);
const TASKS = 3000;

function plan(): PlanDraftInput {
  const units = Array.from({ length: 60 }, (_, i) => `测试单位${i + 1}局`);
  return {
    doc: { title: '大型计划', issuer: null, docNumber: null, issuedAt: null, planPeriod: { raw: '2026年', end: '2026-12-31' } },
    sourceHash: randomBytes(16).toString('hex'),
    tasks: Array.from({ length: TASKS }, (_, i) => {
      const lead = units[i % units.length]!;
      const assist = units[(i * 7 + 3) % units.length]!;
      return {
        path: `${Math.floor(i / 100) + 1}.${(i % 100) + 1}`, pathKey: `${Math.floor(i / 100) + 1}.${(i % 100) + 1}`, seq: i + 1,
        title: `第${i + 1}项重点任务`, text: `第${i + 1}项重点任务的具体内容，明确目标和完成时限。`, targets: ['完成率100%'], warnings: [], recurring: null,
        leadUnits: [lead], assistUnits: [assist], units: [lead, assist],
        deadlines: [{ raw: `2026年${(i % 12) + 1}月底前`, date: `2026-${String((i % 12) + 1).padStart(2, '0')}-28`, kind: 'date' as const }],
      };
    }),
  };
}

const admin = new pg.Client({ connectionString: PG_ADMIN });
await admin.connect();
await admin.query(`create database ${NAME}`);
await admin.end();
try {
  await migrate(URL_);
  const db = createDb(URL_);
  try {
    const store = createStore(db);
    const p = plan();
    for (const label of ['first save (3,000 new tasks)', 'second save (3,000 tasks updated in place)']) {
      const t0 = performance.now();
      const saved = await store.plans.saveDraft(p, { sourceName: 'bench.docx' });
      const s = (performance.now() - t0) / 1000;
      console.log(`${label}: ${s.toFixed(2)} s — ${saved.tasks} tasks, ${saved.units} units${s < 10 ? '' : '  (over the 10 s target)'}`);
    }
  } finally {
    await closeDb(db);
  }
} finally {
  const c = new pg.Client({ connectionString: PG_ADMIN });
  await c.connect();
  await c.query(`drop database if exists ${NAME} with (force)`);
  await c.end();
}
