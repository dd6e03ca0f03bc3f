/**
 * A private PostgreSQL cluster for tests that stop or restart the database: initdb in a
 * temp dir, its own port, run as the `postgres` OS user (PostgreSQL refuses root), migrated
 * with the project's own `migrate`. The shared 5432 instance is never touched.
 */
import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, chownSync, rmSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../src/store/migrate.ts';
import { freePort } from './process.ts';

export interface PgInstance {
  port: number;
  /** URL of the `duban` database, migrated */
  url: string;
  /** stop: `immediate` is a crash (no checkpoint), `fast` an orderly stop */
  stop(mode?: 'immediate' | 'fast'): void;
  start(): void;
  /** stop and remove the data directory */
  destroy(): void;
}

function binDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  return path.join(base, versions[0]!, 'bin');
}

/** Runs a PostgreSQL binary as the postgres user when we are root. */
function asPostgres(bin: string, args: string[]): void {
  const cmd = path.join(binDir(), bin);
  if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' });
  else execFileSync(cmd, args, { stdio: 'pipe' });
}

export async function startPgInstance(): Promise<PgInstance> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execSync('id -u postgres').toString().trim());
    const gid = Number(execSync('id -g postgres').toString().trim());
    chownSync(dir, uid, gid);
  }
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  // fsync off is safe here (the OS does not crash); synchronous_commit stays on, or an
  // immediate stop would lose commits the service had already acknowledged.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
  const inst: PgInstance = {
    port,
    url: `postgresql://postgres@127.0.0.1:${port}/duban`,
    start: () => asPostgres('pg_ctl', ['start', '-w', '-t', '30', '-D', data, '-l', path.join(dir, 'log'), '-o', opts]),
    stop: (mode = 'immediate') => asPostgres('pg_ctl', ['stop', '-w', '-D', data, '-m', mode]),
    destroy() {
      try { inst.stop('immediate'); } catch { /* already stopped */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    inst.start();
    await migrate(inst.url);
  } catch (e) {
    inst.destroy(); // no orphan postmaster when setup fails
    throw e;
  }
  return inst;
}
