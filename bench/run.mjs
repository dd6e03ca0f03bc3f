// Callback benchmark, everything side by side in one run on this machine, printed as a
// markdown table for the README:
//   1. PostgreSQL's own single-row insert rate (bench/pg-insert.sh, pgbench) — the ceiling
//      of "persist before acknowledging";
//   2. a bare Koa server answering "ok" — the ceiling of the HTTP stack;
//   3. one web process run as in production (`npm run web`), full path: verify signature,
//      read, decode, insert once, enqueue, acknowledge (no worker runs, so workers do not
//      compete for the CPU);
//   4. two web processes, one load generator each, summed;
//   5. 3 and 4 again with each web process limited to --web-cpu CPUs (cgroup quota).
// It samples the web processes' RSS under load, the CPU each component used, and checks
// that every 2xx is a stored row.
// Usage: node bench/run.mjs [--duration 10] [--connections 50] [--platform dingtalk] [--web-cpu 0.4]
// Needs PostgreSQL (127.0.0.1:5432, trust) and Redis (127.0.0.1:6379), like the tests, and
// root for the CPU limit (--web-cpu 0 skips it).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
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
// CPU limit per web process for the scale-out comparison (0 skips it): on a 2-core machine
// shared with PostgreSQL, Redis and the load generator, one uncapped web process already
// saturates the machine, so "two serve N× one" is also measured with each process given
// the same slice of CPU, as container limits do in a deployment.
const WEB_CPU = Number(arg('web-cpu', 0.4));
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'duban_bench';
const DATABASE_URL = PG_ADMIN.replace(/\/[^/]*$/, `/${DB_NAME}`);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
// The web processes run the production command, `npm run web` in package.json (the bundle
// from scripts/build.mjs with its heap limit); BENCH_NODE_ARGS replaces its node flags.
const WEB_COMMAND = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.web.split(/\s+/);
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

/**
 * Limits a process to `cores` CPUs with a cgroup CFS quota, as a container CPU limit does
 * (cgroup v1 cpu controller or v2 cpu.max; needs root). Returns a function that removes the
 * group once the process has exited.
 */
function capCpu(pid, cores) {
  const v2 = existsSync('/sys/fs/cgroup/cgroup.controllers');
  const dir = path.join(v2 ? '/sys/fs/cgroup' : '/sys/fs/cgroup/cpu', `duban-bench-${pid}`);
  mkdirSync(dir);
  const quota = String(Math.round(cores * 100_000));
  if (v2) writeFileSync(path.join(dir, 'cpu.max'), `${quota} 100000`);
  else {
    writeFileSync(path.join(dir, 'cpu.cfs_period_us'), '100000');
    writeFileSync(path.join(dir, 'cpu.cfs_quota_us'), quota);
  }
  writeFileSync(path.join(dir, 'cgroup.procs'), String(pid));
  return () => { try { rmdirSync(dir); } catch { /* still busy: left for the OS */ } };
}

/** Starts `node dist/duban.mjs web` on a free port; logs go to /dev/null (info level, as in production). */
async function startWeb({ cpu } = {}) {
  const port = await freePort();
  const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL, REDIS_URL, QUEUE_PREFIX: PREFIX, ...platformEnv('http://127.0.0.1:9') };
  const [, ...args] = WEB_COMMAND;
  const flags = process.env.BENCH_NODE_ARGS !== undefined ? process.env.BENCH_NODE_ARGS.split(' ').filter(Boolean) : args.filter((a) => a.startsWith('--'));
  const proc = spawn(process.execPath, [...flags, ...args.filter((a) => !a.startsWith('--'))], { cwd: ROOT, env, stdio: 'ignore' });
  const uncap = cpu ? capCpu(proc.pid, cpu) : () => {};
  await waitReady(`http://127.0.0.1:${port}/readyz`);
  return { proc, url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => { proc.once('exit', () => { uncap(); r(); }); proc.kill('SIGTERM'); }) };
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

