// Needs PostgreSQL: one message, one set of effects, one answer — whatever happens to the
// worker handling it. A run that dies before the message is marked handled leaves nothing
// (the report, the task's progress and the "handled" mark are one transaction), so its retry
// stores the report once and answers once; a message that keeps failing is given up after
// a bounded number of runs and the user is told once; an answer whose send may have reached
// the platform is recorded 'unknown' and never sent again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { parseConfig } from '../../src/config/load.ts';
import { createRuntime, type Runtime } from '../../src/main.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { createConsoleSender } from '../../src/channels/console/sender.ts';
import { handleMessage, MAX_HANDLE_ATTEMPTS } from '../../src/conversation/handle-message.ts';
import { AnswerBusyError, deliverAnswer } from '../../src/conversation/deliver-answer.ts';
import type { Store } from '../../src/store/index.ts';
import type { InboundMessage, SendResult } from '../../src/channels/types.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedPlan } from '../helpers/seed.ts';

let t: TestDatabase;
let rt: Runtime;
let seeded: Awaited<ReturnType<typeof seedPlan>>;
const answers: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase('once');
  seeded = await seedPlan(t.db);
  const config = parseConfig({ DATABASE_URL: t.url, QUEUE_PREFIX: `t${randomUUID().slice(0, 8)}`, LOG_LEVEL: 'silent' });
  rt = createRuntime(config, { inline: true, log: silentLogger, senders: { console: createConsoleSender((_to, m) => answers.push(m.text)) } });
});
afterAll(async () => {
  await rt.close();
  await t.drop();
});

const said = (text: string): InboundMessage => ({
  platform: 'console', messageId: `m-${randomUUID()}`, chatType: 'group', chatId: 'g-weijian', senderId: 'zhangsan', senderName: '张三',
  kind: 'text', text, quote: null, file: null, replyTo: { kind: 'console' },
});

/** The store as a worker sees it, except that marking the message handled fails `times` times (the worker dies there). */
function dyingBeforeHandled(store: Store, times: number): Store {
  let left = times;
  return {
    ...store,
    transaction: (fn, opts) => store.transaction((tx) => fn({
      ...tx,
      messages: { ...tx.messages, finish: async (...a: Parameters<Store['messages']['finish']>) => { if (left-- > 0) throw new Error('worker killed'); return tx.messages.finish(...a); } },
    }), opts),
  };
}

const row = (id: string) => t.db.inboundMessage.findUniqueOrThrow({ where: { id } });
const reportsOf = (messageId: string) => t.db.progressReport.count({ where: { messageId } });

describe('handling a message', () => {
  it('a run that dies after recording the report leaves nothing behind; the retry records it once and answers once', async () => {
    const { id } = await rt.accept(said('2.1 进度65%'));
    const deps = { ...rt.conversation, store: dyingBeforeHandled(rt.store, 1) };
    await expect(handleMessage(deps, id)).rejects.toThrow('worker killed');
    expect(await reportsOf(id)).toBe(0);
    expect((await t.db.task.findUniqueOrThrow({ where: { id: seeded.tasks['二.(一)'] } })).percent).toBe(0);
    expect((await row(id)).handledAt).toBeNull();

    await handleMessage(deps, id);
    await handleMessage(deps, id); // the job again (a sweep, a duplicate): nothing more
    const before = answers.length;
    await rt.inline!.drain();
    expect(await reportsOf(id)).toBe(1);
    expect((await t.db.task.findUniqueOrThrow({ where: { id: seeded.tasks['二.(一)'] } })).percent).toBe(65);
    expect(answers.length - before).toBe(1);
    expect(answers.at(-1)).toMatch(/65%/);
    expect(await row(id)).toMatchObject({ handleAttempts: 2, error: null, answerState: 'sent' });
  });

  it('a reminder setting asked for in a run that dies is not kept either: it commits with the message', async () => {
    const { id } = await rt.accept({ ...said('2.1 提醒改为提前5、2、1个工作日'), senderId: 'admin', senderName: '管理员' });
    const deps = { ...rt.conversation, store: dyingBeforeHandled(rt.store, 1) };
    const policy = async () => (await t.db.task.findUniqueOrThrow({ where: { id: seeded.tasks['二.(一)'] } })).reminderPolicy;
    await expect(handleMessage(deps, id)).rejects.toThrow('worker killed');
    expect(await policy()).toBeNull();
    await handleMessage(deps, id);
    expect(await policy()).toEqual({ beforeWorkdays: [5, 2, 1] });
    const before = answers.length;
    await rt.inline!.drain();
    expect(answers.length - before).toBe(1);
  });

  it('two runs of the same message at once: one waits for the other and finds it handled', async () => {
    const { id } = await rt.accept(said('2.5 进度30%'));
    await Promise.all([handleMessage(rt.conversation, id), handleMessage(rt.conversation, id), handleMessage(rt.conversation, id)]);
    const before = answers.length;
    await rt.inline!.drain();
    expect(await reportsOf(id)).toBe(1);
    expect(answers.length - before).toBe(1);
  });

  it(`a message that fails ${MAX_HANDLE_ATTEMPTS} times is given up: its error kept for operators, the user told once`, async () => {
    const boom = { ...rt.conversation, understand: async () => { throw new Error('parser crashed on this text'); } };
    const { id } = await rt.accept(said('这句话让解析器崩溃'));
    for (let i = 1; i < MAX_HANDLE_ATTEMPTS; i += 1) await expect(handleMessage(boom, id)).rejects.toThrow('parser crashed');
    expect((await row(id)).handledAt).toBeNull();
    await handleMessage(boom, id); // the last attempt: given up instead of thrown
    await handleMessage(boom, id); // swept again later: nothing more
    const before = answers.length;
    await rt.inline!.drain();
    expect(answers.length - before).toBe(1);
    expect(answers.at(-1)).toMatch(/处理出错，请稍后再试/);
    const r = await row(id);
    expect(r).toMatchObject({ handleAttempts: MAX_HANDLE_ATTEMPTS, error: 'parser crashed on this text', answerState: 'sent' });
    expect(r.handledAt).not.toBeNull();
    expect((await rt.store.messages.needingAttention()).map((m) => m.id)).toContain(id);
  });

  it('a message whose runs keep killing their worker is given up at the next run, without running it again', async () => {
    const { id } = await rt.accept(said('2.1 进度99%'));
    await t.db.inboundMessage.update({ where: { id }, data: { handleAttempts: MAX_HANDLE_ATTEMPTS } });
    await handleMessage(rt.conversation, id);
    const before = answers.length;
    await rt.inline!.drain();
    expect(await reportsOf(id)).toBe(0);
    expect(answers.length - before).toBe(1);
    expect(await row(id)).toMatchObject({ error: 'the worker stopped while handling it', answerState: 'sent' });
  });
});

