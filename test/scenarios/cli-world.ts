/**
 * The same world as world.ts, driven the way a newcomer drives it: `npx duban demo` and one
 * `npx duban chat` process fed line by line (/as, /group, /private, /reply switch speaker, chat and
 * quoting), at CLOCK_START. What each message did is read from PostgreSQL as in world.ts, so
 * the same expectations are checked.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixedClock } from '../../src/lib/clock.ts';
import { createTestDatabase } from '../helpers/db.ts';
import { waitFor } from '../helpers/wait-for.ts';
import type { World } from './world.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'duban.mjs');
const PLANS = path.join(ROOT, 'test', 'scenarios', 'plans');

function duban(args: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`duban ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

export async function createCliWorld(opts: { start: string; plans: string[]; groups: string[] }): Promise<World> {
  const t = await createTestDatabase('cli');
  const env = { ...process.env, DATABASE_URL: t.url, CLOCK_START: opts.start, LOG_LEVEL: 'silent', DASHBOARD_SECRET: 'cli-scenario-secret-0123456789' };
  duban(['demo'], env);
  for (const name of opts.plans) {
    const saved = duban(['import', '--save', path.join(PLANS, `${name}.txt`)], env);
    const id = /plan ([0-9a-f-]{36})/.exec(saved)?.[1];
    if (!id) throw new Error(`no plan id in: ${saved}`);
    duban(['plans', 'activate', id, '--yes'], env);
  }
  const demoPlanId = (await t.db.plan.findFirstOrThrow({ where: { title: { contains: '深化医药卫生体制改革' } } })).id;
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [BIN, 'chat', '--as', '管理员'], { cwd: ROOT, env });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString('utf8'); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString('utf8'); });
  /** Sends one line and waits for the prompt that follows its answer. */
  const line = async (text: string) => {
    const mark = out.length;
    child.stdin.write(`${text}\n`);
    await waitFor(() => out.slice(mark).includes('> '), { timeoutMs: 60_000, what: `the answer to ${text}` });
    return out.slice(mark);
  };
  await waitFor(() => out.includes('> '), { timeoutMs: 60_000, what: 'the chat prompt' });
  for (const g of opts.groups) await line(`/group ${g}`);
  let who: string | null = null;
  let where: string | null | undefined;
  const clock = fixedClock(opts.start);
  return {
    t, clock, demoPlanId,
    async say(speaker, group, text, quote, click) {
      if (speaker !== who) { await line(`/as ${speaker}`); who = speaker; }
      if (group !== where) { await line(group ? `/group ${group}` : '/private'); where = group; }
      const before = new Date();
      await line(click ? `/click ${text}` : quote ? `/reply ${text}` : text);
      const name = speaker.replace(/[@=].*$/, '') === 'leader' ? '领导' : speaker.replace(/[@=].*$/, '');
      const msg = await t.db.inboundMessage.findFirst({ where: { platform: 'console', senderId: name, receivedAt: { gte: new Date(before.getTime() - 1000) } }, orderBy: { receivedAt: 'desc' } });
      if (!msg) throw new Error(`"${text}" was not stored; the chat printed: ${out.slice(-500)}`);
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
    async runReminders(): Promise<never> {
      throw new Error('⏰ needs the in-process world (test/scenarios/world.ts), not the CLI');
    },
    async close() {
      child.stdin.end();
      await new Promise((r) => child.once('exit', r));
      await t.drop();
    },
  };
}
