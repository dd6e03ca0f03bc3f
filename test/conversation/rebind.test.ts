// Needs PostgreSQL. Rebinding a group that belonged to another unit says so, and warns when
// that unit is left with no group (its reminders could no longer be delivered).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

it('names the unit a group leaves and warns when it has no other group', async () => {
  // g-weijian is 区卫生健康局's only group in the seed
  const reply = await bot.say('admin', '本群绑定 医疗保障分局', { chatId: 'g-weijian' });
  expect(reply).toContain('已将本群绑定为「医疗保障分局」');
  expect(reply).toContain('本群原绑定「区卫生健康局」，现已解除。「区卫生健康局」已没有绑定的群，将收不到催办提醒');
  const group = await bot.t.db.chatGroup.findFirstOrThrow({ where: { chatId: 'g-weijian' }, include: { unit: true } });
  expect(group.unit?.name).toBe('医疗保障分局');
});

it('says nothing more when the group is bound again to the same unit, or the unit keeps another group', async () => {
  expect(await bot.say('admin', '本群绑定 医疗保障分局', { chatId: 'g-weijian' })).not.toContain('原绑定');
  await bot.say('admin', '本群绑定 医疗保障分局', { chatId: 'g-yibao-2' });
  const moved = await bot.say('admin', '本群绑定 区财政局', { chatId: 'g-yibao-2' });
  expect(moved).toContain('本群原绑定「医疗保障分局」，现已解除。');
  expect(moved).not.toContain('已没有绑定的群');
});

it('says so when a second group is made a leaders\' group', async () => {
  const reply = await bot.say('admin', '本群绑定 领导群', { chatId: 'g-leaders-2' });
  expect(reply).toContain('已将本群设为领导群');
  expect(reply).toContain('另有 1 个群也是领导群，这些通知会同时发到每个领导群');
  expect(await bot.say('admin', '本群绑定 领导群', { chatId: 'g-leaders-2' })).toContain('另有 1 个群也是领导群');
});
