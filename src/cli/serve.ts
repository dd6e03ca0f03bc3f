/**
 * Long-running processes with graceful shutdown: on SIGTERM/SIGINT stop taking requests,
 * finish in-flight work, close workers so no job is left stalled; a second signal exits at once.
 */
import type { Server } from 'node:http';
import { loadConfig } from '../config/load.ts';
import { migrate } from '../store/migrate.ts';
import { createRuntime, startWeb, startWorker, type Runtime } from '../main.ts';
import type { Workers } from '../queue/queues.ts';
import { seedDemo } from './demo.ts';

function onShutdown(rt: Runtime, parts: { server?: Server; workers?: Workers }): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) {
        rt.log.warn({ signal }, 'second signal: exiting now');
        process.exit(130);
      }
      stopping = true;
      rt.log.info({ signal }, 'shutting down');
      if (parts.server) await new Promise<void>((r) => { parts.server!.close(() => r()); parts.server!.closeIdleConnections(); });
      await parts.workers?.close();
      await rt.close();
      resolve();
    };
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
  });
}

export async function runWeb(): Promise<number> {
  const rt = createRuntime(loadConfig());
  const server = await startWeb(rt);
  await onShutdown(rt, { server });
  return 0;
}

export async function runWorker(): Promise<number> {
  const rt = createRuntime(loadConfig());
  const workers = await startWorker(rt);
  await onShutdown(rt, { workers });
  return 0;
}

export async function runStart(): Promise<number> {
  const config = loadConfig();
  await migrate(config.DATABASE_URL);
  const rt = createRuntime(config);
  if (config.DEMO) {
    const demo = await seedDemo(rt);
    console.log(demo.howTo);
  }
  const server = await startWeb(rt);
  const workers = await startWorker(rt);
  await onShutdown(rt, { server, workers });
  return 0;
}
