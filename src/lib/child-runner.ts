/**
 * Runs untrusted parsing in a child process with a wall-time and a memory bound. A worker
 * thread's resourceLimits bound only the JavaScript heap, while a zip or PDF bomb fills
 * Buffers outside it; a process can be measured whole (its resident memory, from /proc) and
 * killed whatever it is doing. The child stays up between jobs, one job at a time (starting
 * Node and loading the parsers costs more than a typical parse), and is killed when it breaks
 * a bound, holds more than half its memory bound after a job, or sits idle for IDLE_MS.
 * The script is a module that calls serveInChild: the bundle in dist/ (scripts/build.mjs), or
 * under src/ in development and tests a .ts file, bundled the same way on first use, so the
 * child runs as in production (under tsx the parsers alone would take 300 MB more).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';
import { isAppError } from './errors.ts';
import { PROJECT_ROOT } from './project-root.ts';

export interface ChildBudget {
  /** wall time of one job, from the moment the child has it */
  ms: number;
  /** resident memory of the child; also its JavaScript heap limit */
  memoryMb: number;
}

export type ChildFailure = { kind: 'timeout' } | { kind: 'memory'; rssMb: number } | { kind: 'crashed'; message: string };

export type ChildAnswer =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: string; detail: Record<string, unknown>; message: string } }
  | { ok: false; failure: ChildFailure };

type Reply = { id: number } & ({ ok: true; value: unknown } | { ok: false; error: { code: string; detail: Record<string, unknown>; message: string } });

interface Slot {
  child: ChildProcess;
  ready: Promise<void>;
  /** the job queue: each job starts when the one before it settled */
  tail: Promise<unknown>;
  stderr: string;
  idle?: NodeJS.Timeout;
}

const IDLE_MS = 30_000;
const START_MS = 120_000;
const POLL_MS = 20;
const slots = new Map<string, Slot>();
let nextId = 1;

/** Resident memory of a process in MB, from /proc (Linux); null elsewhere. */
function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    return (Number(readFileSync(`/proc/${pid}/statm`, 'latin1').split(' ')[1]) * 4096) / 1048576;
  } catch {
    return null;
  }
}

function hold(child: ChildProcess, on: boolean): void {
  const handles = [child, child.channel, child.stderr as Socket | null] as ({ ref(): void; unref(): void } | null | undefined)[];
  for (const h of handles) if (h) (on ? h.ref() : h.unref());
}

function retire(key: string, slot: Slot): void {
  if (slots.get(key) === slot) slots.delete(key);
  clearTimeout(slot.idle);
  if (slot.child && slot.child.exitCode === null && slot.child.signalCode === null) slot.child.kill('SIGKILL');
}

const bundles = new Map<string, Promise<string>>();

/**
 * A .ts script bundled (npm packages left external) beside node_modules, once per process,
 * named by its content: processes bundling the same code at once write the same file.
 */
function runnable(script: string): Promise<string> {
  if (!script.endsWith('.ts')) return Promise.resolve(script);
  let out = bundles.get(script);
  if (!out) {
    const dir = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'duban');
    out = (async () => {
      mkdirSync(dir, { recursive: true });
      const { build } = await import('esbuild');
      const result = await build({ entryPoints: [script], write: false, outfile: 'bundle.mjs', bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'error' });
      const code = result.outputFiles[0]!.contents;
      const file = path.join(dir, `${path.basename(script, '.ts')}-${createHash('sha256').update(code).digest('hex').slice(0, 12)}.mjs`);
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, file);
      return file;
    })();
    bundles.set(script, out);
  }
  return out;
}

function spawnSlot(key: string, script: string, memoryMb: number): Slot {
  const execArgv = [`--max-old-space-size=${memoryMb}`];
  const slot: Slot = { child: null as unknown as ChildProcess, ready: Promise.resolve(), tail: Promise.resolve(), stderr: '' };
  slot.ready = runnable(script).then((file) => started(key, slot, fork(file, [], { cwd: PROJECT_ROOT, execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] })));
  slot.ready.catch(() => retire(key, slot));
  return slot;
}

