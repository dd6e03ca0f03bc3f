/**
 * `npx duban messages`: the messages an operator should look at — answers whose delivery is
 * unknown (a worker died mid-send, or the platform did not answer after the request left;
 * never sent again, so check with the user), answers that failed, and messages given up after
 * repeated handling failures (the user was told 处理出错). One line each, newest first.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.ts';
import { closeDb, createDb, createStore } from '../store/index.ts';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { limit: { type: 'string', default: '50' } } });
  const db = createDb(loadConfig().DATABASE_URL);
  try {
    const rows = await createStore(db).messages.needingAttention(Number(values.limit) || 50);
    if (!rows.length) console.log('no message needs attention');
    for (const r of rows) {
      const what = r.error ? `given up after ${r.handleAttempts} attempts: ${r.error}` : `answer ${r.answerState}: ${r.answerError ?? ''}`;
      console.log(`${r.receivedAt.toISOString()}  ${r.platform}:${r.messageId}  ${what}  «${(r.text ?? '').slice(0, 40)}»`);
    }
    return rows.length ? 1 : 0;
  } finally {
    await closeDb(db);
  }
}
