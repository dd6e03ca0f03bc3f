/**
 * Applies prisma/migrations to PostgreSQL with Prisma's schema engine compiled to WASM,
 * because the native engine cannot be downloaded on closed networks
 * (shared/notes/prisma-offline.md). It records history in `_prisma_migrations`, the same
 * table `prisma migrate deploy` uses, so a machine with the normal CLI sees the same state.
 */
import { readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PROJECT_ROOT } from '../lib/project-root.ts';

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma', 'migrations');
export const SCHEMA_FILE = path.join(PROJECT_ROOT, 'prisma', 'schema.prisma');

type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

async function loadEngineModule() {
  // Resolved by path: vite-node (vitest) lacks import.meta.resolve.
  const bgPath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bg = await import(pathToFileURL(bgPath).href);
  const bytes = await readFile(path.join(path.dirname(bgPath), 'schema_engine_bg.wasm'));
  const { instance } = await (globalThis as unknown as { WebAssembly: { instantiate(b: Buffer, i: unknown): Promise<{ instance: { exports: Record<string, unknown> } }> } }).WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  return bg as { SchemaEngine: { new: (o: unknown, log: (s: string) => void, a: unknown) => Promise<Engine> } };
}

let enginePromise: ReturnType<typeof loadEngineModule> | undefined;

function shadowUrl(url: string): string {
  const u = new URL(url);
  u.pathname = `${u.pathname.replace(/^\//, '')}_shadow`;
  u.pathname = `/${u.pathname.replace(/^\//, '')}`;
  return u.toString();
}

type OpenEngine = { engine: Engine; close(): Promise<void> };

async function openEngine(databaseUrl: string): Promise<OpenEngine> {
  enginePromise ??= loadEngineModule();
  const mod = await enginePromise;
  const main = new PrismaPg({ connectionString: databaseUrl });
  const opened: { dispose(): Promise<void> }[] = [];
  const track = async <T extends { dispose(): Promise<void> }>(p: Promise<T>) => { const a = await p; opened.push(a); return a; };
  const factory = {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => track(main.connect()),
    connectToShadowDb: async () => {
      const url = shadowUrl(databaseUrl);
      await recreateDatabase(url);
      return track(new PrismaPg({ connectionString: url }).connect());
    },
  };
  const engine = await mod.SchemaEngine.new({ datamodels: undefined }, () => {}, bindMigrationAwareSqlAdapterFactory(factory as never));
  return {
    engine,
    async close() {
      engine.free();
      // The engine does not close its pools; without this a CLI run would not exit.
      await Promise.allSettled(opened.map((a) => a.dispose()));
    },
  };
}

/** Creates the database named in `url` when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  u.pathname = '/postgres';
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`create database "${name.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}

async function recreateDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  u.pathname = '/postgres';
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`);
    await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

async function migrationsList() {
  const dirs = existsSync(MIGRATIONS_DIR)
    ? (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: 'migration.sql',
          content: { tag: 'ok', value: await readFile(path.join(MIGRATIONS_DIR, dir, 'migration.sql'), 'utf8') },
        },
      })),
    ),
  };
}

const FILTERS = { externalTables: [], externalEnums: [] };

/** Creates the database if missing and applies every pending migration. Returns their names. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  const { engine, close } = await openEngine(databaseUrl);
  try {
    const out = await engine.applyMigrations({ migrationsList: await migrationsList(), filters: FILTERS });
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}

/** SQL that takes the database from the current migrations to prisma/schema.prisma. */
export async function diffSchema(databaseUrl: string): Promise<string> {
  await ensureDatabase(databaseUrl);
  const { engine, close } = await openEngine(databaseUrl);
  try {
    const list = await migrationsList();
    const from = list.migrationDirectories.length ? { tag: 'migrations', ...list } : { tag: 'empty' };
    const schema = await readFile(SCHEMA_FILE, 'utf8');
    const out = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_FILE, content: schema }] },
      script: true,
      exitCode: null,
      filters: FILTERS,
    });
    return out.stdout ?? '';
  } finally {
    await close();
  }
}

/**
 * SQL that takes a database from one schema.prisma text to another, without any database
 * (datamodel-to-datamodel diff). scripts/migration-new.mjs passes the schema of the last
 * commit as `from`: replaying migrations in a shadow database needs introspection, which
 * the pg driver adapter cannot do for every column type.
 */
export async function diffDatamodels(databaseUrl: string, fromSchema: string | null, toSchema: string): Promise<string> {
  // The engine opens a connection at start even though a datamodel diff reads nothing from it.
  await ensureDatabase(databaseUrl);
  const { engine, close } = await openEngine(databaseUrl);
  try {
    const model = (content: string) => ({ tag: 'schemaDatamodel', files: [{ path: SCHEMA_FILE, content }] });
    const out = await engine.diff({ from: fromSchema ? model(fromSchema) : { tag: 'empty' }, to: model(toSchema), script: true, exitCode: null, filters: FILTERS });
    return out.stdout ?? '';
  } finally {
    await close();
  }
}
