/**
 * A fresh, migrated database per test file, cloned from the template made in global-setup.
 * Needs the shared PostgreSQL on 127.0.0.1:5432.
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { closeDb, createDb, type Db } from '../../src/store/db.ts';

const ADMIN = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix = 't'): Promise<TestDatabase> {
  const name = `duban_${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  // CREATE DATABASE … TEMPLATE fails if another session is connected to the template; retry briefly.
  for (let i = 0; ; i += 1) {
    try {
      await admin.query(`create database ${name} template ${process.env.DUBAN_TEST_TEMPLATE ?? 'duban_test_template'}`);
      break;
    } catch (e) {
      if (i > 20) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const u = new URL(ADMIN);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = createDb(url, { poolSize: 5 });
  return {
    url,
    db,
    async drop() {
      await closeDb(db);
      const c = new pg.Client({ connectionString: ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