function started(key: string, slot: Slot, child: ChildProcess): Promise<void> {
  slot.child = child;
  child.stderr?.on('data', (d: Buffer) => { slot.stderr = (slot.stderr + d.toString()).slice(-4000); });
  child.on('exit', () => { if (slots.get(key) === slot) slots.delete(key); });
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`parser process did not start in ${START_MS} ms: ${slot.stderr}`)), START_MS);
    child.once('message', () => { clearTimeout(timer); hold(child, false); resolve(); });
    child.once('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`parser process exited at start (${code ?? signal}): ${slot.stderr}`)); });
  });
}

function runJob(key: string, slot: Slot, message: unknown, budget: ChildBudget): Promise<ChildAnswer> {
  const { child } = slot;
  const id = nextId++;
  return new Promise<ChildAnswer>((resolve) => {
    const done = (answer: ChildAnswer, kill: boolean) => {
      clearTimeout(timer);
      clearInterval(poll);
      child.off('message', onMessage);
      child.off('exit', onExit);
      hold(child, false);
      if (kill) retire(key, slot);
      resolve(answer);
    };
    const onMessage = (m: Reply) => {
      if (m?.id !== id) return;
      const rss = rssMb(child.pid);
      done(m.ok ? { ok: true, value: m.value } : { ok: false, error: m.error }, rss !== null && rss > budget.memoryMb / 2);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      const oom = signal === 'SIGABRT' || /heap out of memory|Reached heap limit/i.test(slot.stderr);
      done({ ok: false, failure: oom ? { kind: 'memory', rssMb: budget.memoryMb } : { kind: 'crashed', message: `parser exited (${code ?? signal}): ${slot.stderr.slice(-500)}` } }, true);
    };
    const timer = setTimeout(() => done({ ok: false, failure: { kind: 'timeout' } }, true), budget.ms);
    const poll = setInterval(() => {
      const rss = rssMb(child.pid);
      if (rss !== null && rss > budget.memoryMb) done({ ok: false, failure: { kind: 'memory', rssMb: Math.round(rss) } }, true);
    }, POLL_MS);
    child.on('message', onMessage);
    child.on('exit', onExit);
    hold(child, true);
    child.send({ id, message });
  });
}

/**
 * Sends `message` to the child running `script` (started on first use) and waits for its
 * answer within `budget`. Jobs for the same script run one after another.
 */
export async function runInChild(script: string, message: unknown, budget: ChildBudget): Promise<ChildAnswer> {
  const key = `${script}#${budget.memoryMb}`;
  let slot = slots.get(key);
  if (!slot) slots.set(key, (slot = spawnSlot(key, script, budget.memoryMb)));
  const s = slot;
  const job = s.tail.then(async () => {
    clearTimeout(s.idle);
    await s.ready;
    if (s.child.exitCode !== null || s.child.signalCode !== null) return runInChild(script, message, budget);
    const answer = await runJob(key, s, message, budget);
    if (slots.get(key) === s) s.idle = setTimeout(() => retire(key, s), IDLE_MS).unref();
    return answer;
  });
  s.tail = job.catch(() => undefined);
  return job;
}

/** Stops every parser process (tests, and a process shutting down). */
export function stopChildren(): void {
  for (const [key, slot] of slots) retire(key, slot);
}

/**
 * The child's side: answers each job with `handle`'s value, or with the error it threw (an
 * AppError keeps its code and detail). Exits when the parent goes away.
 */
export function serveInChild(handle: (message: unknown) => Promise<unknown>): void {
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (m: { id: number; message: unknown }) => {
    let reply: Reply;
    try {
      reply = { id: m.id, ok: true, value: await handle(m.message) };
    } catch (e) {
      const err = e as Error;
      reply = { id: m.id, ok: false, error: isAppError(e) ? { code: e.code, detail: e.detail, message: e.message } : { code: '', detail: {}, message: `${err?.name}: ${err?.message}` } };
    }
    process.send!(reply);
  });
  process.send!({ ready: true });
}
