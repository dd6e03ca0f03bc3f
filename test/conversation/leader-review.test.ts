// Needs PostgreSQL. What leaders and admins ask and decide, through the real parser and the
// console channel: a bare 同意 / 不同意 decides the pending (or quoted) extension request,
// the lists of what awaits review, short names of the street offices, 本群绑定 of an unknown
// unit, a task's 办理记录, and no deciding an extension of one's own unit's task.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';
import { pathKey } from '../../src/tasks/path-key.ts';

let bot: ConsoleBot;
beforeEach(async () => { bot = await createConsoleBot(); });
afterEach(async () => { await bot.close(); });

const extensions = () => bot.t.db.extensionRequest.findMany({ include: { task: { select: { path: true } } }, orderBy: { createdAt: 'asc' } });
const dueOf = async (path: string) => (await bot.t.db.task.findUnique({ where: { id: bot.seed.tasks[path]! } }))!.dueDate!.toISOString().slice(0, 10);

/** The street offices as one unit, stored with the aliases an older import gave it (no 街道办). */
async function addStreetOffices() {
  const unit = await bot.t.db.unit.create({ data: { name: '各街道办事处', aliases: ['各街道办事处', '各街道'] } });
  await bot.t.db.task.create({
    data: {
      planId: bot.seed.planId, path: '二.(八)', pathKey: pathKey('二.(八)')!, seq: 8, title: '完善家庭医生签约服务', text: '完善家庭医生签约服务。',
      dueDate: new Date('2026-11-30T00:00:00Z'), dueKind: 'date',
      assignments: { create: [{ unitId: unit.id, nameAsWritten: '各街道办事处' }] },
    },
  });
  return unit;
}

describe('a bare 同意 / 不同意 decides an extension request', () => {
  it('rejects the one pending request like 驳回延期, and asks which when there are several', async () => {
    expect(await bot.say('zhangsan', '二（一）申请延期到明年3月底，原因是设备采购流程未完成')).toContain('已提交延期申请');
    const no = await bot.say('wang', '不同意');
    expect(no).toContain('已驳回：二.(一) 提高区域急救能力 的延期申请');
    expect((await extensions()).map((e) => e.state)).toEqual(['rejected']);
    expect(await dueOf('二.(一)')).toBe('2025-10-31');

    await bot.say('zhangsan', '二（五）申请延期到明年6月底，原因是培训场地改造');
    await bot.say('lisi', '二（三）申请延期到明年1月底，原因是系统供应商更换');
    const ask = await bot.say('wang', '不同意，材料不全');
    expect(ask).toContain('有 2 条待审批的延期申请，请问是哪一条？');
    const chosen = await bot.say('wang', '2');
    expect(chosen).toMatch(/已驳回：二\.\((五|三)\)/);
    expect(chosen).toContain('原因：材料不全');
    expect((await extensions()).filter((e) => e.state === 'pending')).toHaveLength(1);
  });

  it('decides the request whose notice the reply quotes', async () => {
    await bot.say('zhangsan', '二（五）申请延期到明年6月底，原因是培训场地改造');
    await bot.say('lisi', '二（三）申请延期到明年1月底，原因是系统供应商更换');
    const toLeaders = bot.notices().filter((n) => n.to.kind === 'group' && n.to.chatId === 'g-leaders');
    const notice = toLeaders.find((n) => n.text.includes('二.(三)'))!;
    expect(notice.text).toContain('延期申请');

    const yes = await bot.say('wang', '同意', { quote: notice.text });
    expect(yes).toContain('已同意：二.(三) 深化医保支付方式改革 完成时限调整为 2026年1月31日');
    expect(await dueOf('二.(三)')).toBe('2026-01-31');
    const byPath = Object.fromEntries((await extensions()).map((e) => [e.task.path, e.state]));
    expect(byPath).toEqual({ '二.(五)': 'pending', '二.(三)': 'approved' });

    const other = toLeaders.find((n) => n.text.includes('二.(五)'))!;
    expect(await bot.say('wang', '不同意', { quote: other.text })).toContain('已驳回：二.(五) 加强急救人员培训 的延期申请');
  });

  it('confirms (销号) or returns the completion whose 办结 notice the reply quotes', async () => {
    await bot.say('zhangsan', '二（一）已办结');
    await bot.say('lisi', '二（三）已办结');
    const notices = bot.notices().filter((n) => n.to.kind === 'group' && n.to.chatId === 'g-leaders');
    const quote = (path: string) => notices.find((n) => n.text.includes(path))!.text;
    expect(await bot.say('wang', '同意', { quote: quote('二.(一)') })).toContain('已销号');
    expect(await bot.say('wang', '不同意，佐证材料不全', { quote: quote('二.(三)') })).toContain('已退回：二.(三) 深化医保支付方式改革，原因：佐证材料不全');
    const state = async (path: string) => (await bot.t.db.task.findUnique({ where: { id: bot.seed.tasks[path]! } }))!.state;
    expect([await state('二.(一)'), await state('二.(三)')]).toEqual(['done', 'open']);
  });

  it('leaves a unit\'s bare 同意 alone', async () => {
    await bot.say('lisi', '二（三）申请延期到明年1月底，原因是系统供应商更换');
    expect(await bot.say('zhangsan', '同意')).not.toContain('已同意');
    expect((await extensions()).map((e) => e.state)).toEqual(['pending']);
  });
});

