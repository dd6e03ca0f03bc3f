// Needs PostgreSQL. The ledger from chat: "导出台账" sends the workbook, "出一期通报" answers
// with a bulletin, "看板" gives the asker a signed link of their own, privately: in a group
// the group only hears that it was sent; a unit member's link is limited to their unit.
import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

it('exports the ledger as an Excel file sent with the answer', async () => {
  const reply = await bot.say('wang', '导出台账');
  expect(reply).toContain('督办台账已导出');
  const row = await bot.t.db.outbox.findFirstOrThrow({ where: { fileName: { endsWith: '.xlsx' } } });
  expect(row.state).toBe('sent');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(row.fileContent!) as unknown as ArrayBuffer);
  const sheetText = wb.worksheets.map((ws) => ws.getSheetValues().flat().join(' ')).join(' ');
  expect(sheetText).toContain('深化医保支付方式改革');
  expect(sheetText).toContain('逾期');
});

it('answers 出一期通报 with a bulletin naming the lagging unit', async () => {
  const reply = await bot.say('wang', '出一期通报');
  expect(reply).toContain('通报');
  expect(reply).toContain('医疗保障分局');
});

const linkIn = (text: string) => /\/dashboard\?t=([\w.-]+)/.exec(text)?.[1];

it('gives a leader a link of their own in single chat', async () => {
  const reply = await bot.say('wang', '看板');
  const claims = bot.rt.links!.read(linkIn(reply)!)!;
  const wang = await bot.t.db.person.findFirstOrThrow({ where: { userId: 'wang' } });
  expect(claims).toMatchObject({ purpose: 'dashboard', subject: wang.id, scope: {} });
  expect(claims.expiresAt.getTime() - claims.issuedAt.getTime()).toBe(24 * 3600_000);
  expect(await bot.say('zhangsan', '导出台账')).toContain('只有领导或管理员');
});

it('asked in a group, sends the link privately to the asker and tells the group so, without the link', async () => {
  const before = bot.sent.length;
  const reply = await bot.say('wang', '看板', { chatId: 'g-weijian' });
  expect(reply).toContain('已私信发给您');
  expect(linkIn(reply)).toBeUndefined();
  const sent = bot.sent.slice(before);
  const privately = sent.filter((s) => s.to.kind === 'user');
  expect(privately.map((s) => s.to)).toEqual([{ kind: 'user', platform: 'console', userIds: ['wang'] }]);
  expect(linkIn(privately[0]!.text)).toBeTruthy();
  expect(sent.filter((s) => s.to.kind !== 'user').every((s) => !linkIn(s.text))).toBe(true);
  // Nor does a summary asked in a group carry a link.
  expect(linkIn(await bot.say('wang', '汇总一下', { chatId: 'g-leaders' }))).toBeUndefined();
});

it("gives a unit member a link limited to their unit's tasks", async () => {
  const reply = await bot.say('zhangsan', '看板');
  expect(reply).toContain('仅含区卫生健康局的事项');
  expect(bot.rt.links!.read(linkIn(reply)!)!.scope).toEqual({ unit: bot.seed.units['区卫生健康局'] });
});

it('tells a leader plainly when the dashboard is off, without configuration names', async () => {
  const off = await createConsoleBot({ dashboardSecret: null });
  try {
    const reply = await off.say('wang', '看板');
    expect(reply).toBe('督办看板尚未开通，请联系系统管理员。');
    expect(reply).not.toMatch(/[A-Z_]{6,}/);
  } finally {
    await off.close();
  }
});

it("withdraws a person's links when an admin changes their role; the next link they ask for works", async () => {
  bot.clock.set(new Date()); // the store records the role change at the wall clock's now
  const token = linkIn(await bot.say('lisi', '看板'))!;
  const verify = () => bot.rt.links!.verify(token, 'dashboard', new Date());
  expect(await verify()).toMatchObject({ ok: true });
  expect(await bot.say('admin', '设置 李四 为 领导')).toContain('李四');
  expect(await verify()).toEqual({ ok: false, reason: 'revoked' });
  await new Promise((r) => setTimeout(r, 5)); // the revocation covers links signed up to its instant
  bot.clock.set(new Date());
  const fresh = linkIn(await bot.say('lisi', '看板'))!;
  expect(await bot.rt.links!.verify(fresh, 'dashboard', new Date())).toMatchObject({ ok: true, claims: { scope: {} } });
});
