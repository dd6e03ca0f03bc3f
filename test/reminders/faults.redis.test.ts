// Needs PostgreSQL (cloned test database) and Redis (BullMQ under a unique prefix per test):
// the platform answering errors and rate limits, a worker process killed during a send, and
// Redis losing its keys — nothing lost, nothing sent twice, every attempt recorded. A send
// cut off by a dead worker may have reached its group: it is recorded 'unknown', not repeated.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createHarness, type Harness } from './helpers/harness.ts';
import { seedSmall } from './helpers/fixture.ts';
import { shanghaiInstant } from '../../src/lib/shanghai.ts';
import { waitFor as waitUntil } from '../helpers/wait-for.ts';

const SLOT = shanghaiInstant('2025-09-30', 9);
let h: Harness | null = null;
afterEach(async () => { await h?.close(); h = null; });

const waitFor = (cond: () => Promise<boolean>, ms = 20_000) => waitUntil(cond, { timeoutMs: ms });

/** Nothing that could send a reminder is waiting or running (delayed jobs wait for their slot). */
async function idle(h: Harness): Promise<boolean> {
  const c = await h.queues.queues.reminders.getJobCounts('active', 'wait', 'prioritized');
  return (c.active ?? 0) + (c.wait ?? 0) + (c.prioritized ?? 0) === 0;
}

