// Needs PostgreSQL and Redis: the production path with real BullMQ workers — a message is
// stored, handled by a worker and answered exactly once, even when the platform delivers
// it three times and a second worker runs beside the first.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { parseConfig } from '../../src/config/load.ts';
import { createRuntime, startWorker, type Runtime } from '../../src/main.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { createConsoleSender } from '../../src/channels/console/sender.ts';
import type { Workers } from '../../src/queue/queues.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedPlan } from '../helpers/seed.ts';
import { waitFor } from '../helpers/wait-for.ts';

let t: TestDatabase;
let rts: Runtime[] = [];
let workers: Workers[] = [];
const answers: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase('worker');
  await seedPlan(t.db);
  const config = parseConfig({ DATABASE_URL: t.url, QUEUE_PREFIX: `t${randomUUID().slice(0, 8)}`, LOG_LEVEL: 'silent' });
  for (let i = 0; i < 2; i += 1) {
    const rt = createRuntime(config, { log: silentLogger, senders: { console: createConsoleSender((_to, m) => answers.push(m.text)) } });
    rts.push(rt);
    workers.push(await startWorker(rt));
  }
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  for (const q of Object.values(rts[0]!.queues!.queues)) await q.obliterate({ force: true });
  await Promise.all(rts.map((r) => r.close()));
  await t.drop();
});

/** No message or answer job waiting or running. */
async function idle(): Promise<boolean> {
  const { inbound, outbound } = rts[0]!.queues!.queues;
  const counts = await Promise.all([inbound, outbound].map((q) => q.getJobCounts('active', 'wait', 'prioritized', 'delayed')));
  return counts.every((c) => (c.active ?? 0) + (c.wait ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0) === 0);
}

it('answers a message once although it was delivered three times to two web processes', async () => {
  const m = {
    platform: 'console' as const, messageId: `dup-${randomUUID()}`, chatType: 'single' as const, chatId: null, senderId: 'wang', senderName: '王局长',
    kind: 'text' as const, text: '帮助', quote: null, file: null, replyTo: { kind: 'console' },
  };
  await Promise.all([rts[0]!.accept(m), rts[1]!.accept(m), rts[0]!.accept(m)]);
  // Done: the message handled, its answer recorded sent, and no job left that could send again.
  const row = await waitFor(async () => {
    const r = await t.db.inboundMessage.findFirst({ where: { messageId: m.messageId } });
    return r?.handledAt && r.answerState === 'sent' && (await idle()) ? r : null;
  }, { what: 'the message handled and answered' });
  expect(answers).toHaveLength(1);
  expect(row.answerAttempts).toBe(1);
});
