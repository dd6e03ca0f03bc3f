/**
 * The store: the only place that talks to PostgreSQL. One file of functions per entity;
 * `transaction` gives the same functions bound to one interactive transaction.
 */
import type { Db } from './db.ts';
import type { DbClient } from './client.ts';
import { messagesStore } from './messages.ts';
import { tasksStore } from './tasks.ts';
import { directoryStore } from './directory.ts';
import { recordsStore, dialogsStore } from './records.ts';
import { outboxStore } from './outbox.ts';

export { createDb, closeDb, type Db } from './db.ts';
export type { DbClient } from './client.ts';

export interface Store {
  db: DbClient;
  messages: ReturnType<typeof messagesStore>;
  tasks: ReturnType<typeof tasksStore>;
  directory: ReturnType<typeof directoryStore>;
  records: ReturnType<typeof recordsStore>;
  dialogs: ReturnType<typeof dialogsStore>;
  outbox: ReturnType<typeof outboxStore>;
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
}

function bind(db: DbClient, root: Db): Store {
  return {
    db,
    messages: messagesStore(db, root.sql),
    tasks: tasksStore(db),
    directory: directoryStore(db),
    records: recordsStore(db),
    dialogs: dialogsStore(db),
    outbox: outboxStore(db),
    transaction: (fn) => root.$transaction((tx) => fn(bind(tx, root)), { timeout: 15_000 }),
  };
}

export function createStore(db: Db): Store {
  return bind(db, db);
}
