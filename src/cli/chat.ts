/**
 * `npx duban chat --as "张三@区卫生健康局"` (or --as leader / --as admin): the complete
 * path — store, parse, resolve, authorise, act, answer — against the real database,
 * through the console channel, with no WeCom account. A group can be simulated
 * (--group 区卫生健康局, --group 领导群), files sent (--file PATH, /file PATH), long texts pasted
 * (/paste … /end), and the speaker or chat switched mid-session (/as, /group, /private), so a
 * whole conversation can be replayed from a script on stdin.
 */
import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { bufferStream } from '../channels/file-stream.ts';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.ts';
import { migrate } from '../store/migrate.ts';
import { createRuntime, useSharedLinkKey, type Runtime } from '../main.ts';
import { createConsoleSender } from '../channels/console/sender.ts';
import type { Destination, OutboundMessage } from '../channels/types.ts';
import type { Card } from '../channels/card.ts';
import { cardAsText } from '../render/card.ts';
import { clockFrom } from '../lib/clock.ts';

export interface ConsoleIdentity {
  name: string;
  role: 'member' | 'leader' | 'admin';
  unit: string | null;
}

/** "张三@区卫生健康局" → member of that unit; "leader" / "admin" (or 领导 / 管理员) → that role. */
export function parseIdentity(as: string): ConsoleIdentity {
  if (as === 'leader' || as === '领导') return { name: '领导', role: 'leader', unit: null };
  if (as === 'admin' || as === '管理员') return { name: '管理员', role: 'admin', unit: null };
  // 王局长=领导@区卫生健康局: a leader who belongs to a unit (never reviews that unit's items)
  const leader = /^(.+?)=(?:leader|领导)(?:@(.+))?$/.exec(as);
  if (leader) return { name: leader[1]!, role: 'leader', unit: leader[2] ?? null };
  const [name, unit] = as.split('@');
  if (!name || !unit) throw new Error('--as 的格式是 "姓名@单位"、"姓名=领导"，或 leader / admin');
  return { name, role: 'member', unit };
}

/** The console chat a group name stands for: the demo's bound groups (npx duban demo) are demo-<unit> and demo-leaders. */
export function consoleGroupId(name: string): string {
  return /^(?:领导群|领导|leaders)$/.test(name) ? 'demo-leaders' : `demo-${name}`;
}

/** A printed label for where a message went. */
function placeOf(to: Destination): string | null {
  if (to.kind !== 'group') return null;
  return to.chatId === 'demo-leaders' ? '领导群' : `${to.chatId.replace(/^demo-/, '')}群`;
}

export interface ConsoleSession {
  say(text: string, opts?: { quote?: string | null }): Promise<void>;
  /** clicks the button with these words on `card` (as the platform reports a click: the button's action key and the card's id) */
  click(card: Card, label: string): Promise<void>;
  /** a file, with the words sent along with it (a caption: "2.3 佐证材料") */
  sendFile(file: string, caption?: string, quote?: string | null): Promise<void>;
  as(who: ConsoleIdentity): Promise<void>;
  /** null: a private chat with the bot */
  inGroup(name: string | null): Promise<void>;
  readonly who: ConsoleIdentity;
}

