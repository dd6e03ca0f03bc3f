// Needs PostgreSQL. The weekly 通报: the Monday digest to the leaders' group carries the
// bulletin as a .docx (units ranked, lagging items with days late), built by the ledger
// module through the runtime's own wiring.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';
import { remindersOf } from '../../src/wiring/reminders.ts';
import { digestId } from '../../src/reminders/plan-slots.ts';
import { shanghaiInstant } from '../../src/lib/shanghai.ts';

let bot: ConsoleBot;
const files: { to: string; name: string; content: Buffer }[] = [];

beforeAll(async () => {
  bot = await createConsoleBot();
  // keep the attached file's bytes, not only its name
  const sender = bot.rt.senders.console!;
  const send = sender.send.bind(sender);
  sender.send = async (to, m) => {
    if (m.file && to.kind === 'group') files.push({ to: to.chatId, name: m.file.name, content: m.file.content });
    return send(to, m);
  };
});
afterAll(async () => { await bot.close(); });

describe('weekly bulletin', () => {
  it('goes to the leaders\' group with the Monday digest as a .docx 通报', async () => {
    const reminders = await remindersOf(bot.rt);
    await reminders.reconcileAll(bot.clock.now());
    const monday = shanghaiInstant('2025-11-24', 9);
    const row = await bot.t.db.reminder.findUnique({ where: { id: digestId(monday) } });
    expect(row?.state).toBe('queued');

    bot.clock.set(monday);
    await reminders.processors['send-reminder']!({ reminderId: digestId(monday) }, { attemptsMade: 0 } as never);

    const digest = bot.sent.filter((s) => s.to.kind === 'group' && s.to.chatId === 'g-leaders');
    expect(digest).toHaveLength(1);
    expect(digest[0]!.markdown).toContain('【督办周报】2025年11月24日');
    expect(digest[0]!.markdown).toMatch(/本周通报.*见附件《.+\.docx》/);
    // only 区卫生健康局 has a bound group: the others with open tasks cannot be reminded
    const unbound = /\*\*未绑定群、收不到催办的单位\*\*：(.+?)（/.exec(digest[0]!.markdown)?.[1]?.split('、') ?? [];
    expect(unbound).toContain('医疗保障分局');
    expect(unbound).not.toContain('区卫生健康局');
    expect(files).toHaveLength(1);
    expect(files[0]!.to).toBe('g-leaders');
    const xml = await (await JSZip.loadAsync(files[0]!.content)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('通报');
    // 二.(三) (医疗保障分局, due 2025-09-30) is 55 days late on 2025-11-24; 二.(一) 24 days
    expect(text).toContain('医疗保障分局');
    expect(text).toMatch(/二\.\(三\)[^]*?55/);
    expect(text).toMatch(/二\.\(一\)[^]*?24/);
    expect((await bot.t.db.reminder.findUnique({ where: { id: digestId(monday) } }))!.state).toBe('sent');
  });
});
