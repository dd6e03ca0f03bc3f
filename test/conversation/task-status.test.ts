// Needs PostgreSQL. "二（一）现在什么情况": one task's card with its units, deadline, progress
// and quantified targets, written as a sentence list.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

it('lists a task\'s targets separated by 「；」 with nothing trailing', async () => {
  await bot.t.db.task.updateMany({ where: { path: '二.(一)' }, data: { targets: ['急救站点达到12个', '平均急救反应时间缩短至12分钟以内'] } });
  const reply = await bot.say('wang', '二（一）现在什么情况');
  expect(reply).toContain('二.(一) 提高区域急救能力');
  expect(reply.split('\n')).toContain('- 目标：急救站点达到12个；平均急救反应时间缩短至12分钟以内');
});

const historyOf = (reply: string) => reply.split('\n').filter((l) => /^- \d{4}年/.test(l));

it('shows a labelled record: this task\'s part of a multi-task report, 退回 with its reason, extensions and their outcome, no acknowledgements', async () => {
  const t1 = bot.seed.tasks['二.(一)']!;
  await bot.say('zhangsan', '2.1进度95%，2.2进度50%');
  // lists show the same part: 最新进展 of 二.(一) in 哪些逾期了
  expect((await bot.say('wang', '哪些逾期了')).split('\n').find((l) => l.includes('二.(一)'))).toContain('最新进展：2.1进度95%（');
  await bot.t.db.progressReport.create({ data: { taskId: t1, kind: 'ack', unitId: bot.seed.units['区卫生健康局']!, originalText: '收到', messageId: null } });
  await bot.say('zhangsan', '二（一）已办结，材料已报送');
  await bot.say('wang', '退回二（一），佐证材料不全');
  await bot.say('zhangsan', '二（一）申请延期到2025年12月31日，原因是设备采购周期长');
  await bot.say('wang', '驳回二（一）延期，急救能力建设是年度硬任务');
  const reply = await bot.say('wang', '二（一）现在什么情况');
  const lines = historyOf(reply).map((l) => l.replace(/^- \d{4}年\d+月\d+日 /, ''));
  expect(lines).toEqual([
    '区卫生健康局 申请延期至2025年12月31日，理由：设备采购周期长（王局长已驳回：急救能力建设是年度硬任务）',
    '王局长 退回办结申请，理由：佐证材料不全',
    '区卫生健康局 张三 报办结：二（一）已办结，材料已报送',
    '区卫生健康局 张三 报送进度 95%：2.1进度95%',
  ]);
  expect(reply).toContain('办理记录');
  expect(reply).not.toContain('收到');
  expect(reply).not.toContain('2.2进度50%');
});

it('shows an approved extension with the deadline it replaced', async () => {
  await bot.say('zhangsan', '二（二）申请延期到2026年3月31日，原因是信息系统未上线');
  await bot.say('wang', '同意二（二）延期到2026年2月28日');
  const reply = await bot.say('wang', '二（二）现在什么情况');
  expect(reply).toContain('- 完成时限：2026年2月28日（原定2025年11月25日，已批准延期；');
  expect(historyOf(reply)[0]).toMatch(/区卫生健康局 申请延期至2026年3月31日，理由：信息系统未上线（王局长已批准，延期至2026年2月28日）$/);
});

it('lists the 8 latest entries and says how many older ones the ledger holds', async () => {
  const t3 = bot.seed.tasks['二.(三)']!;
  const unitId = bot.seed.units['医疗保障分局']!;
  for (let i = 1; i <= 11; i++) {
    await bot.t.db.progressReport.create({ data: { taskId: t3, kind: 'progress', unitId, percent: i * 5, note: `第${i}次报送`, originalText: `第${i}次报送`, messageId: null, createdAt: new Date(Date.UTC(2025, 10, i, 2)) } });
  }
  const reply = await bot.say('wang', '二（三）现在什么情况');
  const lines = historyOf(reply);
  expect(lines).toHaveLength(8);
  expect(lines[0]).toBe('- 2025年11月11日 医疗保障分局 报送进度 55%：第11次报送');
  expect(lines.at(-1)).toBe('- 2025年11月4日 医疗保障分局 报送进度 20%：第4次报送');
  expect(reply).toContain('（最近 8 条，更早的 3 条见台账“全程留痕”）');
});

it('records a much lower figure as written but points it out', async () => {
  await bot.say('zhangsan', '二（二）进度85%');
  const reply = await bot.say('zhangsan', '二（二）进度差不多一半了');
  expect(reply).toContain('进度 50%（上次 85%），比上次低了不少，如报错了请重新发送正确进度');
  expect((await bot.t.db.task.findUniqueOrThrow({ where: { id: bot.seed.tasks['二.(二)']! } })).percent).toBe(50);
  expect(await bot.say('zhangsan', '二（二）进度60%')).not.toContain('低了不少');
});
