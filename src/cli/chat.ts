/**
 * `npx duban chat --as "张三@区卫生健康局"` (or --as leader / --as admin): the complete
 * path — store, parse, resolve, authorise, act, answer — against the real database,
 * through the console channel, with no WeCom account.
 */
import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.ts';
import { migrate } from '../store/migrate.ts';
import { createRuntime, type Runtime } from '../main.ts';
import { createConsoleSender } from '../channels/console/sender.ts';
import type { OutboundMessage } from '../channels/types.ts';

export interface ConsoleIdentity {
  name: string;
  role: 'member' | 'leader' | 'admin';
  unit: string | null;
}

/** "张三@区卫生健康局" → member of that unit; "leader" / "admin" → that role. */
export function parseIdentity(as: string): ConsoleIdentity {
  if (as === 'leader') return { name: '领导', role: 'leader', unit: null };
  if (as === 'admin') return { name: '管理员', role: 'admin', unit: null };
  const [name, unit] = as.split('@');
  if (!name || !unit) throw new Error('--as 的格式是 "姓名@单位" 或 leader / admin');
  return { name, role: 'member', unit };
}

/** Registers the console person (and their unit binding) and returns a function that says one line. */
export async function consoleSession(rt: Runtime, who: ConsoleIdentity, print: (msg: OutboundMessage) => void) {
  let unitId: string | null = null;
  if (who.unit) {
    const unit = await rt.store.directory.unitByName(who.unit);
    if (!unit) {
      const names = (await rt.store.directory.units()).map((u) => u.name).join('、');
      throw new Error(`没有找到单位「${who.unit}」。已有单位：${names || '（无，请先导入方案：npx duban demo）'}`);
    }
    unitId = unit.id;
  }
  await rt.store.directory.upsertPerson({ platform: 'console', userId: who.name, name: who.name, role: who.role, unitId });
  rt.senders.console = createConsoleSender((_to, msg) => print(msg));
  return async (text: string, quote: string | null = null) => {
    await rt.accept({
      platform: 'console', messageId: randomUUID(), chatType: 'single', chatId: null, senderId: who.name, senderName: who.name,
      kind: 'text', text, quote, file: null, replyTo: { kind: 'console' },
    });
    await rt.inline!.drain();
  };
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { as: { type: 'string', default: 'leader' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log([
      'usage: npx duban chat [--as 身份]     talk to the bot in the terminal, one message per line (Ctrl+D ends)',
      '  --as "张三@区卫生健康局"   a liaison of that unit: 我的任务 / 二（一）进度70% / 二（二）申请延期到明年1月底，原因是…',
      '  --as leader              a leader (default): 哪些逾期了 / 本周到期的 / 汇总一下 / 同意延期',
      '  --as admin               an admin: 帮助 / 本群绑定 单位名称 / 查看提醒设置',
    ].join('\n'));
    return 0;
  }
  const config = loadConfig();
  await migrate(config.DATABASE_URL);
  const rt = createRuntime(config, { inline: true, log: (await import('../lib/logger.ts')).silentLogger });
  const who = parseIdentity(values.as!);
  const say = await consoleSession(rt, who, (m) => console.log(`\n督办助手：\n${m.text}\n`));
  console.log(`以「${who.name}」${who.unit ? `（${who.unit}）` : ''}身份对话，输入“帮助”查看用法，Ctrl+D 退出。`);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '> ', terminal: process.stdin.isTTY });
  rl.prompt();
  for await (const line of rl) {
    if (line.trim()) await say(line.trim());
    rl.prompt();
  }
  await rt.close();
  return 0;
}
