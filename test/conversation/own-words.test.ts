// Needs PostgreSQL. Messages in people's own words (issue 16): titles paraphrased or slipped,
// slips of input in action words confirmed before acting, who has not reported, one-line
// answers to chit-chat, help per topic, a day that does not exist. Seed: test/helpers/seed.ts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';

let bot: ConsoleBot;
beforeAll(async () => { bot = await createConsoleBot(); });
afterAll(async () => { await bot.close(); });

const percentOf = async (path: string) => (await bot.t.db.task.findUniqueOrThrow({ where: { id: bot.seed.tasks[path]! } })).percent;

it('finds the speaker\'s task by a title in their own words', async () => {
  const reply = await bot.say('lisi', '医保支付改革这块目前完成四成');
  expect(reply).toContain('二.(三) 深化医保支付方式改革');
  expect(await percentOf('二.(三)')).toBe(40);
});

it('finds a title written with a slip of pinyin', async () => {
  const reply = await bot.say('lisi', '医宝支付那项进度五成');
  expect(reply).toContain('二.(三)');
  expect(await percentOf('二.(三)')).toBe(50);
});

it('asks when two titles fit the words about as well', async () => {
  const reply = await bot.say('zhangsan', '急救那项进度三成');
  expect(reply).toContain('二.(一)');
  expect(reply).toContain('二.(五)');
});

it('lets a leader ask for any task\'s record by its title', async () => {
  const reply = await bot.say('wang', '医共体的办理记录');
  expect(reply).toContain('推进紧密型医共体建设');
  expect(reply).not.toContain('不能代单位');
});

it('confirms an action word read through a slip before changing anything', async () => {
  const asked = await bot.say('zhangsan', '2.1 已经半结了');
  expect(asked).toContain('您是说「办结」吗');
  expect((await bot.t.db.task.findUniqueOrThrow({ where: { id: bot.seed.tasks['二.(一)']! } })).state).toBe('open');
  const done = await bot.say('zhangsan', '是');
  expect(done).toContain('二.(一)');
  expect((await bot.t.db.task.findUniqueOrThrow({ where: { id: bot.seed.tasks['二.(一)']! } })).state).toBe('claimed_done');
  const claim = await bot.t.db.progressReport.findFirstOrThrow({ where: { taskId: bot.seed.tasks['二.(一)']!, kind: 'done_claim' } });
  expect(claim.originalText).toContain('半结'); // the report keeps its own words, not the 是
});

it('drops a slip reading the speaker says was not meant', async () => {
  await bot.say('lisi', '2.3 半结');
  const reply = await bot.say('lisi', '不是');
  expect(reply).toContain('取消');
  expect((await bot.t.db.task.findUniqueOrThrow({ where: { id: bot.seed.tasks['二.(三)']! } })).state).toBe('open');
});

it('tells a leader which units have not reported, with the days since their last report', async () => {
  const reply = await bot.say('wang', '这周哪些单位还没报进度？');
  expect(reply).toContain('未报送的单位');
  expect(reply).toContain('区财政局');
  expect(reply).not.toContain('医疗保障分局'); // it reported this week (above)
});

it('answers a unit about itself only', async () => {
  const reply = await bot.say('zhangsan', '本周谁还没反馈');
  expect(reply).not.toContain('区财政局');
});

it.each([
  ['你好', '督办助手'],
  ['谢谢', '不客气'],
  ['今天中午食堂吃什么', '不清楚'],
  ['区财政局电话多少', '不清楚'],
])('answers %s in one line', async (text, words) => {
  const reply = await bot.say('zhangsan', text);
  expect(reply).toContain(words);
  expect(reply.split('\n')).toHaveLength(1);
});

it.each([
  ['提醒太多了，在哪设置', '提醒和催办怎么设置'],
  ['办结以后要走什么流程', '怎样报办结、销号'],
  ['延期怎么申请', '怎样申请延期'],
])('answers the how-to question %s with that topic', async (text, title) => {
  expect(await bot.say('wang', text)).toContain(title);
});

it('says that a day does not exist even when nothing else is written', async () => {
  expect(await bot.say('zhangsan', '12月32日')).toContain('12月没有32日');
});
