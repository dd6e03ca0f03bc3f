/**
 * The world a scenario runs in: the demo (demo/plan.txt imported and activated, a liaison of
 * 区卫生健康局, a leader, an admin, the demo's unit and leaders' groups) on a fresh database, at
 * the scenario's clock, spoken to through the console channel exactly as `npx duban chat` does.
 * After each message it reads from PostgreSQL what the message did.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../src/config/load.ts';
import { createRuntime, type Runtime } from '../../src/main.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { seedDemo } from '../../src/cli/demo.ts';
import { consoleGroupId, consoleSession, parseIdentity, type ConsoleSession } from '../../src/cli/chat.ts';
import { importDocument } from '../../src/importer/index.ts';
import { saveImportedPlan } from '../../src/importer/save.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import type { Card } from '../../src/channels/card.ts';
import { pathKey } from '../../src/tasks/path-key.ts';

const PLANS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'plans');

export interface Said {
  answer: string;
  messageId: string;
  outcome: string | null;
  /** where the message's notices went: unit names and 领导群 */
  told: string[];
  /** the text of each notice, by where it went */
  notices: { place: string; text: string }[];
}

export interface World {
  /** the in-process runtime (absent when driven through the CLI) */
  rt?: Runtime;
  t: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  demoPlanId: string;
  /** `click`: `text` is the label of a button on the bot's last card in that chat */
  say(who: string, group: string | null, text: string, quote: boolean, click?: boolean): Promise<Said>;
  close(): Promise<void>;
}

export async function createWorld(opts: { start: string; plans: string[]; groups: string[] }): Promise<World> {
  const t = await createTestDatabase('scn');
  const clock = fixedClock(opts.start);
  const rt = createRuntime(parseConfig({ DATABASE_URL: t.url, LOG_LEVEL: 'silent' }), { inline: true, clock, log: silentLogger, dashboardSecret: 'scenario-dashboard-secret-0123456789' });
  const demo = await seedDemo(rt);
  for (const name of opts.plans) {
    const plan = await importDocument(await readFile(path.join(PLANS, `${name}.txt`)), { fileName: `${name}.txt` });
    const saved = await saveImportedPlan(rt.store.plans, plan, { sourceName: `${name}.txt` });
    await rt.store.plans.setStatus(saved.planId, 'active');
  }
  // the bot's last message in each chat, for replies that quote it (↩), and its last card (⊡)
  const last = new Map<string, string>();
  const cards = new Map<string, Card[]>();
  const place = (group: string | null) => (group ? consoleGroupId(group) : 'private');
  let session: ConsoleSession | null = null;
  let current: string | null = null;
  const open = async (who: string) => {
    const id = parseIdentity(who);
    if (!session) {
      session = await consoleSession(rt, id, (m, to) => {
        const key = to.kind === 'group' ? to.chatId : current ?? 'private';
        last.set(key, m.text);
        if (m.card) cards.set(key, [...(cards.get(key) ?? []), m.card]);
      });
    } else await session.as(id);
    return session;
  };
  for (const g of opts.groups) {
    const s = await open('管理员');
    await s.inGroup(g);
  }
  return {
    rt, t, clock, demoPlanId: demo.planId,
    async say(who, group, text, quote, click) {
      const s = await open(who);
      await s.inGroup(group);
      current = place(group);
      const quoted = quote ? last.get(current) ?? null : null;
      if (quote && !quoted) throw new Error(`nothing to quote in ${current}`);
      const before = new Date();
      if (click) {
        // the latest card here with that button (an updated card has none: clicking again is a double click),
        // or, for "同意 二（三）", the latest whose title names that task
        const [label, ref] = text.split(/\s+/) as [string, string | undefined];
        const names = (c: Card) => !ref || pathKey(c.title.split('：').at(-1) ?? '') === pathKey(ref);
        const card = (cards.get(current) ?? []).findLast((c) => c.buttons.some((b) => b.label === label) && names(c));
        if (!card) throw new Error(`no card with a button ${text} in ${current}`);
        await s.click(card, label);
      } else await s.say(text, { quote: quoted ? `督办助手：${quoted}` : null });
      const failures = rt.inline!.failures.splice(0);
      if (failures.length) throw new Error(`jobs failed: ${JSON.stringify(failures)}`);
      const msg = await t.db.inboundMessage.findFirst({ where: { platform: 'console', senderId: parseIdentity(who).name, receivedAt: { gte: new Date(before.getTime() - 1000) } }, orderBy: { receivedAt: 'desc' } });
      if (!msg) throw new Error(`"${text}" was not stored`);
      const all = await t.db.outbox.findMany({ where: { id: { startsWith: `${msg.id}:` } } });
      // a decided card sent back on the click's route is the click's answer, not a notice
      const updates = all.filter((o) => o.id.startsWith(`${msg.id}:card`));
      const outbox = all.filter((o) => !updates.includes(o));
      const notices = await Promise.all(outbox.map(async (o) => {
        const chatId = (o.destination as { chatId?: string }).chatId ?? '';
        const g = await t.db.chatGroup.findFirst({ where: { platform: 'console', chatId }, include: { unit: true } });
        return { place: g?.kind === 'leaders' ? '领导群' : g?.unit?.name ?? chatId, text: o.markdown };
      }));
      const answer = [msg.answer ?? '', ...updates.map((u) => u.markdown)].filter(Boolean).join('\n');
      return { answer, messageId: msg.id, outcome: msg.outcome, told: [...new Set(notices.map((n) => n.place))], notices };
    },
    async close() {
      await rt.close();
      await t.drop();
    },
  };
}
