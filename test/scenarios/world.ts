/**
 * The world a scenario runs in: the demo (demo/plan.txt imported and activated, a liaison of
 * 区卫生健康局, a leader, an admin, the demo's unit and leaders' groups) on a fresh database, at
 * the scenario's clock, spoken to through the console channel exactly as `npx duban chat` does.
 * After each message it reads from PostgreSQL what the message did.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/server/app.ts';
import { operatorPages } from '../../src/wiring/operator-pages.ts';
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
import { remindersOf } from '../../src/wiring/reminders.ts';
import { shanghaiDay, shanghaiInstant } from '../../src/lib/shanghai.ts';
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
  /** ⏰: send the reminders due by the clock; what went where */
  runReminders(): Promise<Said>;
  /** follows a link from a notice on this world's web app: null when it opens the task's page with `count` files, each downloadable; else why not */
  open?(url: string, taskId: string, count: number): Promise<string | null>;
  close(): Promise<void>;
}

/** A scenario's file: a path in the repository, or "21MB 扫描件.pdf" (a made-up PDF of that size). */
async function fileFor(spec: string): Promise<string> {
  const made = /^(\d+)MB\s+(.+)$/.exec(spec);
  if (!made) return path.resolve(spec);
  const dir = await mkdtemp(path.join(tmpdir(), 'duban-scn-'));
  const out = path.join(dir, made[2]!);
  const content = Buffer.alloc(Number(made[1]) * 1024 * 1024, 0x20);
  content.write('%PDF-1.4\n', 0);
  await writeFile(out, content);
  return out;
}

