// Callback benchmark, everything side by side in one run on this machine, printed as a
// markdown table for the README:
//   1. PostgreSQL's own single-row insert rate (bench/pg-insert.sh, pgbench) — the ceiling
//      of "persist before acknowledging";
//   2. a bare Koa server answering "ok" — the ceiling of the HTTP stack;
//   3. one `duban web` process, full path: verify signature, read, decode, insert once,
//      enqueue, acknowledge (no worker runs, so workers do not compete for the CPU);
//   4. two `duban web` processes, one load generator each, summed.
// For 3 and 4 it samples the web processes' RSS under load and checks that every 2xx is a
// stored row. Usage: node bench/run.mjs [--duration 10] [--connections 50] [--platform dingtalk]
// Needs PostgreSQL (127.0.0.1:5432, trust) and Redis (127.0.0.1:6379), like the tests.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { Queue } from 'bullmq';
import { PLATFORMS, platformEnv } from './platforms.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };
const DURATION = Number(arg('duration', 10));
const CONNECTIONS = Number(arg('connections', 50));
const PLATFORM = arg('platform', 'dingtalk');
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'duban_bench';
const DATABASE_URL = PG_ADMIN.replace(/\/[^/]*$/, `/${DB_NAME}`);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `bench${randomBytes(3).toString('hex')}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.error('[bench]', ...a);

async function freePort() {
  return new Promise((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });
}

async function waitReady(url, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).status === 200) return; } catch { /* not yet */ }
    await sleep(100);
  }
  throw new Error(`${url} not ready`);
}

async function sql(url, text) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { return (await c.query(text)).rows; } finally { await c.end(); }
}

/** Starts `node bin/duban.mjs web` on a free port; logs go to /dev/null (info level, as in production). */
async function startWeb() {
  const port = await freePort();
  const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL, REDIS_URL, QUEUE_PREFIX: PREFIX, ...platformEnv('http://127.0.0.1:9') };
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const proc = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'bin/duban.mjs'), 'web'], { cwd: ROOT, env, stdio: 'ignore' });
  await waitReady(`http://127.0.0.1:${port}/readyz`);
  return { proc, url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => { proc.once('exit', r); proc.kill('SIGTERM'); }) };
}

