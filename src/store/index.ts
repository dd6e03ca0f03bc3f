/**
 * The store: the only place that talks to PostgreSQL. One file of functions per entity;
 * `transaction` gives the same functions bound to one interactive transaction. Inside a
 * transaction, `transaction` joins it (PostgreSQL has no nested transactions): a message's
 * whole handling commits or rolls back as one, with the intents' own transactions inside it.
 */
import { systemClock, type Clock } from '../lib/clock.ts';
import type { Db } from './db.ts';
import type { DbClient } from './client.ts';
import { messagesStore } from './messages.ts';
import { tasksStore } from './tasks.ts';
import { directoryStore } from './directory.ts';
import { recordsStore, dialogsStore } from './records.ts';
import { outboxStore } from './outbox.ts';
import { plansStore } from './plans.ts';
import { ledgerStore } from './ledger.ts';
import { remindersStore } from './reminders.ts';
import { changesStore } from './changes.ts';
import { settingsStore } from './settings.ts';
import { linksStore } from './links.ts';
import { reportingStore } from './reporting.ts';
import { cardsStore } from './cards.ts';
import { evidenceStore } from './evidence.ts';
import { pgFileStore, type FileStore } from './file-store.ts';

export { createDb, closeDb, type Db } from './db.ts';
export type { DbClient } from './client.ts';

export interface Store {
  messages: ReturnType<typeof messagesStore>;
  tasks: ReturnType<typeof tasksStore>;
  directory: ReturnType<typeof directoryStore>;
  records: ReturnType<typeof recordsStore>;
  dialogs: ReturnType<typeof dialogsStore>;
  outbox: ReturnType<typeof outboxStore>;
  plans: ReturnType<typeof plansStore>;
  ledger: ReturnType<typeof ledgerStore>;
  reminders: ReturnType<typeof remindersStore>;
  changes: ReturnType<typeof changesStore>;
  settings: ReturnType<typeof settingsStore>;
  links: ReturnType<typeof linksStore>;
  reporting: ReturnType<typeof reportingStore>;
  cards: ReturnType<typeof cardsStore>;
  evidence: ReturnType<typeof evidenceStore>;
  /** received files' bytes, by content (written and read as streams, outside any transaction) */
  files: FileStore;
  /** readiness: one round trip to PostgreSQL */
  ping(): Promise<void>;
  transaction<T>(fn: (tx: Store) => Promise<T>, opts?: { timeoutMs?: number }): Promise<T>;
}

/** How long a transaction may wait for a connection from the pool (Prisma's default is 2 s, too short under a full worker). */
const TRANSACTION_MAX_WAIT_MS = 10_000;

function bind(db: DbClient, root: Db, now: () => Date, inTransaction = false): Store {
  const store: Store = {
    messages: messagesStore(db, root.sql),
    tasks: tasksStore(db),
    directory: directoryStore(db),
    records: recordsStore(db, now),
    dialogs: dialogsStore(db),
    outbox: outboxStore(db),
    plans: plansStore(db, root),
    ledger: ledgerStore(db, now),
    reminders: remindersStore(db),
    changes: changesStore(db, now),
    settings: settingsStore(db),
    links: linksStore(db, root.sql),
    reporting: reportingStore(db),
    cards: cardsStore(db),
    evidence: evidenceStore(db),
    files: pgFileStore(root.sql),
    ping: async () => void (await root.sql.query('select 1')),
    transaction: (fn, opts) => (inTransaction
      ? fn(store)
      : root.$transaction((tx) => fn(bind(tx, root, now, true)), { timeout: opts?.timeoutMs ?? 15_000, maxWait: TRANSACTION_MAX_WAIT_MS })),
  };
  return store;
}

/** `clock`: what audit rows are dated by (the runtime's; a test's fixed clock keeps them on its day). */
export function createStore(db: Db, clock: Clock = systemClock): Store {
  return bind(db, db, () => clock.now());
}