describe('what awaits review', () => {
  beforeEach(async () => {
    await bot.say('zhangsan', '二（一）已办结');
    await bot.say('lisi', '二（三）申请延期到明年1月底，原因是系统供应商更换');
    await bot.say('zhangsan', '二（二）申请延期到12月31日，原因是设备未到货');
  });

  it('lists claimed completions with unit and claim date, and pending extensions with unit, date and reason', async () => {
    const done = await bot.say('wang', '待销号的有哪些');
    expect(done).toContain('报办结待销号：共 1 项');
    expect(done).toContain('二.(一) 提高区域急救能力｜区卫生健康局｜2025年11月20日报办结');

    for (const q of ['有哪些延期申请', '待审批的延期']) {
      const ext = await bot.say('admin', q);
      expect(ext, q).toContain('待审批的延期申请：共 2 条');
      expect(ext, q).toContain('二.(三) 深化医保支付方式改革｜医疗保障分局｜申请延至 2026年1月31日');
      expect(ext, q).toContain('原因：系统供应商更换');
      expect(ext, q).toContain('二.(二) 推进紧密型医共体建设｜区卫生健康局｜申请延至 2025年12月31日');
      expect(ext, q).toContain('原因：设备未到货');
    }
  });

  it('shows a unit member only their unit\'s', async () => {
    const ext = await bot.say('lisi', '有哪些延期申请');
    expect(ext).toContain('医疗保障分局 待审批的延期申请：共 1 条');
    expect(ext).toContain('二.(三)');
    expect(ext).not.toContain('二.(二)');
    expect(await bot.say('lisi', '待销号的有哪些')).toContain('医疗保障分局没有报办结待销号的任务');
    expect(await bot.say('zhangsan', '待销号的有哪些')).toContain('二.(一) 提高区域急救能力');
  });
});

describe('the street offices by their short names', () => {
  it('answers 街道办还有几项没完成 with that unit\'s count, not the whole summary', async () => {
    await addStreetOffices();
    const reply = await bot.say('wang', '街道办还有几项没完成');
    expect(reply).toContain('各街道办事处：共 1 项，已完成 0 项，未完成 1 项');
    expect(reply).not.toContain('督办汇总');
    expect(await bot.say('wang', '各街道还有几项没完成')).toContain('各街道办事处：共 1 项');
  });

  it('binds a group to the unit named by a short form', async () => {
    await addStreetOffices();
    const bound = await bot.say('admin', '本群绑定 街道', { chatId: 'g-street' });
    expect(bound).toContain('已将本群绑定为「各街道办事处」，该单位现有未完成任务 1 项');
    expect(await bot.say('admin', '本群绑定 街道办', { chatId: 'g-street2' })).toContain('已将本群绑定为「各街道办事处」');
  });

  it('names what was typed when no unit has that name', async () => {
    expect(await bot.say('admin', '本群绑定 街道', { chatId: 'g-new' })).toContain('没有找到单位「街道」');
    expect(await bot.say('admin', '本群绑定 城东片区', { chatId: 'g-new' })).toContain('没有找到单位「城东片区」');
  });
});

describe('a task\'s 办理记录', () => {
  it('is a question about the task, for leaders and units alike', async () => {
    await bot.say('zhangsan', '二（二）进度40%，设备已到货');
    for (const [who, text] of [['wang', '二（二）的办理记录'], ['wang', '二（二）的历史'], ['admin', '二（二）办理情况'], ['zhangsan', '二（二）的办理记录']] as const) {
      const reply = await bot.say(who, text);
      expect(reply, `${who}: ${text}`).toContain('二.(二) 推进紧密型医共体建设');
      expect(reply, `${who}: ${text}`).not.toContain('请问您是要');
      expect(reply, `${who}: ${text}`).not.toContain('申请延期');
    }
  });
});

describe('an undecidable message', () => {
  it('offers a leader what a leader does, and a unit what a unit does, as examples rather than numbers', async () => {
    const leader = await bot.say('wang', '二（二） 下周一');
    expect(leader).toContain('二（二）的办理记录');
    expect(leader).toContain('二（二） 销号');
    expect(leader).not.toContain('报进度');
    expect(leader).not.toMatch(/^\d\./m);
    expect(await bot.say('zhangsan', '二（二） 下周一')).toContain('报进度');
  });
});

describe('nobody decides their own unit\'s extension', () => {
  it('refuses an admin or leader of the unit, like 销号 of its own task', async () => {
    await bot.say('admin', '设置 张三 为 管理员');
    expect(await bot.say('zhangsan', '二（一）申请延期到明年3月底，原因是设备采购流程未完成')).toContain('已提交延期申请');

    for (const text of ['同意 二（一） 延期', '驳回 二（一） 延期，再看看', '同意', '不同意']) {
      expect(await bot.say('zhangsan', text), text).toContain('不能审核本单位的任务');
    }
    expect((await extensions()).map((e) => e.state)).toEqual(['pending']);
    expect(await dueOf('二.(一)')).toBe('2025-10-31');

    expect(await bot.say('wang', '同意')).toContain('已同意：二.(一) 提高区域急救能力 完成时限调整为 2026年3月31日');
  });

  it('refuses a leader of the unit too, and lists the other unit\'s request for them to decide', async () => {
    await bot.t.db.person.update({ where: { platform_userId: { platform: 'console', userId: 'wang' } }, data: { unitId: bot.seed.units['医疗保障分局']! } });
    await bot.say('lisi', '二（三）申请延期到明年1月底，原因是系统供应商更换');
    await bot.say('zhangsan', '二（一）申请延期到明年3月底，原因是设备采购流程未完成');
    expect(await bot.say('wang', '同意 二（三） 延期')).toContain('不能审核本单位的任务');
    // the one request they may decide is decided by a bare 同意
    expect(await bot.say('wang', '同意')).toContain('已同意：二.(一) 提高区域急救能力');
    expect(Object.fromEntries((await extensions()).map((e) => [e.task.path, e.state]))).toEqual({ '二.(三)': 'pending', '二.(一)': 'approved' });
  });
});