describe('reminder delivery faults', () => {
  it('retries rate limits and platform errors with backoff, recording every attempt', async () => {
    h = await createHarness('2025-09-30T08:00:00+08:00');
    const s = await seedSmall(h.t.db);
    await h.reminders.reconcileAll(h.clock.now());
    const answers = [
      { ok: false, code: '45009', error: 'api freq out of limit', retryable: true, retryAfterMs: 1000 },
      { ok: false, code: '-1', error: 'system busy', retryable: true },
    ];
    h.sender.script = (to) => (to.kind === 'group' && to.chatId === 'g-0' && answers.length ? answers.shift()! : { ok: true });
    h.clock.set(SLOT);
    const t0 = Date.now();
    await h.fire(30_000);
    expect(Date.now() - t0).toBeGreaterThan(2000 + 4000 - 500); // BullMQ's exponential backoff: 2 s, then 4 s
    const id = `remind:${s.units.get('区卫生健康局')}:${SLOT.toISOString()}`;
    const row = await h.t.db.reminder.findUniqueOrThrow({ where: { id }, include: { deliveries: { orderBy: { createdAt: 'asc' } } } });
    expect(row.state).toBe('sent');
    expect(row.attempts).toBe(3);
    expect(row.deliveries.map((d) => [d.state, d.errorCode, d.route])).toEqual([
      ['failed', '45009', 'wecom_webhook'], ['failed', '-1', 'wecom_webhook'], ['sent', null, 'wecom_webhook'],
    ]);
    expect(h.sender.sent.filter((m) => m.chatId === 'g-0')).toHaveLength(1);
    expect(h.sender.sent.filter((m) => m.chatId === 'g-1')).toHaveLength(1);
  }, 60_000);

  it('records a permanent platform error as failed and does not retry it', async () => {
    h = await createHarness('2025-09-30T08:00:00+08:00');
    const s = await seedSmall(h.t.db);
    await h.reminders.reconcileAll(h.clock.now());
    h.sender.script = (to) => (to.kind === 'group' && to.chatId === 'g-0' ? { ok: false, code: '93000', error: 'invalid webhook url', retryable: false } : { ok: true });
    h.clock.set(SLOT);
    await h.fire();
    const id = `remind:${s.units.get('区卫生健康局')}:${SLOT.toISOString()}`;
    // BullMQ gives the job up for good (UnrecoverableError): no retry can follow.
    await waitFor(async () => Boolean(await (await h!.queues.queues.reminders.getJob(id.replace(/:/g, '_')))?.isFailed()));
    const row = await h.t.db.reminder.findUniqueOrThrow({ where: { id }, include: { deliveries: true } });
    expect(row.state).toBe('failed');
    expect(row.lastError).toContain('93000');
    expect(row.deliveries.map((d) => [d.state, d.errorCode])).toEqual([['failed', '93000']]);
    expect(h.sender.calls).toBe(2); // g-0 once, g-1 once
  });

  it('a worker killed during a send: the send it cut off is recorded unknown, never repeated', async () => {
    h = await createHarness('2025-09-30T08:00:00+08:00', { leaseMs: 10 * 60_000 }, { worker: false });
    const s = await seedSmall(h.t.db);
    await h.t.db.task.deleteMany({ where: { id: s.tasks.get('一.(二)') } }); // one unit, one reminder
    await h.reminders.reconcileAll(h.clock.now());
    const id = `remind:${s.units.get('区卫生健康局')}:${SLOT.toISOString()}`;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'helpers/worker-child.ts'), h.t.url, h.prefix, SLOT.toISOString()], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b) => { out += String(b); });
    await waitFor(async () => out.includes('READY'), 30_000);
    for (const job of await h.queues.queues.reminders.getDelayed()) if (job.data.reminderId === id) await job.promote();
    await waitFor(async () => out.includes('SENDING'));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect((await h.t.db.reminder.findUniqueOrThrow({ where: { id } })).state).toBe('sending');

    h.startWorker();
    h.clock.set(new Date(SLOT.getTime() + 5 * 60_000)); // within the lease: the row is left alone
    await h.reminders.reconcileAll(h.clock.now());
    // the dead worker's job stays 'active' until its lock (15 s) runs out and a stalled check (every 5 s) sees it
    await waitFor(() => idle(h!), 45_000);
    expect((await h.t.db.reminder.findUniqueOrThrow({ where: { id } })).state).toBe('sending');
    expect(h.sender.sent.filter((m) => m.chatId === 'g-0')).toHaveLength(0);

    h.clock.set(new Date(SLOT.getTime() + 11 * 60_000)); // lease over: taken back; the cut-off send is not repeated
    const r = await h.reminders.reconcileAll(h.clock.now());
    expect(r.takenBack).toBe(1);
    await waitFor(async () => (await h!.t.db.reminder.findUniqueOrThrow({ where: { id } })).state === 'unknown');
    // the dead worker's job coming back from 'stalled', and further reconciles, change nothing
    await h.reminders.processors['send-reminder']!({ reminderId: id }, { attemptsMade: 0 });
    await h.reminders.reconcileAll(h.clock.now());
    await waitFor(() => idle(h!));
    expect(h.sender.sent.filter((m) => m.chatId === 'g-0')).toHaveLength(0);
    const deliveries = await h.t.db.delivery.findMany({ where: { reminderId: id }, orderBy: { createdAt: 'asc' } });
    expect(deliveries.map((d) => [d.state, d.errorCode])).toEqual([['unknown', 'LEASE_EXPIRED']]);
    expect((await h.t.db.reminder.findUniqueOrThrow({ where: { id } })).lastError).toMatch(/unknown/);
  }, 90_000);

  it('after Redis loses every key, reconcile restores future reminders and never re-sends a sent one', async () => {
    h = await createHarness('2025-09-26T08:00:00+08:00');
    const s = await seedSmall(h.t.db);
    await h.reminders.reconcileAll(h.clock.now());
    const before = (await h.queues.queues.reminders.getDelayed()).map((j) => j.id).sort();
    h.clock.set(shanghaiInstant('2025-09-28', 9)); // before_3 on the make-up Sunday
    await h.fire();
    expect(h.sender.sent.map((m) => m.chatId).sort()).toEqual(['g-0', 'g-1']);
    expect(await h.flushRedis()).toBeGreaterThan(0);
    expect(await h.queues.queues.reminders.getDelayed()).toHaveLength(0);
    h.clock.set(shanghaiInstant('2025-09-28', 10));
    await h.reminders.reconcileAll(h.clock.now());
    const after = (await h.queues.queues.reminders.getDelayed()).map((j) => j.id).sort();
    const sentIds = (await h.t.db.reminder.findMany({ where: { state: 'sent' } })).map((r) => r.id.replace(/:/g, '_'));
    expect(after).toEqual(before.filter((id) => !sentIds.includes(id!)));
    expect(after.length).toBeGreaterThan(0);
    h.clock.set(shanghaiInstant('2025-09-30', 9));
    await h.fire();
    expect(h.sender.sent.filter((m) => m.chatId !== 'g-leaders').map((m) => `${m.chatId} ${m.at.toISOString()}`).sort()).toEqual([
      `g-0 ${shanghaiInstant('2025-09-28', 9).toISOString()}`, `g-0 ${SLOT.toISOString()}`,
      `g-1 ${shanghaiInstant('2025-09-28', 9).toISOString()}`, `g-1 ${SLOT.toISOString()}`,
    ]);
    void s;
  });
});