/** Registers the console person (and their unit) and returns the session that speaks for them. */
export async function consoleSession(rt: Runtime, first: ConsoleIdentity, print: (msg: OutboundMessage, to: Destination) => void): Promise<ConsoleSession> {
  let who = first;
  let chatId: string | null = null;
  const register = async (w: ConsoleIdentity) => {
    let unitId: string | null = null;
    if (w.unit) {
      const unit = await rt.store.directory.unitByName(w.unit);
      if (!unit) {
        const names = (await rt.store.directory.units()).map((u) => u.name).join('、');
        throw new Error(`没有找到单位「${w.unit}」。已有单位：${names || '（无，请先导入方案：npx duban demo）'}`);
      }
      unitId = unit.id;
    }
    await rt.store.directory.upsertPerson({ platform: 'console', userId: w.name, name: w.name, role: w.role, unitId });
  };
  await register(who);
  const files = new Map<string, Buffer>();
  rt.channels.fetchFile = async (_platform, file) => {
    const content = files.get(file.mediaId ?? '');
    if (!content) throw new Error(`no such file ${file.name}`);
    return content;
  };
  rt.channels.openFile = async (platform, file) => bufferStream(await rt.channels.fetchFile(platform, file));
  rt.senders.console = createConsoleSender((to, msg) => print(msg, to));
  const accept = async (m: { kind: 'text' | 'file' | 'action'; text: string | null; quote: string | null; file: { name: string; mediaId: string } | null; cardId?: string }) => {
    await rt.accept({
      platform: 'console', messageId: randomUUID(), chatType: chatId ? 'group' : 'single', chatId, senderId: who.name, senderName: who.name,
      kind: m.kind, text: m.text, quote: m.quote, file: m.file, replyTo: { kind: 'console', ...(m.cardId ? { extra: { cardId: m.cardId } } : {}) },
    });
    await rt.inline!.drain();
  };
  return {
    get who() { return who; },
    say: (text, o = {}) => accept({ kind: 'text', text, quote: o.quote ?? null, file: null }),
    async click(card, label) {
      const button = card.buttons.find((b) => b.label === label);
      if (!button) throw new Error(`卡片「${card.title}」上没有按钮「${label}」（有：${card.buttons.map((b) => b.label).join('、') || '无'}）`);
      await accept({ kind: 'action', text: button.action, quote: null, file: null, cardId: card.id });
    },
    async sendFile(file, caption, quote) {
      const mediaId = randomUUID();
      files.set(mediaId, await readFile(file));
      await accept({ kind: 'file', text: caption?.trim() || null, quote: quote ?? null, file: { name: path.basename(file), mediaId } });
    },
    async as(w) { await register(w); who = w; },
    async inGroup(name) {
      chatId = name ? consoleGroupId(name) : null;
      if (!name || !chatId) return;
      // a simulated group is bound like a real one: to its unit, or as the leaders' group
      const leaders = chatId === 'demo-leaders';
      const unit = leaders ? null : await rt.store.directory.unitByName(name);
      if (!leaders && !unit) throw new Error(`没有找到单位「${name}」`);
      const bound = await rt.store.directory.group('console', chatId);
      if (!bound) await rt.store.directory.bindGroup({ platform: 'console', chatId, kind: leaders ? 'leaders' : 'unit', unitId: unit?.id ?? null });
    },
  };
}

