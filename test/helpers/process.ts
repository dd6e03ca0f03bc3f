/**
 * Runs the real service as child processes with the production commands of package.json
 * (`npm run web` / `npm run worker`: the bundle, with the web process's heap limit), the way
 * an operator does, so production tests can kill -9 them, send SIGTERM, run two of each and
 * read their logs. The bundle is the one global-setup built from the sources under test.
 * Children get only the env given here (plus PATH/HOME), never the caller's
 * DINGTALK_/WECOM_ settings by accident.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The node arguments of `npm run <role>`, with the test run's bundle in place of dist/. */
function productionArgs(role: 'web' | 'worker'): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [node, ...args] = scripts[role]!.split(/\s+/);
  if (node !== 'node') throw new Error(`npm run ${role} is not a node command: ${scripts[role]}`);
  const bundle = process.env.DUBAN_TEST_BUNDLE;
  if (!bundle) throw new Error('DUBAN_TEST_BUNDLE is unset: run the tests through vitest (global-setup builds the bundle)');
  return args.map((a) => (a === 'dist/duban.mjs' ? path.join(bundle, 'duban.mjs') : a));
}

export interface Child {
  name: string;
  role: 'web' | 'worker';
  proc: ChildProcess;
  pid: number;
  /** web only: http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** stdout lines (pino JSON at LOG_LEVEL) */
  stdout: string[];
  stderr: string[];
  /** resolves when the process has exited */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null;
  /** stdout lines parsed as JSON (non-JSON lines skipped) */
  logs(): Record<string, unknown>[];
  signal(sig: NodeJS.Signals): void;
  /** SIGTERM and wait (SIGKILL after `graceMs`) */
  stop(graceMs?: number): Promise<void>;
}

/** Every child still running; killed when the test process exits, so a failed setup leaves no orphans. */
const running = new Set<ChildProcess>();
process.once('exit', () => { for (const p of running) p.kill('SIGKILL'); });

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface StartOpts {
  name?: string;
  port?: number;
  /** ms to wait for /readyz (web) or 'worker started' (worker) */
  timeoutMs?: number;
}

/**
 * Starts `duban web` or `duban worker` with `env` and waits until it is ready: a web
 * process when /readyz answers 200, a worker when it logs "worker started" (so a worker's
 * LOG_LEVEL is raised to info at most).
 */
export async function startChild(role: 'web' | 'worker', env: Record<string, string>, opts: StartOpts = {}): Promise<Child> {
  if (role === 'worker' && !['info', 'debug', 'trace'].includes(env.LOG_LEVEL ?? 'info')) env = { ...env, LOG_LEVEL: 'info' };
  const port = role === 'web' ? (opts.port ?? (await freePort())) : 0;
  const proc = spawn(process.execPath, productionArgs(role), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production', LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(proc);
  proc.once('exit', () => running.delete(proc));
  const stdout: string[] = [];
  const stderr: string[] = [];
  lines(proc.stdout!, (l) => stdout.push(l));
  lines(proc.stderr!, (l) => stderr.push(l));
  const child: Child = {
    name: opts.name ?? `${role}-${proc.pid}`,
    role,
    proc,
    pid: proc.pid!,
    port,
    url: `http://127.0.0.1:${port}`,
    stdout,
    stderr,
    exitInfo: null,
    exited: new Promise((resolve) => proc.once('exit', (code, signal) => { child.exitInfo = { code, signal }; resolve({ code, signal }); })),
    logs: () => stdout.flatMap((l) => { try { return [JSON.parse(l) as Record<string, unknown>]; } catch { return []; } }),
    signal: (sig) => { if (child.exitInfo === null) proc.kill(sig); },
    async stop(graceMs = 15_000) {
      if (child.exitInfo) return;
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await child.exited;
      clearTimeout(t);
    },
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitInfo) throw new Error(`${child.name} exited early (${JSON.stringify(child.exitInfo)}):\n${stderr.join('\n')}\n${stdout.slice(-20).join('\n')}`);
    if (role === 'worker' ? stdout.some((l) => l.includes('"worker started"')) : await ready(child.url)) return child;
    await sleep(100);
  }
  proc.kill('SIGKILL');
  throw new Error(`${child.name} not ready in time:\n${stderr.join('\n')}\n${stdout.slice(-20).join('\n')}`);
}

async function ready(url: string): Promise<boolean> {
  try {
    const r = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) });
    return r.status === 200;
  } catch {
    return false;
  }
}

function lines(stream: NodeJS.ReadableStream, push: (l: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    rest += chunk;
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) if (p) push(p);
  });
  stream.on('end', () => { if (rest) push(rest); });
}

/** For timing a fault (how long something stays down), never for waiting on work: use wait-for.ts. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

