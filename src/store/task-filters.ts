/**
 * SQL twins of src/tasks/status.ts, built from the same thresholds so lists and answers
 * never disagree. `today` is a Shanghai day 'YYYY-MM-DD'.
 */
import { Prisma } from './generated/client.ts';
import { DUE_SOON_DAYS } from '../tasks/status.ts';
import { addDays } from '../lib/shanghai.ts';

/** CASE expression giving the TaskStatus of table alias `t`. */
export function statusSql(today: string): Prisma.Sql {
  const soon = addDays(today, DUE_SOON_DAYS);
  return Prisma.sql`case
    when t.state in ('done','cancelled') then 'done'
    when t.state = 'claimed_done' then 'review'
    when t."dueDate" is null and t."dueKind" in ('ongoing','recurring') then 'ongoing'
    when t."dueDate" is null then 'unknown'
    when t."dueDate" < ${today}::date then 'overdue'
    when t."dueDate" <= ${soon}::date then 'due_soon'
    else 'on_track' end`;
}

/** Prisma `where` for open tasks overdue by more than `minDays` calendar days. */
export function overdueWhere(today: string, minDays = 0): Prisma.TaskWhereInput {
  return { state: 'open', dueDate: { lt: new Date(`${addDays(today, -minDays)}T00:00:00Z`) } };
}

/** Prisma `where` for open tasks due between two days inclusive. */
export function dueBetweenWhere(from: string, to: string): Prisma.TaskWhereInput {
  return { state: 'open', dueDate: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${to}T00:00:00Z`) } };
}
