/**
 * Migrates one template database per test run; each test file then clones it
 * (test/helpers/db.ts), so files never share rows and never edit the schema by hand.
 * The template's name is unique per run so parallel runs never drop each other's.
 * Also bundles the sources under test (scripts/build.mjs) into a directory of this run's
 * own, which the production tests run as `npm run web|worker` would run dist/.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../../src/store/migrate.ts';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const ADMIN = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/** True when the shared PostgreSQL answers: pure parser and importer tests run without it. */
async function postgresUp(): Promise<boolean> {
  const c = new pg.Client({ connectionString: ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  const name = `duban_tpl_${process.pid}_${Date.now().toString(36)}`;
  const withDb = await postgresUp();
  if (withDb) {
    process.env.DUBAN_TEST_TEMPLATE = name;
    const u = new URL(ADMIN);
    u.pathname = `/${name}`;
    await migrate(u.toString());
  } else {
    console.warn(`PostgreSQL is not reachable at ${ADMIN}: only tests that need no database can pass`);
  }
  const bundle = path.join(ROOT, 'test-output', `bundle-${process.pid}`);
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), bundle], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`bundling for the production tests failed:\n${built.stderr}`);
  process.env.DUBAN_TEST_BUNDLE = bundle;
  return async () => {
    rmSync(bundle, { recursive: true, force: true });
    if (withDb) await dropDatabase(name);
  };
}