async function startBareKoa() {
  const port = await freePort();
  const proc = spawn(process.execPath, [path.join(ROOT, 'bench/bare-koa.mjs'), String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((r) => proc.stdout.once('data', r));
  return { proc, url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => { proc.once('exit', r); proc.kill('SIGTERM'); }) };
}

/** Peak resident memory of `pids` (MB), sampled every 200 ms until stop() is called. */
function sampleRss(pids) {
  const peak = new Map(pids.map((p) => [p, 0]));
  const read = () => {
    for (const pid of pids) {
      try {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
        peak.set(pid, Math.max(peak.get(pid), kb / 1024));
      } catch { /* exited */ }
    }
  };
  const t = setInterval(read, 200);
  return () => { clearInterval(t); read(); return Math.max(...peak.values()); };
}

function load(url, platform, seconds, connections) {
  return autocannon({
    url: `${url}${platform.path}`, method: 'POST', connections, duration: seconds, headers: platform.headers,
    requests: [{ setupRequest: (req) => (platform.request ? { ...req, ...platform.request() } : { ...req, body: platform.body() }) }],
  });
}

/** Runs one load generator per target at once; sums throughput, takes the worst p99. */
async function measure(targets, platform, { warmup = 2 } = {}) {
  const warm = warmup ? await Promise.all(targets.map((t) => load(t.url, platform, warmup, Math.ceil(CONNECTIONS / targets.length)))) : [];
  const stop = sampleRss(targets.map((t) => t.proc.pid));
  const results = await Promise.all(targets.map((t) => load(t.url, platform, DURATION, Math.ceil(CONNECTIONS / targets.length))));
  const rss = stop();
  return {
    rps: results.reduce((s, r) => s + r['2xx'] / r.duration, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    ok: [...warm, ...results].reduce((s, r) => s + r['2xx'], 0),
    bad: results.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0),
    rss,
  };
}

async function main() {
  const platform = PLATFORMS[PLATFORM]?.();
  if (!platform) throw new Error(`unknown platform ${PLATFORM}; known: ${Object.keys(PLATFORMS).join(', ')}`);
  log(`database ${DB_NAME}, queue prefix ${PREFIX}, ${DURATION}s × ${CONNECTIONS} connections, ${os.cpus().length} CPUs`);
  await sql(PG_ADMIN, `drop database if exists ${DB_NAME} with (force)`);
  const mig = spawnSync(process.execPath, [path.join(ROOT, 'bin/duban.mjs'), 'migrate'], { cwd: ROOT, env: { ...process.env, DATABASE_URL }, encoding: 'utf8' });
  if (mig.status !== 0) throw new Error(`migrate failed: ${mig.stderr}`);

  log('pgbench single-row insert …');
  const pgb = spawnSync('bash', [path.join(ROOT, 'bench/pg-insert.sh'), String(DURATION), '8'], { encoding: 'utf8' });
  const pgInserts = Number(pgb.stdout.trim());

  log('bare Koa …');
  const koa = await startBareKoa();
  const bare = await measure([koa], platform);
  await koa.stop();

  log('one web process …');
  const before = Number((await sql(DATABASE_URL, 'select count(*)::int as n from "InboundMessage"'))[0].n);
  const w1 = await startWeb();
  const one = await measure([w1], platform);
  await w1.stop();
  log('two web processes …');
  const [a, b] = [await startWeb(), await startWeb()];
  const two = await measure([a, b], platform);
  await Promise.all([a.stop(), b.stop()]);
  const stored = Number((await sql(DATABASE_URL, 'select count(*)::int as n from "InboundMessage"'))[0].n) - before;

  for (const name of ['inbound', 'outbound', 'reminders']) {
    const q = new Queue(name, { connection: { url: REDIS_URL }, prefix: PREFIX });
    await q.obliterate({ force: true }).catch(() => {});
    await q.close();
  }
  await sql(PG_ADMIN, `drop database if exists ${DB_NAME} with (force)`);

  const f = (n) => Math.round(n).toLocaleString('en-US');
  const cpu = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}`;
  console.log(`Callbacks (${platform.name}, full path: verify, decode, insert once, enqueue, ack), ${DURATION} s × ${CONNECTIONS} connections, load generator on the same machine (${cpu}), ${new Date().toISOString().slice(0, 10)}:\n`);
  console.log('| setup | callbacks/s | p50 ms | p99 ms | errors | peak RSS MB |');
  console.log('|---|---:|---:|---:|---:|---:|');
  console.log(`| PostgreSQL single-row insert (pgbench, 8 clients) | ${f(pgInserts)} | | | | |`);
  console.log(`| bare Koa "ok" | ${f(bare.rps)} | ${bare.p50} | ${bare.p99} | ${bare.bad} | ${f(bare.rss)} |`);
  console.log(`| duban web × 1 | ${f(one.rps)} | ${one.p50} | ${one.p99} | ${one.bad} | ${f(one.rss)} |`);
  console.log(`| duban web × 2 | ${f(two.rps)} | ${two.p50} | ${two.p99} | ${two.bad} | ${f(two.rss)} |`);
  console.log('');
  console.log(`- one web process: ${(one.rps / pgInserts * 100).toFixed(0)} % of pgbench's insert rate, ${(one.rps / bare.rps * 100).toFixed(0)} % of bare Koa`);
  console.log(`- two web processes serve ${(two.rps / one.rps).toFixed(2)}× one (target ≥ 1.6×)`);
  console.log(`- targets: ≥ 3,000 callbacks/s ${one.rps >= 3000 ? 'met' : 'NOT met'}, p99 < 50 ms ${one.p99 < 50 ? 'met' : 'NOT met'}, RSS < 200 MB ${Math.max(one.rss, two.rss) < 200 ? 'met' : 'NOT met'}`);
  // Requests still in flight when a load generator stops are stored but not counted as 2xx.
  const acked = one.ok + two.ok;
  console.log(`- every acknowledged callback is a stored row: ${stored >= acked ? `yes (${f(stored)} rows for ${f(acked)} 2xx; the rest were in flight when the load stopped)` : `NO (${stored} rows for ${acked} 2xx)`}`);
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
