/**
 * Talks to the real conversation path through the console channel: messages are stored,
 * handled by the worker processors (run inline), answered and captured here.
 * Needs PostgreSQL (a fresh database per bot).
 */
import { randomUUID } from 'node:crypto';
import { parseConfig } from '../../src/config/load.ts';
import { createRuntime, type Runtime } from '../../src/main.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { createConsoleSender } from '../../src/channels/console/sender.ts';
import type { Destination } from '../../src/channels/types.ts';
import type { Understand } from '../../src/conversation/handle-message.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { REF_NOW, seedPlan } from './seed.ts';

export interface Sent { to: Destination; text: string; markdown: string; file?: string }

export interface ConsoleBot {
  rt: Runtime;
  t: TestDatabase;
  seed: Awaited<ReturnType<typeof seedPlan>>;
  clock: ReturnType<typeof fixedClock>;
  sent: Sent[];
  /** says `text` as console user `userId`; returns the answer text to that message */
  say(userId: string, text: string, opts?: { chatId?: string; quote?: string }): Promise<string>;
  /** messages sent to groups (notices) since the last call */
  notices(): Sent[];
  close(): Promise<void>;
}

export async function createConsoleBot(opts: { understand?: Understand } = {}): Promise<ConsoleBot> {
  const t = await createTestDatabase('conv');
  const seed = await seedPlan(t.db);
  const clock = fixedClock(REF_NOW);
  const sent: Sent[] = [];
  const config = parseConfig({ DATABASE_URL: t.url, LOG_LEVEL: 'silent' });
  const rt = createRuntime(config, {
    inline: true, clock, log: silentLogger, understand: opts.understand, dashboardSecret: 'test-dashboard-secret-0123456789',
    senders: { console: createConsoleSender((to, m) => sent.push({ to, text: m.text, markdown: m.markdown, file: m.file?.name })) },
  });
  let noticeMark = 0;
  return {
    rt, t, seed, clock, sent,
    async say(userId, text, o = {}) {
      const before = sent.length;
      const route = { kind: 'console', extra: { id: randomUUID() } };
      await rt.accept({
        platform: 'console', messageId: randomUUID(), chatType: o.chatId ? 'group' : 'single', chatId: o.chatId ?? null,
        senderId: userId, senderName: userId, kind: 'text', text, quote: o.quote ?? null, file: null, replyTo: route,
      });
      await rt.inline!.drain();
      const reply = sent.slice(before).find((s) => s.to.kind === 'reply' && (s.to.route.extra as { id?: string } | undefined)?.id === route.extra.id);
      if (!reply) throw new Error(`no answer to "${text}"; failures: ${JSON.stringify(rt.inline!.failures)}`);
      return reply.text;
    },
    notices() {
      const out = sent.slice(noticeMark).filter((s) => s.to.kind === 'group');
      noticeMark = sent.length;
      return out;
    },
    async close() {
      await rt.close();
      await t.drop();
    },
  };
}
