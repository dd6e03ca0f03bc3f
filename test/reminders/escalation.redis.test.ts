// Needs PostgreSQL (cloned test database) and Redis (BullMQ under a unique prefix): 领导督办
// for long-overdue tasks — it goes on after a unit reports, and tells the leaders whether the
// unit itself could be reminded.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './helpers/harness.ts';
import { seedSmall } from './helpers/fixture.ts';
import { shanghaiDay, shanghaiInstant } from '../../src/lib/shanghai.ts';

// all seedSmall tasks are due 2025-10-09: on Dec 3 they are 55 days overdue
const DAY = '2025-12-03';
let h: Harness | null = null;
afterEach(async () => { await h?.close(); h = null; });

const escalations = (hh: Harness) => hh.sender.sent.filter((m) => m.chatId === 'g-leaders' && m.markdown.includes('【领导督办】'));

describe('escalation to the leaders', () => {
  it('keeps escalating an overdue task daily after its unit reports, like one that did not report', async () => {
    h = await createHarness(`${DAY}T08:00:00+08:00`);
    const s = await seedSmall(h.t.db);
    await h.reminders.reconcileAll(h.clock.now());
    h.clock.set(shanghaiInstant(DAY, 9));
    await h.fire();
    expect(escalations(h)).toHaveLength(2);
    h.clock.set(shanghaiInstant(DAY, 10));
    const unitId = s.units.get('区财政局')!;
    const person = await h.t.db.person.findFirst({ where: { unitId } });
    await h.t.db.progressReport.create({ data: { taskId: s.tasks.get('一.(二)')!, unitId, personId: person!.id, kind: 'progress', percent: 60, originalText: '收到，一.(二)进度60%', createdAt: h.clock.now() } });
    await h.reminders.reconcileAll(h.clock.now());
    const finance = await h.reminders.preview({ unit: '区财政局', days: 14 });
    const health = await h.reminders.preview({ unit: '区卫生健康局', days: 14 });
    expect(finance.length).toBeGreaterThan(5);
    expect(finance.map((e) => shanghaiDay(e.at))).toEqual(health.map((e) => shanghaiDay(e.at)));
    expect(finance.every((e) => e.leaders && e.items.every((i) => i.step === 'escalate'))).toBe(true);
    expect(shanghaiDay(finance[0]!.at)).toBe('2025-12-04');
    h.clock.set(shanghaiInstant('2025-12-04', 9));
    await h.fire();
    expect(escalations(h).slice(2).map((m) => /【领导督办】(\S+) /.exec(m.markdown)![1]).sort()).toEqual(['区卫生健康局', '区财政局']);
  });

  it('says the unit was reminded only when its group got the reminder', async () => {
    h = await createHarness(`${DAY}T08:00:00+08:00`);
    await seedSmall(h.t.db);
    await h.reminders.reconcileAll(h.clock.now());
    h.clock.set(shanghaiInstant(DAY, 9));
    await h.fire();
    const finance = escalations(h).find((m) => m.markdown.includes('【领导督办】区财政局'))!;
    expect(finance.markdown.split('\n').at(-1)).toBe('已同时提醒区财政局，请督促办理。');
  });

  it('tells the leaders when the unit\'s group could not be reached', async () => {
    h = await createHarness(`${DAY}T08:00:00+08:00`);
    await seedSmall(h.t.db);
    h.sender.script = (to) => (to.kind === 'group' && to.chatId === 'g-1' ? { ok: false, code: 'BOT_REMOVED', error: 'robot removed', retryable: false } : { ok: true });
    await h.reminders.reconcileAll(h.clock.now());
    h.clock.set(shanghaiInstant(DAY, 9));
    await h.fire();
    const finance = escalations(h).find((m) => m.markdown.includes('【领导督办】区财政局'))!;
    expect(finance.markdown.split('\n').at(-1)).toBe('向区财政局的群发送提醒未成功，请督促办理。');
  });

  it('tells the leaders a unit without a bound group could not be reminded', async () => {
    h = await createHarness(`${DAY}T08:00:00+08:00`);
    await seedSmall(h.t.db, { groups: false });
    await h.reminders.reconcileAll(h.clock.now());
    h.clock.set(shanghaiInstant(DAY, 9));
    await h.fire();
    const sent = escalations(h);
    expect(sent).toHaveLength(2);
    for (const m of sent) {
      const unit = /【领导督办】(\S+) /.exec(m.markdown)![1];
      expect(m.markdown).not.toContain('已同时提醒');
      expect(m.markdown.split('\n').at(-1)).toBe(`${unit}尚未绑定群，未能提醒该单位，请督促办理并请其绑定群。`);
    }
  });
});
