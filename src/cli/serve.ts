/**
 * Long-running processes with graceful shutdown: on SIGTERM/SIGINT stop taking requests,
 * finish in-flight work, close workers so no job is left stalled; a second signal exits at once.
 */
import type { Server } from 'node:http';
import { loadConfig } from '../config/load.ts';
import { migrate } from '../store/migrate.ts';
import { clockFrom } from '../lib/clock.ts';
import { createRuntime, startWeb, startWorker, useSharedLinkKey, type Runtime } from '../main.ts';
import type { Workers } from '../queue/queues.ts';

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
      if (parts.server) await closeServer(parts.server);
      await parts.workers?.close();
      await rt.close();
      resolve();
    };
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
  });
}

/**
 * Stops accepting connections and waits for requests in flight. A kept-alive socket that
 * was busy at the signal would otherwise sit idle until keepAliveTimeout (65 s) and hold the
 * exit: later requests get `Connection: close` and sockets are closed as they go idle.
 */
async function closeServer(server: Server): Promise<void> {
  server.on('request', (_req, res) => res.setHeader('connection', 'close'));
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  await new Promise<void>((r) => server.close(() => r()));
  clearInterval(sweep);
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
  const rt = createRuntime(config, { clock: clockFrom(config.CLOCK_START) });
  // Without DASHBOARD_SECRET the key is kept in PostgreSQL, so `npx duban chat` beside this
  // process signs links this process accepts.
  await useSharedLinkKey(rt);
  if (config.DEMO) {
    // Loaded only here: `web` and `worker` must start without the demo module.
    const { seedDemo } = await import('./demo.ts');
    const demo = await seedDemo(rt, { sign: true });
    console.log(demo.howTo);
  }
  const server = await startWeb(rt);
  const workers = await startWorker(rt);
  await onShutdown(rt, { server, workers });
  return 0;
}
