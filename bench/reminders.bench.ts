/**
 * Reminder scheduling at scale: 100,000 open tasks in 5,000 units (20 each, a tenth shared
 * with a second unit), deadlines spread over a year around "now" so every step of the
 * ladder (before, due, overdue, escalate) is in play; every task reached its units days ago
 * and a third are not signed for (签收提醒), and the plan asks for a report before the 25th of
 * every month (the September 催报 and the October ask fall in the horizon). Measures a full `reconcileAll`
 * (PostgreSQL facts → policy → Reminder rows → BullMQ delayed jobs), a second, idempotent
 * one, and peak memory; then how late a delayed reminder job starts after its slot (and
 * how long the heaviest reminder, the weekly digest over every task, takes to reach the sender).
 * Targets: < 60 s and < 1 GiB for the schedule; a reminder fires within 2 s of its slot.
 * Run: npx tsx bench/reminders.bench.ts [--tasks 100000] [--units 5000]
 * Needs PostgreSQL (127.0.0.1:5432, trust) and Redis (127.0.0.1:6379), like the tests.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ensureDatabase, migrate } from '../src/store/migrate.ts';
import { closeDb, createDb } from '../src/store/db.ts';
import { createQueues, startWorkers } from '../src/queue/queues.ts';
import { fixedClock, systemClock } from '../src/lib/clock.ts';
import { createLogger, silentLogger } from '../src/lib/logger.ts';
import { chinaCalendar } from '../src/tasks/calendar.ts';
import { createReminders } from '../src/reminders/index.ts';
import type { Sender } from '../src/channels/types.ts';
import { createStore } from '../src/store/index.ts';

const arg = (name: string, def: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : def; };
const TASKS = arg('tasks', 100_000);
const UNITS = arg('units', 5_000);
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const NAME = `duban_bench_rem_${randomBytes(3).toString('hex')}`;
const URL_ = PG_ADMIN.replace(/\/[^/]*$/, `/${NAME}`);
const PREFIX = `benchrem${randomBytes(3).toString('hex')}`;
const NOW = new Date('2025-09-26T08:00:00+08:00'); // a Friday before National Day: the ladder crosses a long holiday

async function seed(): Promise<void> {
  const c = new pg.Client({ connectionString: URL_ });
  await c.connect();
  await c.query(`insert into "Plan"(id, title, "sourceHash", status, "updatedAt") values ('plan', '基准方案', 'bench', 'active', now())`);
  await c.query(`insert into "Unit"(id, name, aliases) select 'u' || i, '单位' || i, '{}' from generate_series(1, $1) i`, [UNITS]);
  await c.query(`insert into "ChatGroup"(id, platform, "chatId", kind, "unitId", "webhookUrl") select 'g' || i, 'wecom', 'chat' || i, 'unit', 'u' || i, 'http://127.0.0.1:9/robot?key=' || i from generate_series(1, $1) i`, [UNITS]);
  await c.query(`insert into "ChatGroup"(id, platform, "chatId", kind) values ('leaders', 'wecom', 'leaders', 'leaders')`);
  await c.query(`insert into "Person"(id, name, platform, "userId", "unitId", role) select 'p' || i, '联络员' || i, 'wecom', 'user' || i, 'u' || (1 + i % $1), 'member' from generate_series(1, $1 * 2) i`, [UNITS]);
  await c.query(`insert into "Task"(id, "planId", path, "pathKey", seq, title, text, state, "dueDate", "dueKind", recurring, "updatedAt")
    select 't' || i, 'plan', '任务' || i, i::text, i, '任务标题' || i, '任务内容', 'open',
      case when i % 50 = 0 then null else $2::date + ((i * 7919) % 400 - 120) end,
      (case when i % 50 = 0 then 'recurring' else 'date' end)::"DeadlineKind", case when i % 50 = 0 then 'quarterly' end, now()
    from generate_series(1, $1) i`, [TASKS, '2025-09-26']);
  await c.query(`insert into "Assignment"("taskId", "unitId", "nameAsWritten") select 't' || i, 'u' || (1 + i % $2), '单位' from generate_series(1, $1) i`, [TASKS, UNITS]);
  await c.query(`insert into "Assignment"("taskId", "unitId", "nameAsWritten") select 't' || i, 'u' || (1 + (i + 7) % $2), '单位' from generate_series(1, $1) i where i % 10 = 0`, [TASKS, UNITS]);
  // 签收: every task reached its units a few days ago; a third are not signed for yet (签收提醒)
  await c.query(`update "Assignment" set "reachedAt" = '2025-09-22 02:00', "signedAt" = case when substr("taskId", 2)::int % 3 = 0 then null else timestamp '2025-09-22 03:00' end`);
  // 定期报送: the plan asks for a report before the 25th of every month (asks and 催报 for every open task)
  await c.query(`update "Plan" set "reminderPolicy" = '{"reportCycle":{"every":"month","day":25}}'`);
  await c.query('analyze');
  await c.end();
}

function sampleMemory(): { stop(): { rssMiB: number; heapMiB: number } } {
  let rss = 0;
  let heap = 0;
  const take = () => { const m = process.memoryUsage(); rss = Math.max(rss, m.rss); heap = Math.max(heap, m.heapUsed); };
  const timer = setInterval(take, 20);
  return { stop: () => { clearInterval(timer); take(); return { rssMiB: Math.round(rss / 2 ** 20), heapMiB: Math.round(heap / 2 ** 20) }; } };
}

async function main(): Promise<void> {
  await ensureDatabase(URL_);
  await migrate(URL_);
  let t = performance.now();
  await seed();
  console.error(`[bench] seeded ${TASKS} tasks in ${UNITS} units in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const db = createDb(URL_, { poolSize: 10 });
  const queues = createQueues({ redisUrl: REDIS_URL, prefix: PREFIX, log: silentLogger });
  const sends: { at: number; chatId: string }[] = [];
  const sender: Sender = { platform: 'wecom', send: async (to) => { sends.push({ at: Date.now(), chatId: to.kind === 'group' ? to.chatId : '' }); return { ok: true }; } };
  const clock = fixedClock(NOW);
  const reminders = createReminders({ store: createStore(db), enqueue: queues.enqueue, senders: { wecom: sender }, calendar: chinaCalendar, clock, log: process.argv.includes('--verbose') ? createLogger({ level: 'info' }) : silentLogger });
  try {
    const mem = sampleMemory();
    t = performance.now();
    const first = await reminders.reconcileAll(NOW);
    const firstS = (performance.now() - t) / 1000;
    t = performance.now();
    const second = await reminders.reconcileAll(NOW);
    const secondS = (performance.now() - t) / 1000;
    const peak = mem.stop();
    const rows = await db.reminder.count();
    const items = await db.reminderItem.count();
    const jobs = (await queues.queues.reminders.getJobCounts('delayed')).delayed;

    // Firing latency on the real clock: digest rows due 3–7 s from now, run by a real worker.
    const live = createReminders({ store: createStore(db), enqueue: queues.enqueue, senders: { wecom: sender }, calendar: chinaCalendar, clock: systemClock, log: silentLogger });
    await queues.queues.reminders.obliterate({ force: true });
    const workers = startWorkers({ redisUrl: REDIS_URL, prefix: PREFIX, log: silentLogger, concurrency: 8, processors: live.processors });
    const slots: Date[] = [];
    for (let i = 0; i < 5; i += 1) {
      const slot = new Date(Date.now() + 3000 + i * 1000);
      slots.push(slot);
      await db.reminder.create({ data: { id: `digest:${slot.toISOString()}`, kind: 'digest', slot } });
      await queues.enqueue('send-reminder', { reminderId: `digest:${slot.toISOString()}` }, { delayMs: slot.getTime() - Date.now() });
    }
    const deadline = Date.now() + 30_000;
    while (sends.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const lateness = sends.map((s, i) => s.at - slots[i]!.getTime());
    const started: number[] = [];
    for (const slot of slots) {
      const job = await queues.queues.reminders.getJob(`digest:${slot.toISOString()}`.replace(/:/g, '_'));
      if (job?.processedOn) started.push(job.processedOn - slot.getTime());
    }
    await workers.close();

    console.log('| measure | value |\n|---|---|');
    console.log(`| tasks / units | ${TASKS.toLocaleString('en')} / ${UNITS.toLocaleString('en')} |`);
    console.log(`| first reconcile (rows + delayed jobs created) | ${firstS.toFixed(1)} s — ${first.created} reminders, ${items} items, ${jobs} delayed jobs |`);
    console.log(`| second reconcile (idempotent: ${second.created} created, ${second.updated} updated) | ${secondS.toFixed(1)} s |`);
    console.log(`| peak RSS / heap during both | ${peak.rssMiB} MiB / ${peak.heapMiB} MiB |`);
    console.log(`| reminder rows in PostgreSQL | ${rows} |`);
    console.log(`| delayed reminder job started after its slot (5 runs, ms) | ${started.map((l) => Math.round(l)).join(', ')} (max ${Math.round(Math.max(...started))}) |`);
    console.log(`| …and the weekly digest over ${TASKS.toLocaleString('en')} tasks handed to the sender (ms) | ${lateness.map((l) => Math.round(l)).join(', ')} |`);
    if (firstS > 60 || peak.rssMiB > 1024 || Math.max(...started) > 2000) process.exitCode = 1;
  } finally {
    for (const q of Object.values(queues.queues)) await q.obliterate({ force: true }).catch(() => {});
    await queues.close();
    await closeDb(db);
    const c = new pg.Client({ connectionString: PG_ADMIN });
    await c.connect();
    await c.query(`drop database if exists ${NAME} with (force)`);
    await c.end();
  }
}

await main();
