/**
 * Answering leaders' questions over 100,000 tasks in 5,000 units: "哪些逾期了", a unit's
 * status ("单位17还有几项没完成") and "汇总一下", each through the real path of the worker
 * (parse → intent → store → render), timed per message. Target: "哪些逾期了" p95 < 50 ms.
 * Run: npx tsx bench/query.bench.ts [--tasks 100000] [--units 5000] [--rounds 200]
 * Needs PostgreSQL (127.0.0.1:5432, trust), like the tests.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../src/store/migrate.ts';
import { parseConfig } from '../src/config/load.ts';
import { createRuntime } from '../src/main.ts';
import { fixedClock } from '../src/lib/clock.ts';
import { silentLogger } from '../src/lib/logger.ts';
import { createConsoleSender } from '../src/channels/console/sender.ts';

const arg = (name: string, def: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : def; };
const TASKS = arg('tasks', 100_000);
const UNITS = arg('units', 5_000);
const ROUNDS = arg('rounds', 200);
const ADMIN = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const NAME = `duban_bench_q_${randomBytes(3).toString('hex')}`;
const URL_ = ADMIN.replace(/\/[^/]*$/, `/${NAME}`);

async function seed(): Promise<void> {
  const c = new pg.Client({ connectionString: URL_ });
  await c.connect();
  await c.query(`insert into "Plan"(id, title, "sourceHash", status, "updatedAt") values ('plan', '基准方案', 'bench', 'active', now())`);
  await c.query(`insert into "Unit"(id, name, aliases) select 'u' || i, '单位' || i, '{}' from generate_series(1, $1) i`, [UNITS]);
  await c.query(`insert into "Person"(id, name, platform, "userId", role) values ('leader', '领导', 'console', 'leader', 'leader')`);
  await c.query(`insert into "Task"(id, "planId", path, "pathKey", seq, title, text, state, "dueDate", "dueKind", percent, "updatedAt")
    select 't' || i, 'plan', '任务' || i, i::text, i, '任务标题' || i, '任务内容', (case when i % 4 = 0 then 'done' else 'open' end)::"TaskState",
      '2025-11-20'::date + ((i * 7919) % 400 - 200), 'date', i % 100, now()
    from generate_series(1, $1) i`, [TASKS]);
  await c.query(`insert into "Assignment"("taskId", "unitId", "nameAsWritten") select 't' || i, 'u' || (1 + i % $2), '单位' from generate_series(1, $1) i`, [TASKS, UNITS]);
  await c.query(`insert into "ProgressReport"(id, "taskId", "unitId", kind, percent, note, "originalText") select 'r' || i, 't' || i, 'u' || (1 + i % $2), 'progress', i % 100, '进展' || i, '进展' || i from generate_series(1, $1, 3) i`, [TASKS, UNITS]);
  await c.query('analyze');
  await c.end();
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function main(): Promise<void> {
  await migrate(URL_);
  await seed();
  const rt = createRuntime(parseConfig({ DATABASE_URL: URL_, LOG_LEVEL: 'silent' }), {
    inline: true, clock: fixedClock('2025-11-20T10:00:00+08:00'), log: silentLogger, senders: { console: createConsoleSender(() => {}) },
  });
  const ask = async (text: string) => {
    const t0 = performance.now();
    await rt.accept({ platform: 'console', messageId: randomUUID(), chatType: 'single', chatId: null, senderId: 'leader', senderName: '领导', kind: 'text', text, quote: null, file: null, replyTo: { kind: 'console' } });
    await rt.inline!.drain();
    return performance.now() - t0;
  };
  const rows: string[] = [];
  for (const [label, text, rounds] of [['哪些逾期了', '哪些逾期了', ROUNDS], ['单位17还有几项没完成', '单位17还有几项没完成', ROUNDS], ['汇总一下', '汇总一下', Math.ceil(ROUNDS / 10)]] as const) {
    for (let i = 0; i < 5; i += 1) await ask(text); // warm-up
    const times: number[] = [];
    for (let i = 0; i < rounds; i += 1) times.push(await ask(text));
    rows.push(`| ${label} | ${rounds} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${Math.max(...times).toFixed(1)} |`);
  }
  console.log(`Leaders' questions over ${TASKS.toLocaleString('en')} tasks in ${UNITS.toLocaleString('en')} units, whole path (store message, parse, query, render, answer), ms:\n`);
  console.log('| message | runs | p50 | p95 | max |\n|---|---:|---:|---:|---:|');
  console.log(rows.join('\n'));
  await rt.close();
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  await c.query(`drop database if exists ${NAME} with (force)`);
  await c.end();
}

await main();