/** CPU seconds used so far by each component on the machine (utime + stime from /proc). */
function cpuSnapshot(webPids) {
  const tick = 100; // USER_HZ
  const secs = (pid) => { try { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / tick; } catch { return 0; } };
  const pidsOf = (name) => (spawnSync('pgrep', ['-x', name], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean));
  const sum = (pids) => pids.reduce((s, p) => s + secs(p), 0);
  const self = process.cpuUsage();
  return {
    web: sum(webPids),
    loadgen: (self.user + self.system) / 1e6,
    postgres: sum(pidsOf('postgres')),
    redis: sum(pidsOf('redis-server')),
    all: (() => { const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number); return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / tick; })(),
  };
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
  const cpu0 = cpuSnapshot(targets.map((t) => t.proc.pid));
  const results = await Promise.all(targets.map((t) => load(t.url, platform, DURATION, Math.ceil(CONNECTIONS / targets.length))));
  const cpu1 = cpuSnapshot(targets.map((t) => t.proc.pid));
  const rss = stop();
  const cpu = Object.fromEntries(Object.keys(cpu0).map((k) => [k, (cpu1[k] - cpu0[k]) / DURATION]));
  return {
    rps: results.reduce((s, r) => s + r['2xx'] / r.duration, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    ok: [...warm, ...results].reduce((s, r) => s + r['2xx'], 0),
    bad: results.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0),
    rss,
    cpu,
  };
}

async function main() {
  const platform = PLATFORMS[PLATFORM]?.();
  if (!platform) throw new Error(`unknown platform ${PLATFORM}; known: ${Object.keys(PLATFORMS).join(', ')}`);
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('build failed');
  log(`web command: ${WEB_COMMAND.join(' ')}${process.env.BENCH_NODE_ARGS !== undefined ? ` with node flags "${process.env.BENCH_NODE_ARGS}"` : ''}`);
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
  let cappedOne = null;
  let cappedTwo = null;
  if (WEB_CPU > 0) {
    log(`one web process limited to ${WEB_CPU} CPU …`);
    const c1 = await startWeb({ cpu: WEB_CPU });
    cappedOne = await measure([c1], platform);
    await c1.stop();
    log(`two web processes limited to ${WEB_CPU} CPU each …`);
    const [ca, cb] = [await startWeb({ cpu: WEB_CPU }), await startWeb({ cpu: WEB_CPU })];
    cappedTwo = await measure([ca, cb], platform);
    await Promise.all([ca.stop(), cb.stop()]);
  }
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
  if (cappedOne) {
    console.log(`| duban web × 1, limited to ${WEB_CPU} CPU | ${f(cappedOne.rps)} | ${cappedOne.p50} | ${cappedOne.p99} | ${cappedOne.bad} | ${f(cappedOne.rss)} |`);
    console.log(`| duban web × 2, limited to ${WEB_CPU} CPU each | ${f(cappedTwo.rps)} | ${cappedTwo.p50} | ${cappedTwo.p99} | ${cappedTwo.bad} | ${f(cappedTwo.rss)} |`);
  }
  console.log('');
  const share = (r) => Object.entries(r.cpu).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
  console.log(`- CPU cores busy during the run (2 = the machine): web × 1: ${share(one)}; web × 2: ${share(two)}; bare Koa: ${share(bare)}`);
  console.log(`- one web process: ${(one.rps / pgInserts * 100).toFixed(0)} % of pgbench's insert rate, ${(one.rps / bare.rps * 100).toFixed(0)} % of bare Koa`);
  console.log(`- two web processes serve ${(two.rps / one.rps).toFixed(2)}× one uncapped${cappedOne ? `, ${(cappedTwo.rps / cappedOne.rps).toFixed(2)}× one when each is limited to ${WEB_CPU} CPU` : ''} (target ≥ 1.6×)`);
  if (cappedOne) console.log(`- CPU cores busy, limited to ${WEB_CPU} CPU: web × 1: ${share(cappedOne)}; web × 2: ${share(cappedTwo)}`);
  console.log(`- targets: ≥ 3,000 callbacks/s ${one.rps >= 3000 ? 'met' : 'NOT met'}, p99 < 50 ms ${one.p99 < 50 ? 'met' : 'NOT met'}, RSS < 200 MB ${Math.max(one.rss, two.rss, cappedOne?.rss ?? 0, cappedTwo?.rss ?? 0) < 200 ? 'met' : 'NOT met'}`);
  // Requests still in flight when a load generator stops are stored but not counted as 2xx.
  const acked = [one, two, cappedOne, cappedTwo].reduce((n, r) => n + (r?.ok ?? 0), 0);
  console.log(`- every acknowledged callback is a stored row: ${stored >= acked ? `yes (${f(stored)} rows for ${f(acked)} 2xx; the rest were in flight when the load stopped)` : `NO (${stored} rows for ${acked} 2xx)`}`);
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
