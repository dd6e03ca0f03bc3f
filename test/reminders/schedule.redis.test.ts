// Needs PostgreSQL (cloned test database) and Redis (BullMQ under a unique prefix per test):
// grouping, dropping and rescheduling at once, pauses, acknowledgements, preview.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './helpers/harness.ts';
import { seedSmall } from './helpers/fixture.ts';
import { shanghaiInstant } from '../../src/lib/shanghai.ts';

const SLOT = shanghaiInstant('2025-09-30', 9);
let h: Harness | null = null;
afterEach(async () => { await h?.close(); h = null; });

const lines = (md: string) => md.split('\n').filter((l) => /^\d+\. /.test(l));

describe('reminder schedule', () => {
  it('groups all of a unit\'s tasks due in a slot into one message; reconcile is idempotent', async () => {
    h = await createHarness('2025-09-30T08:00:00+08:00');
    const s = await seedSmall(h.t.db);
    const first = await h.reminders.reconcileAll(h.clock.now());
    const rows = await h.t.db.reminder.count();
    const jobs = (await h.queues.queues.reminders.getDelayed()).length;
    const again = await h.reminders.reconcileAll(h.clock.now());
    expect(again.created).toBe(0);
    expect(first.created).toBeGreaterThan(0);
    expect(await h.t.db.reminder.count()).toBe(rows);
    expect((await h.queues.queues.reminders.getDelayed()).length).toBe(jobs);
    h.clock.set(SLOT);
    await h.fire();
    const toHealth = h.sender.sent.filter((m) => m.chatId === 'g-0');
    expect(toHealth).toHaveLength(1);
    expect(lines(toHealth[0]!.markdown)).toEqual([
      '1. 二.(三) 提高区域急救能力｜时限 2025年10月9日｜还剩 9 天',
      '2. 二.(四) 提升基层医疗卫生服务水平｜时限 2025年10月9日｜还剩 9 天',
      '3. 二.(六) 完善“一老一小”健康服务能力｜时限 2025年10月9日｜还剩 9 天',
    ]);
    expect(toHealth[0]!.mention.sort()).toEqual(s.members.get(s.units.get('区卫生健康局')!)!.map((m) => m.userId).sort());
  });

  it('drops done and cancelled tasks at once, and re-checks at send time', async () => {
    h = await createHarness('2025-09-30T08:00:00+08:00');
    const s = await seedSmall(h.t.db);
    await h.reminders.reconcileAll(h.clock.now());
    await h.t.db.task.update({ where: { id: s.tasks.get('一.(二)')! }, data: { state: 'done' } });
    await h.reminders.rescheduleTask(s.tasks.get('一.(二)')!, h.clock.now());
    expect(await h.t.db.reminder.count({ where: { unitId: s.units.get('区财政局')! } })).toBe(0);
    // cancelled without telling the scheduler: the send-time re-check still drops it
    await h.t.db.task.update({ where: { id: s.tasks.get('二.(四)')! }, data: { state: 'cancelled' } });
    h.clock.set(SLOT);
    await h.fire();
    expect(h.sender.sent.map((m) => m.chatId)).toEqual(['g-0']);
    expect(lines(h.sender.sent[0]!.markdown).map((l) => l.split('｜')[0])).toEqual(['1. 二.(三) 提高区域急救能力', '2. 二.(六) 完善“一老一小”健康服务能力']);
  });

  it('a reminder about one task is also a card with its four buttons on that task; about several, text only', async () => {
    h = await createHarness('2025-09-30T08:00:00+08:00');
    const s = await seedSmall(h.t.db);
    await h.reminders.reconcileAll(h.clock.now());
    for (const path of ['二.(四)', '二.(六)']) await h.t.db.task.update({ where: { id: s.tasks.get(path)! }, data: { state: 'cancelled' } });
    h.clock.set(SLOT);
    await h.fire();
    const [one] = h.sender.sent.filter((m) => m.chatId === 'g-0');
    expect(lines(one!.markdown)).toHaveLength(1);
    expect(one!.card?.title).toContain('二.(三)');
    expect(one!.card?.buttons.map((b) => b.label)).toEqual(['报进展', '申请延期', '已办结', '查看任务']);
    expect(one!.card?.buttons.every((b) => b.action.endsWith(s.tasks.get('二.(三)')!))).toBe(true);
    const several = h.sender.sent.filter((m) => lines(m.markdown).length > 1);
    expect(several.every((m) => !m.card)).toBe(true);
  });

  it('an approved extension reschedules at once', async () => {
    h = await createHarness('2025-09-29T16:00:00+08:00');
    const s = await seedSmall(h.t.db);
    await h.reminders.reconcileAll(h.clock.now());
    const task = s.tasks.get('一.(二)')!;
    await h.t.db.task.update({ where: { id: task }, data: { dueDate: new Date('2025-10-31T00:00:00Z') } });
    await h.reminders.rescheduleTask(task, h.clock.now());
    const items = await h.t.db.reminderItem.findMany({ where: { taskId: task }, include: { reminder: true } });
    expect(items.map((i) => `${i.reminder.slot.toISOString()} ${i.step}`)).toEqual([]); // next slot (Oct 23, before_7) is beyond the 10-day horizon
    const preview = await h.reminders.preview({ unit: '区财政局', days: 40 });
    expect(preview.map((p) => `${p.at.toISOString()} ${p.items.map((i) => i.step).join()}`)).toEqual([
      `${shanghaiInstant('2025-10-22', 9).toISOString()} before_7`, `${shanghaiInstant('2025-10-28', 9).toISOString()} before_3`,
      `${shanghaiInstant('2025-10-30', 9).toISOString()} before_1`, `${shanghaiInstant('2025-10-31', 9).toISOString()} due`,
      `${shanghaiInstant('2025-11-03', 9).toISOString()} overdue`, `${shanghaiInstant('2025-11-04', 9).toISOString()} overdue`,
      `${shanghaiInstant('2025-11-05', 9).toISOString()} overdue`, `${shanghaiInstant('2025-11-06', 9).toISOString()} escalate`,
      `${shanghaiInstant('2025-11-07', 9).toISOString()} escalate`,
    ]);
  });

  it('pauses a unit until a date and resumes it', async () => {
    h = await createHarness('2025-09-26T16:00:00+08:00');
    const s = await seedSmall(h.t.db);
    await h.reminders.reconcileAll(h.clock.now());
    const unit = s.units.get('区卫生健康局')!;
    const slots = async () => (await h!.t.db.reminder.findMany({ where: { unitId: unit, state: 'queued' }, orderBy: { slot: 'asc' } })).map((r) => r.slot.toISOString());
    expect(await slots()).toEqual([shanghaiInstant('2025-09-28', 9), SLOT].map((d) => d.toISOString()));
    await h.reminders.pause({ scope: 'unit', id: unit, until: shanghaiInstant('2025-09-29') });
    expect(await slots()).toEqual([SLOT.toISOString()]);
    expect(await h.t.db.reminder.count({ where: { unitId: s.units.get('区财政局')!, state: 'queued' } })).toBe(2); // other units untouched
    await h.reminders.pause({ scope: 'unit', id: unit, until: null });
    expect(await slots()).toHaveLength(2);
  });

  it('records "收到" against the latest reminder and names who has not answered next time', async () => {
    h = await createHarness('2025-09-28T08:00:00+08:00');
    const s = await seedSmall(h.t.db);
    const unit = s.units.get('区卫生健康局')!;
    const [jia, yi] = s.members.get(unit)!;
    expect(await h.reminders.recordAck({ unitId: unit, personId: jia!.id, messageId: null, text: '收到', now: h.clock.now() })).toBeNull();
    await h.reminders.reconcileAll(h.clock.now());
    h.clock.set(shanghaiInstant('2025-09-28', 9));
    await h.fire();
    h.clock.set(shanghaiInstant('2025-09-28', 10));
    const msg = await h.t.db.inboundMessage.create({ data: { platform: 'wecom', messageId: 'm-ack', chatType: 'group', chatId: 'g-0', senderId: jia!.userId, kind: 'text', text: '收到' } });
    const ack = await h.reminders.recordAck({ unitId: unit, personId: jia!.id, messageId: msg.id, text: '收到', now: h.clock.now() });
    expect(ack?.tasks).toEqual(['2.3 提高区域急救能力', '2.4 提升基层医疗卫生服务水平', '2.6 完善“一老一小”健康服务能力']);
    await h.reminders.recordAck({ unitId: unit, personId: jia!.id, messageId: msg.id, text: '收到', now: h.clock.now() }); // redelivered: once
    const row = await h.t.db.reminder.findUniqueOrThrow({ where: { id: ack!.reminderId! } });
    expect([row.state, row.ackAt?.toISOString()]).toEqual(['acknowledged', h.clock.now().toISOString()]);
    expect(await h.t.db.progressReport.count({ where: { kind: 'ack', reminderId: row.id, personId: jia!.id } })).toBe(3);
    await h.reminders.reconcileAll(h.clock.now());
    h.clock.set(SLOT);
    await h.fire();
    const next = h.sender.sent.filter((m) => m.chatId === 'g-0').at(-1)!;
    expect(next.markdown).toContain(`上次提醒后尚未回复：${yi!.name}`);
    expect(next.markdown).not.toContain(`尚未回复：${jia!.name}`);
  });

  it('records a unit without a bound group as failed with NO_GROUP', async () => {
    h = await createHarness('2025-09-30T08:00:00+08:00');
    const s = await seedSmall(h.t.db, { groups: false });
    await h.reminders.reconcileAll(h.clock.now());
    h.clock.set(SLOT);
    await h.fire();
    const rows = await h.t.db.reminder.findMany({ where: { unitId: { not: null }, slot: SLOT }, include: { deliveries: true } });
    expect(rows.map((r) => [r.state, r.deliveries.map((d) => d.errorCode).join()])).toEqual([['failed', 'NO_GROUP'], ['failed', 'NO_GROUP']]);
    void s;
  });

  it('previews reminders a unit without a bound group cannot receive, and says how to fix it', async () => {
    h = await createHarness('2025-09-26T16:00:00+08:00');
    await seedSmall(h.t.db, { groups: false });
    const lines = h.reminders.renderPreview(await h.reminders.preview({ days: 14 }), { days: 14 }).split('\n');
    const unitLines = lines.filter((l) => /｜区(?:卫生健康局|财政局)[｜（]/.test(l));
    expect(unitLines.length).toBeGreaterThan(0);
    expect(unitLines.every((l) => l.includes('（未绑定群，无法送达）'))).toBe(true);
    expect(lines.filter((l) => l.includes('督办周报')).every((l) => !l.includes('无法送达'))).toBe(true);
    expect(lines.at(-1)).toBe(`其中 ${unitLines.length} 条因单位未绑定群而无法送达：请在该单位的群里由管理员发送「本群绑定 单位名」。`);
  });

  it('previews what will be sent when, without sending', async () => {
    h = await createHarness('2025-09-26T16:00:00+08:00');
    await seedSmall(h.t.db);
    const text = h.reminders.renderPreview(await h.reminders.preview({ days: 14 }), { days: 14 });
    expect(text.split('\n')).toEqual([
      '未来 14 天将发送 10 条提醒：',
      '2025年9月28日 周日 09:00｜区卫生健康局｜二.(三) 提高区域急救能力（提前3个工作日）；二.(四) 提升基层医疗卫生服务水平（提前3个工作日）；二.(六) 完善“一老一小”健康服务能力（提前3个工作日）',
      '2025年9月28日 周日 09:00｜区财政局｜一.(二) 健全完善财政补助机制（提前3个工作日）',
      '2025年9月29日 周一 09:00｜领导群｜督办周报',
      '2025年9月30日 周二 09:00｜区卫生健康局｜二.(三) 提高区域急救能力（提前1个工作日）；二.(四) 提升基层医疗卫生服务水平（提前1个工作日）；二.(六) 完善“一老一小”健康服务能力（提前1个工作日）',
      '2025年9月30日 周二 09:00｜区财政局｜一.(二) 健全完善财政补助机制（提前1个工作日）',
      '2025年10月9日 周四 09:00｜领导群｜督办周报',
      '2025年10月9日 周四 09:00｜区卫生健康局｜二.(三) 提高区域急救能力（今天到期）；二.(四) 提升基层医疗卫生服务水平（今天到期）；二.(六) 完善“一老一小”健康服务能力（今天到期）',
      '2025年10月9日 周四 09:00｜区财政局｜一.(二) 健全完善财政补助机制（今天到期）',
      '2025年10月10日 周五 09:00｜区卫生健康局｜二.(三) 提高区域急救能力（逾期第1个工作日）；二.(四) 提升基层医疗卫生服务水平（逾期第1个工作日）；二.(六) 完善“一老一小”健康服务能力（逾期第1个工作日）',
      '2025年10月10日 周五 09:00｜区财政局｜一.(二) 健全完善财政补助机制（逾期第1个工作日）',
    ]);
    expect(h.sender.calls).toBe(0);
    expect(await h.t.db.reminder.count()).toBe(0);
  });
});