describe('sending an answer', () => {
  /** A handled message with its answer queued, and a sender that answers `result`. */
  async function queuedAnswer(result: SendResult) {
    const { id } = await rt.accept(said('帮助'));
    await rt.store.messages.finish(id, '答复');
    const sent: string[] = [];
    const deps = { store: rt.store, log: silentLogger, senders: { console: { platform: 'console' as const, send: async (_to: unknown, m: { text: string }) => { sent.push(m.text); return result; } } } };
    return { id, sent, deps };
  }

  it('a send the platform may have received (timeout after the request left) is recorded unknown with its cause and not sent again', async () => {
    const { id, sent, deps } = await queuedAnswer({ ok: false, code: 'TIMEOUT', error: 'no answer in 10 s: the request may have reached the platform', uncertain: true });
    await deliverAnswer(deps, id, { jobId: `answer-${id}` });
    await deliverAnswer(deps, id, { jobId: `answer-${id}` });
    expect(sent).toHaveLength(1);
    expect(await row(id)).toMatchObject({ answerState: 'unknown', answerError: expect.stringMatching(/TIMEOUT.*may have reached/) });
    expect((await rt.store.messages.answerStates()).unknown).toBeGreaterThanOrEqual(1);
  });

  it('the next run of a job whose worker died mid-send records the answer unknown instead of sending it again', async () => {
    const { id, sent, deps } = await queuedAnswer({ ok: true });
    expect(await rt.store.messages.claimAnswer(id, `answer-${id}/first-run`)).toBe(true); // … and the worker died
    await deliverAnswer(deps, id, { jobId: `answer-${id}` });
    expect(sent).toEqual([]);
    expect(await row(id)).toMatchObject({ answerState: 'unknown', answerError: expect.stringMatching(/WORKER_STOPPED/) });
  });

  it('a claim written whose acknowledgement the database connection lost is given back: the next run sends the answer once', async () => {
    const { id, sent, deps } = await queuedAnswer({ ok: true });
    const claimLost: Store = { ...rt.store, messages: { ...rt.store.messages, claimAnswer: async (...a: Parameters<Store['messages']['claimAnswer']>) => { await rt.store.messages.claimAnswer(...a); throw new Error('Connection terminated unexpectedly'); } } };
    await expect(deliverAnswer({ ...deps, store: claimLost }, id, { jobId: `answer-${id}` })).rejects.toThrow('Connection terminated');
    expect(sent).toEqual([]);
    expect((await row(id)).answerState).toBe('queued');
    await deliverAnswer(deps, id, { jobId: `answer-${id}` });
    expect(sent).toEqual(['答复']);
    expect((await row(id)).answerState).toBe('sent');
  });

  it('an answer another run is sending right now is left to it: this job looks again later', async () => {
    const { id, sent, deps } = await queuedAnswer({ ok: true });
    expect(await rt.store.messages.claimAnswer(id, `answer-held-${id}/other-run`)).toBe(true);
    await expect(deliverAnswer(deps, id, { jobId: `answer-${id}` })).rejects.toBeInstanceOf(AnswerBusyError);
    expect(sent).toEqual([]);
    expect((await row(id)).answerState).toBe('sending');
  });
});