const USAGE = [
  'usage: npx duban chat [--as 身份] [--group 群] [--file 文件]   talk to the bot in the terminal, one message per line (Ctrl+D ends)',
  '  --as "张三@区卫生健康局"   a liaison of that unit: 我的任务 / 二（一）进度70% / 二（二）申请延期到明年1月底，原因是…',
  '  --as leader              a leader (default): 哪些逾期了 / 本周到期的 / 汇总一下 / 同意销号 / 撤销',
  '  --as admin               an admin: 帮助 / 停用方案《…》 / 查看提醒设置',
  '  --group 区卫生健康局       speak in that unit\'s group (--group 领导群: the leaders\' group); default: a private chat',
  '  --file PATH              send a file first (a plan document from an admin is imported)',
  'while chatting:',
  '  /paste … /end            send several lines as one message',
  '  /file PATH [说明]         send a file (a photo, a document), with words sent along with it',
  '  /as 李四@医疗保障分局      switch speaker (also /as leader, /as admin, /as 刘局长=领导, /as 王局长=领导@区卫生健康局)',
  '  /group 区卫生健康局 | /group 领导群 | /private   switch chat',
  '  /reply 文本               reply quoting the last message the bot sent here',
  '  /click 销号               click that button on the last card the bot showed (销号/退回, 同意/同意但改日期/驳回, 报进展/申请延期/已办结/查看任务)',
].join('\n');

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { as: { type: 'string', default: 'leader' }, group: { type: 'string' }, file: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // pg 8 warns when Prisma runs a transaction's queries side by side; harmless, and noise in a conversation
  process.noDeprecation = true;
  const config = loadConfig();
  await migrate(config.DATABASE_URL);
  const rt = createRuntime(config, { inline: true, log: (await import('../lib/logger.ts')).silentLogger, clock: clockFrom(config.CLOCK_START) });
  await useSharedLinkKey(rt);
  let last: string | null = null;
  // the cards the bot showed, for /click
  const shown: Card[] = [];
  const session = await consoleSession(rt, parseIdentity(values.as!), (m, to) => {
    const place = placeOf(to);
    if (m.card) shown.push(m.card);
    if (m.card) return void console.log(`${place ? `\n[发往${place}] ` : '\n'}督办助手（卡片）：\n${cardAsText(m.card)}\n`);
    if (m.file) {
      const out = path.resolve(m.file.name);
      void writeFile(out, m.file.content).then(() => console.log(`（文件已保存：${out}）`));
    }
    if (!place) last = m.text;
    console.log(place ? `\n[发往${place}] 督办助手：\n${m.text}\n` : `\n督办助手：\n${m.text}\n`);
  });
  if (values.group) await session.inGroup(values.group);
  const where = () => (values.group ? `在「${values.group}」群里` : '在单聊中');
  console.log(`以「${session.who.name}」${session.who.unit ? `（${session.who.unit}）` : ''}身份${where()}对话，输入“帮助”查看用法，/help 查看控制台命令，Ctrl+D 退出。`);
  if (values.file) await session.sendFile(values.file);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '> ', terminal: process.stdin.isTTY });
  let pasting: string[] | null = null;
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.replace(/\r$/, '');
    try {
      if (pasting) {
        if (line.trim() === '/end') { const text = pasting.join('\n'); pasting = null; if (text.trim()) await session.say(text); } else pasting.push(line);
      } else if (line.trim() === '/paste') pasting = [];
      else if (line.trim() === '/help') console.log(USAGE);
      else if (line.startsWith('/file ')) await session.sendFile(...fileAndCaption(line.slice(6).trim()));
      else if (line.startsWith('/as ')) { await session.as(parseIdentity(line.slice(4).trim())); console.log(`（现在以「${session.who.name}」身份发言）`); }
      else if (line.startsWith('/group ')) { await session.inGroup(line.slice(7).trim()); console.log(`（现在在「${line.slice(7).trim()}」群里）`); }
      else if (line.trim() === '/private') { await session.inGroup(null); console.log('（现在在单聊中）'); }
      else if (line.startsWith('/reply ')) await session.say(line.slice(7).trim(), { quote: last ? `督办助手：${last}` : null });
      else if (line.startsWith('/click ')) {
        // the latest card showing that button (a decided card shows none: a second /click is a double click)
        const label = line.slice(7).trim();
        const card = shown.findLast((c) => c.buttons.some((b) => b.label === label)) ?? shown.at(-1);
        if (!card) console.log('（这里还没有卡片）'); else await session.click(card, label);
      }
      else if (line.trim()) await session.say(line.trim());
    } catch (e) {
      console.log(`（${(e as Error).message}）`);
    }
    rl.prompt();
  }
  await rt.close();
  return 0;
}

/** "/file 验收报告.pdf 2.3 佐证材料": the path (a whole existing path may contain spaces), then the caption. */
function fileAndCaption(rest: string): [string, string | undefined] {
  if (existsSync(rest)) return [rest, undefined];
  const m = /^(\S+)\s+(.+)$/.exec(rest);
  return m ? [m[1]!, m[2]] : [rest, undefined];
}