export async function createWorld(opts: { start: string; plans: string[]; groups: string[]; policies?: { ref: string; json: Record<string, unknown> }[] }): Promise<World> {
  const t = await createTestDatabase('scn');
  const clock = fixedClock(opts.start);
  const rt = createRuntime(parseConfig({ DATABASE_URL: t.url, LOG_LEVEL: 'silent' }), { inline: true, clock, log: silentLogger, dashboardSecret: 'scenario-dashboard-secret-0123456789' });
  const demo = await seedDemo(rt);
  const planIds: string[] = [];
  for (const name of opts.plans) {
    const plan = await importDocument(await readFile(path.join(PLANS, `${name}.txt`)), { fileName: `${name}.txt` });
    const saved = await saveImportedPlan(rt.store.plans, plan, { sourceName: `${name}.txt` });
    await rt.store.plans.setStatus(saved.planId, 'active');
    planIds.push(saved.planId);
  }
  // what the bot sent unprompted (reminders, notices), collected while ⏰ runs
  let sent: { chatId: string; text: string }[] | null = null;
  for (const p of opts.policies ?? []) {
    const task = await t.db.task.findFirst({ where: { planId: demo.planId, pathKey: pathKey(p.ref)! } });
    if (!task) throw new Error(`policy for ${p.ref}: no such task`);
    await t.db.task.update({ where: { id: task.id }, data: { reminderPolicy: p.json as never } });
  }
  // the bot's last message in each chat, for replies that quote it (↩), and its last card (⊡)
  const last = new Map<string, string>();
  const cards = new Map<string, Card[]>();
  const place = (group: string | null) => (group ? consoleGroupId(group) : 'private');
  let session: ConsoleSession | null = null;
  let web: Server | null = null;
  let current: string | null = null;
  const open = async (who: string) => {
    const id = parseIdentity(who);
    if (!session) {
      session = await consoleSession(rt, id, (m, to) => {
        const key = to.kind === 'group' ? to.chatId : current ?? 'private';
        last.set(key, m.text);
        sent?.push({ chatId: key, text: m.text });
        if (m.card) cards.set(key, [...(cards.get(key) ?? []), m.card]);
      });
    } else await session.as(id);
    return session;
  };
  for (const g of opts.groups) {
    const s = await open('管理员');
    await s.inGroup(g);
  }
  // the extra plans' tasks reach their units as on activation (after the groups are bound)
  const reminders = await remindersOf(rt);
  for (const planId of planIds) await reminders.startSigning({ planId });
  /** reminder jobs to units with no bound group fail by design (recorded for admins): not a scenario failure */
  const failed = () => rt.inline!.failures.splice(0).filter((f) => !/no bound group/.test(f.error));
  const placeOf = async (chatId: string) => {
    const g = await t.db.chatGroup.findFirst({ where: { platform: 'console', chatId }, include: { unit: true } });
    return g?.kind === 'leaders' ? '领导群' : g?.unit?.name ?? chatId;
  };
  return {
    rt, t, clock, demoPlanId: demo.planId,
    async say(who, group, text, quote, click) {
      const s = await open(who);
      await s.inGroup(group);
      current = place(group);
      const quoted = quote ? last.get(current) ?? null : null;
      if (quote && !quoted) throw new Error(`nothing to quote in ${current}`);
      const before = new Date();
      sent = [];
      const file = /^\[file\s+([^\]]+)\]\s*(.*)$/.exec(text);
      if (click) {
        // the latest card here with that button (an updated card has none: clicking again is a double click),
        // or, for "同意 二（三）", the latest whose title names that task
        const [label, ref] = text.split(/\s+/) as [string, string | undefined];
        const names = (c: Card) => !ref || pathKey(c.title.split('：').at(-1) ?? '') === pathKey(ref);
        const card = (cards.get(current) ?? []).findLast((c) => c.buttons.some((b) => b.label === label) && names(c));
        if (!card) throw new Error(`no card with a button ${text} in ${current}`);
        await s.click(card, label);
      } else if (file) await s.sendFile(await fileFor(file[1]!.trim()), file[2]!.trim() || undefined, quoted ? `督办助手：${quoted}` : null);
      else await s.say(text, { quote: quoted ? `督办助手：${quoted}` : null });
      const failures = failed();
      if (failures.length) throw new Error(`jobs failed: ${JSON.stringify(failures)}`);
      const msg = await t.db.inboundMessage.findFirst({ where: { platform: 'console', senderId: parseIdentity(who).name, receivedAt: { gte: new Date(before.getTime() - 1000) } }, orderBy: { receivedAt: 'desc' } });
      if (!msg) throw new Error(`"${text}" was not stored`);
      const all = await t.db.outbox.findMany({ where: { id: { startsWith: `${msg.id}:` } } });
      // a decided card sent back on the click's route is the click's answer, not a notice
      const updates = all.filter((o) => o.id.startsWith(`${msg.id}:card`));
      const outbox = all.filter((o) => !updates.includes(o));
      const notices = await Promise.all(outbox.map(async (o) => {
        const d = o.destination as { chatId?: string; kind: string; userIds?: string[] };
        if (d.kind === 'user') return { place: `私信${d.userIds?.[0] ?? ''}`, text: o.markdown };
        const chatId = d.chatId ?? '';
        const g = await t.db.chatGroup.findFirst({ where: { platform: 'console', chatId }, include: { unit: true } });
        return { place: g?.kind === 'leaders' ? '领导群' : g?.unit?.name ?? chatId, text: o.markdown };
      }));
      // a reminder the turn set off at once (a 任务通知 on activation) is said there too, though not a notice of the answer
      const setOff = await Promise.all((sent ?? []).filter((m) => !all.some((o) => o.markdown === m.text)).map(async (m) => ({ place: await placeOf(m.chatId), text: m.text })));
      sent = null;
      const answer = [msg.answer ?? '', ...updates.map((u) => u.markdown)].filter(Boolean).join('\n');
      return { answer, messageId: msg.id, outcome: msg.outcome, told: [...new Set(notices.map((n) => n.place))], notices: [...notices, ...setOff] };
    },
    async runReminders() {
      const now = clock.now();
      // the console channel is set up by the first message; a conversation may open with ⏰
      if (!session) await open('管理员');
      sent = [];
      try {
        await reminders.reconcileAll(shanghaiInstant(shanghaiDay(now)));
        const due = await t.db.reminder.findMany({ where: { state: 'queued', slot: { lte: now } }, orderBy: { slot: 'asc' }, select: { id: true } });
        for (const r of due) await reminders.processors['send-reminder']!({ reminderId: r.id }, { attemptsMade: 0 } as never).catch((e: Error) => { if (!/no bound group/.test(e.message)) throw e; });
        await rt.inline!.drain();
        const failures = failed();
        if (failures.length) throw new Error(`jobs failed: ${JSON.stringify(failures)}`);
        const notices = await Promise.all(sent.map(async (m) => ({ place: await placeOf(m.chatId), text: m.text })));
        return { answer: notices.map((n) => n.text).join('\n'), messageId: '', outcome: null, told: [...new Set(notices.map((n) => n.place))], notices };
      } finally {
        sent = null;
      }
    },
    async open(url, taskId, count) {
      if (!web) {
        const app = createApp({ log: silentLogger, routers: [], checks: {}, extra: operatorPages(rt) });
        web = app.listen(0, '127.0.0.1');
        await new Promise((r) => web!.once('listening', r));
      }
      const base = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
      const u = new URL(url);
      if (!u.pathname.startsWith(`/dashboard/task/${taskId}`)) return `the link opens ${u.pathname}, not the task's page`;
      const res = await fetch(base + u.pathname + u.search);
      if (res.status !== 200) return `the link answered HTTP ${res.status}`;
      const html = (await res.text()).replace(/&#x2F;/g, '/').replace(/&#x3D;/g, '=');
      const files = [...new Set([...html.matchAll(/href="(\/dashboard\/file\/[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')))];
      if (files.length !== count) return `the page lists ${files.length} files, not ${count}`;
      for (const f of files) {
        const r = await fetch(base + f);
        await r.arrayBuffer();
        if (r.status !== 200 || r.headers.get('x-content-type-options') !== 'nosniff') return `${f} answered HTTP ${r.status}`;
      }
      return null;
    },
    async close() {
      if (web) await new Promise((r) => web!.close(r));
      await rt.close();
      await t.drop();
    },
  };
}
