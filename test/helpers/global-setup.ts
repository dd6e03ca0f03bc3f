/**
 * Migrates one template database per test run; each test file then clones it
 * (test/helpers/db.ts), so files never share rows and never edit the schema by hand.
 * The template's name is unique per run so parallel runs never drop each other's.
 */
import { migrate } from '../../src/store/migrate.ts';
import pg from 'pg';

const ADMIN = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

export default async function setup(): Promise<() => Promise<void>> {
  const name = `duban_tpl_${process.pid}_${Date.now().toString(36)}`;
  process.env.DUBAN_TEST_TEMPLATE = name;
  const u = new URL(ADMIN);
  u.pathname = `/${name}`;
  await migrate(u.toString());
  return () => dropDatabase(name);
}
