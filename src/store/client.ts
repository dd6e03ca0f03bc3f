/** A Prisma client or an interactive transaction: store functions work with either. */
import type { Db } from './db.ts';
import type { Prisma } from './generated/client.ts';

export type DbClient = Db | Prisma.TransactionClient;
