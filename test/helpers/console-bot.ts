/**
 * Talks to the real conversation path through the console channel: messages are stored,
 * handled by the worker processors (run inline), answered and captured here.
 * Needs PostgreSQL (a fresh database per bot).
 */
import { bufferStream } from '../../src/channels/file-stream.ts';
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
  /** sends a file as console user `userId` (its bytes are what the channel downloads); returns the answer */
  sendFile(userId: string, name: string, content: Buffer): Promise<{ text: string; file?: Buffer }>;
  /** the bytes of the last file the bot sent */
  lastFile(): Buffer | undefined;
  /** messages sent to groups (notices) since the last call */
  notices(): Sent[];
  close(): Promise<void>;
}

/** `dashboardSecret: null` runs the bot with the dashboard off (as separate processes without DASHBOARD_SECRET). */
export async function createConsoleBot(opts: { understand?: Understand; env?: Record<string, string>; dashboardSecret?: string | null } = {}): Promise<ConsoleBot> {
  const t = await createTestDatabase('conv');
  const seed = await seedPlan(t.db);
  const clock = fixedClock(REF_NOW);
  const sent: Sent[] = [];
  const files = new Map<Sent, Buffer>();
  const uploads = new Map<string, Buffer>();
  const config = parseConfig({ DATABASE_URL: t.url, LOG_LEVEL: 'silent', ...opts.env });
  const rt = createRuntime(config, {
    inline: true, clock, log: silentLogger, understand: opts.understand, dashboardSecret: opts.dashboardSecret === undefined ? 'test-dashboard-secret-0123456789' : opts.dashboardSecret,
    senders: { console: createConsoleSender((to, m) => {
      const s: Sent = { to, text: m.text, markdown: m.markdown, file: m.file?.name };
      sent.push(s);
      if (m.file) files.set(s, m.file.content);
    }) },
  });
  // the console channel has no file store: files "sent" by a test are fetched from here
  rt.channels.fetchFile = async (_platform, file) => {
    const content = uploads.get(file.mediaId ?? '');
    if (!content) throw new Error(`no such file ${file.name}`);
    return content;
  };
  rt.channels.openFile = async (platform, file) => bufferStream(await rt.channels.fetchFile(platform, file));
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
    async sendFile(userId, name, content) {
      const before = sent.length;
      const mediaId = randomUUID();
      uploads.set(mediaId, content);
      const route = { kind: 'console', extra: { id: randomUUID() } };
      await rt.accept({
        platform: 'console', messageId: randomUUID(), chatType: 'single', chatId: null,
        senderId: userId, senderName: userId, kind: 'file', text: null, quote: null, file: { name, mediaId }, replyTo: route,
      });
      await rt.inline!.drain();
      const reply = sent.slice(before).find((s) => s.to.kind === 'reply' && (s.to.route.extra as { id?: string } | undefined)?.id === route.extra.id);
      if (!reply) throw new Error(`no answer to file ${name}; failures: ${JSON.stringify(rt.inline!.failures)}`);
      return { text: reply.text, file: files.get(reply) };
    },
    lastFile() {
      return [...files.values()].at(-1);
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
