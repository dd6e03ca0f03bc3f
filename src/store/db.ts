/**
 * The database handle: one pg pool, used by the Prisma client (through the pg driver adapter;
 * Prisma 7 has no Rust query engine) and directly as `sql` by the inbox queries a web process
 * runs (store/messages.ts). A web process that only stores callbacks therefore never loads
 * Prisma's WASM query compiler (~60 MB). Only src/store/ imports the generated client.
 */
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.ts';

export type Db = PrismaClient & { readonly sql: pg.Pool };
export { Prisma } from './generated/client.ts';
export type * from './generated/models.ts';

export function createDb(databaseUrl: string, opts: { poolSize?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.poolSize ?? 10 });
  // An idle connection dropped by a PostgreSQL restart must not crash the process: the pool
  // discards it and the next query opens a new one (or fails, and its caller answers for it).
  pool.on('error', () => {});
  return Object.assign(new PrismaClient({ adapter: new PrismaPg(pool) }), { sql: pool });
}

/** Disconnects Prisma and closes the pool (which Prisma does not own). */
export async function closeDb(db: Db): Promise<void> {
  await db.$disconnect();
  if (!db.sql.ended) await db.sql.end();
}
