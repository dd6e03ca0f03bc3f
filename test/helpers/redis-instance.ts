/**
 * A private redis-server for tests that restart or flush Redis: its own port, no
 * persistence (`--save ""`, no AOF), so a restart is also a flush. The shared 6379 is never
 * touched.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './process.ts';
import { waitFor } from './wait-for.ts';

export interface RedisInstance {
  port: number;
  url: string;
  /** stop the server (SIGKILL: nothing is saved) */
  stop(): Promise<void>;
  /** start it again on the same port (empty) */
  start(): Promise<void>;
  /** kill and start again: every key is gone */
  restart(): Promise<void>;
}

export async function startRedisInstance(): Promise<RedisInstance> {
  const port = await freePort();
  let proc: ChildProcess | null = null;
  const inst: RedisInstance = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], { stdio: 'ignore' });
      await waitFor(() => ping(port), { timeoutMs: 10_000, everyMs: 50, what: `redis-server on ${port} to start` });
    },
    async stop() {
      const p = proc;
      if (!p || p.exitCode !== null) return;
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGKILL');
      await exited;
      proc = null;
    },
    async restart() {
      await inst.stop();
      await inst.start();
    },
  };
  await inst.start();
  return inst;
}

async function ping(port: number): Promise<boolean> {
  const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => {});
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}
