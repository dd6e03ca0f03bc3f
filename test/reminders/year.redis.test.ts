// Needs PostgreSQL (cloned test database) and Redis (BullMQ under a unique prefix): plays a
// whole year of a real plan through schedule → queue → worker → fake WeCom sender with a
// controllable clock, and checks every message against an independent statement of the
// policy, across the 2025 Spring Festival and National Day holidays and their make-up days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import chineseDays from 'chinese-days';
import { createHarness, type Harness } from './helpers/harness.ts';
import { PLAN_TASKS, REPORTS, at15, seedYearPlan, type Seeded } from './helpers/fixture.ts';
import { expectedDigests, expectedMessages, type OracleEvent } from './helpers/oracle.ts';
import { shanghaiDay, shanghaiInstant, shanghaiParts } from '../../src/lib/shanghai.ts';

const START = '2025-01-01T08:00:00+08:00';
const END = shanghaiInstant('2026-01-01');
const EXTENSION = { path: '一.(二)', at: at15('2025-06-20'), newDue: '2025-07-15' };
const PAUSE = { unit: '区委宣传部', at: at15('2025-06-20'), until: shanghaiInstant('2025-09-01') };
const FLUSH_AT = shanghaiInstant('2025-09-29', 16);

let h: Harness;
let seed: Seeded;
const flushChecks: { restored: number; queuedFuture: number; deleted: number }[] = [];

type Ev = { at: Date; run: () => Promise<void> };

async function play(): Promise<void> {
  const db = h.t.db;
  const events: Ev[] = [];
  for (const t of PLAN_TASKS.filter((x) => x.doneOn)) {
    events.push({ at: at15(t.doneOn!), run: async () => {
      await db.task.update({ where: { id: seed.tasks.get(t.path)! }, data: { state: 'done', doneAt: h.clock.now() } });
      await h.reminders.rescheduleTask(seed.tasks.get(t.path)!, h.clock.now());
    } });
  }
  for (const r of REPORTS) {
    events.push({ at: at15(r.on), run: async () => {
      const unitId = seed.units.get(r.unit)!;
      const person = await db.person.findFirst({ where: { unitId } });
      await db.progressReport.create({ data: { taskId: seed.tasks.get(r.path)!, unitId, personId: person!.id, kind: 'progress', percent: 50, originalText: `${r.path} 进度50%`, createdAt: h.clock.now() } });
    } });
  }
  events.push({ at: EXTENSION.at, run: async () => {
    await db.task.update({ where: { id: seed.tasks.get(EXTENSION.path)! }, data: { dueDate: new Date(`${EXTENSION.newDue}T00:00:00Z`) } });
    await h.reminders.rescheduleTask(seed.tasks.get(EXTENSION.path)!, h.clock.now());
  } });
  events.push({ at: PAUSE.at, run: () => h.reminders.pause({ scope: 'unit', id: seed.units.get(PAUSE.unit)!, until: PAUSE.until }) });
  events.push({ at: FLUSH_AT, run: async () => {
    const deleted = await h.flushRedis();
    await h.reminders.reconcileAll(h.clock.now());
    const restored = (await h.queues.queues.reminders.getDelayed()).length;
    const queuedFuture = await db.reminder.count({ where: { state: 'queued', slot: { gt: h.clock.now() } } });
    flushChecks.push({ restored, queuedFuture, deleted });
  } });
  events.sort((a, b) => a.at.getTime() - b.at.getTime());

  let now = h.clock.now();
  for (;;) {
    await h.reminders.reconcileAll(now);
    const slot = await db.reminder.findFirst({ where: { state: 'queued', slot: { gt: now } }, orderBy: { slot: 'asc' } });
    const ev = events.find((e) => e.at > now);
    const tick = new Date(now.getTime() + 5 * 86400_000);
    const next = [slot?.slot, ev?.at, tick].filter((d): d is Date => !!d).reduce((a, b) => (a < b ? a : b));
    if (next >= END) break;
    h.clock.set(next);
    for (const e of events.filter((x) => x.at.getTime() === next.getTime())) await e.run();
    await h.fire();
    now = next;
  }
}

beforeAll(async () => {
  h = await createHarness(START, { horizonDays: 10 });
  seed = await seedYearPlan(h.t.db);
  await play();
}, 600_000);
afterAll(async () => { await h?.close(); });

const unitOfChat = (chatId: string) => seed.unitNames.get([...seed.units.values()][Number(chatId.slice(2))]!)!;
const itemLines = (md: string) => md.split('\n').filter((l) => /^\d+\. /.test(l)).map((l) => l.replace(/^\d+\. /, '')).sort();

