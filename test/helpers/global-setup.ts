/**
 * Migrates one template database once per run; each test file then clones it
 * (test/helpers/db.ts), so files never share rows and never edit the schema by hand.
 */
import { migrate } from '../../src/store/migrate.ts';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const TEMPLATE_DB = 'duban_test_template';

export default async function setup(): Promise<void> {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${TEMPLATE_DB}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
  await admin.end();
  await migrate(u.toString());
}