describe('a year of reminders for a real plan (2025)', () => {
  const oracleEvents = (): OracleEvent[] => [
    ...REPORTS.map((r) => ({ at: at15(r.on), kind: 'report' as const, path: r.path, unit: r.unit })),
    { at: EXTENSION.at, kind: 'extend', path: EXTENSION.path, newDue: EXTENSION.newDue },
    { at: PAUSE.at, kind: 'pause', unit: PAUSE.unit, until: PAUSE.until },
  ];

  let oracle: ReturnType<typeof expectedMessages> | null = null;
  const expectedYear = () => (oracle ??= expectedMessages(PLAN_TASKS, oracleEvents(), '2025-01-01', '2026-01-01'));

  it('sends exactly the unit messages the policy calls for: time, group, tasks and wording', () => {
    const expected = expectedYear();
    const actual = h.sender.sent.filter((s) => s.chatId !== 'g-leaders')
      .map((s) => `${s.at.toISOString()} ${unitOfChat(s.chatId)}\n${itemLines(s.markdown).join('\n')}`).sort();
    expect(expected.length).toBeGreaterThan(100);
    expect(actual).toEqual(expected.map((e) => `${e.at.toISOString()} ${e.unit}\n${e.lines.join('\n')}`).sort());
  });

  it('sends one message per unit per slot, at 09:00 on working days only, @-mentioning the liaisons', () => {
    const keys = h.sender.sent.map((s) => `${s.chatId} ${s.at.toISOString()} ${s.markdown.split('\n')[0]}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of h.sender.sent) {
      const p = shanghaiParts(s.at);
      expect([p.hour, p.minute]).toEqual([9, 0]);
      expect(chineseDays.isWorkday(shanghaiDay(s.at))).toBe(true);
      if (s.chatId === 'g-leaders') continue;
      const unitId = [...seed.units.values()][Number(s.chatId.slice(2))]!;
      expect(s.mention.sort()).toEqual(seed.members.get(unitId)!.map((m) => m.userId).sort());
      const liaisons = /联络员：(.+)/.exec(s.markdown)?.[1]?.split('、').sort();
      expect(liaisons).toEqual(seed.members.get(unitId)!.map((m) => m.name).sort());
    }
    const days = new Set(h.sender.sent.map((s) => shanghaiDay(s.at)));
    for (const holiday of ['2025-01-28', '2025-01-31', '2025-02-04', '2025-10-01', '2025-10-06', '2025-10-08']) expect(days.has(holiday)).toBe(false);
    for (const makeUp of ['2025-01-26', '2025-02-08', '2025-09-28', '2025-10-11']) expect(days.has(makeUp)).toBe(true);
  });

  it('escalates to the leaders group after 3 overdue working days, naming the unit and days overdue', () => {
    const expected = expectedYear().filter((e) => e.escalated.length)
      .map((e) => `${e.at.toISOString()} ${e.unit}\n${e.escalated.join('\n')}`).sort();
    const actual = h.sender.sent.filter((s) => s.chatId === 'g-leaders' && s.markdown.includes('【领导督办】'))
      .map((s) => `${s.at.toISOString()} ${/【领导督办】(\S+) /.exec(s.markdown)![1]}\n${itemLines(s.markdown).join('\n')}`).sort();
    expect(expected.length).toBeGreaterThan(5);
    expect(actual).toEqual(expected);
    // National Day: due Oct 1, first chased Oct 9; Oct 9, 10, 11 (make-up Saturday) are the 3 overdue working days
    expect(actual.some((a) => a.startsWith(`${shanghaiInstant('2025-10-13', 9).toISOString()} 区卫生健康局`) && a.includes('二.(二)'))).toBe(true);
  });

  it('sends the weekly digest every Monday 09:00 (moved off holidays) listing the overdue tasks', () => {
    const digests = h.sender.sent.filter((s) => s.chatId === 'g-leaders' && s.markdown.includes('【督办周报】'));
    expect(digests.map((d) => shanghaiDay(d.at))).toEqual(expectedDigests('2025-01-01', '2026-01-01'));
    for (const d of digests) {
      const day = shanghaiDay(d.at);
      const overdue = PLAN_TASKS.filter((t) => {
        const due = t.path === EXTENSION.path && d.at > EXTENSION.at ? EXTENSION.newDue : t.due;
        return due && due < day && (!t.doneOn || t.doneOn >= day);
      }).map((t) => t.path).sort();
      const listed = d.markdown.split('\n').filter((l) => /^\d+\. /.test(l)).map((l) => l.split(' ')[1]!).sort();
      expect({ day, listed }).toEqual({ day, listed: overdue });
    }
  });

  it('restores every future reminder after a Redis flush and sends nothing twice', async () => {
    expect(flushChecks).toHaveLength(1);
    expect(flushChecks[0]!.deleted).toBeGreaterThan(0);
    expect(flushChecks[0]!.restored).toBe(flushChecks[0]!.queuedFuture);
    expect(flushChecks[0]!.restored).toBeGreaterThan(0);
    const rows = await h.t.db.reminder.findMany({ where: { state: { in: ['sent', 'acknowledged'] } }, include: { deliveries: true } });
    for (const r of rows) expect(r.deliveries.filter((d) => d.state === 'sent').length).toBe(r.kind === 'escalate' ? 2 : 1);
    expect(await h.t.db.reminder.count({ where: { state: { in: ['queued', 'sending', 'failed'] }, slot: { lt: END } } })).toBe(0);
  });
});
