// Needs PostgreSQL and Redis: persist-first semantics of the inbox with the real BullMQ
// queue (a unique prefix per test file) and a Redis that is unreachable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { createStore } from '../../src/store/index.ts';
import { createQueues, type Queues } from '../../src/queue/queues.ts';
import { createAccept } from '../../src/inbox/accept.ts';
import { sweepInbox } from '../../src/inbox/sweep.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import type { InboundMessage } from '../../src/channels/types.ts';

let t: TestDatabase;
let queues: Queues;
const prefix = `t${randomUUID().slice(0, 8)}`;

const msg = (id: string): InboundMessage => ({
  platform: 'wecom', messageId: id, chatType: 'group', chatId: 'c1', senderId: 'u1', senderName: '张三',
  kind: 'text', text: '帮助', quote: null, file: null, replyTo: { kind: 'wecom_bot_response_url', url: 'http://127.0.0.1:1/x' },
});

beforeAll(async () => {
  t = await createTestDatabase('inbox');
  queues = createQueues({ redisUrl: 'redis://127.0.0.1:6379', prefix, log: silentLogger });
  await queues.redis.ping();
});
afterAll(async () => {
  await queues.queues.inbound.obliterate({ force: true });
  await queues.close();
  await t.drop();
});

describe('accept', () => {
  it('stores a message once and enqueues one job, however often the platform retries', async () => {
    const accept = createAccept({ messages: createStore(t.db).messages, enqueue: queues.enqueue, log: silentLogger });
    const results = await Promise.all([accept(msg('m-1')), accept(msg('m-1')), accept(msg('m-1'))]);
    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await t.db.inboundMessage.count({ where: { messageId: 'm-1' } })).toBe(1);
    expect(await queues.queues.inbound.getJobCountByTypes('waiting', 'delayed', 'active')).toBe(1);
  });

  it('keeps the message when Redis is unreachable, and the sweep enqueues it later', async () => {
    const deadRedis = createQueues({ redisUrl: 'redis://127.0.0.1:1', prefix, log: silentLogger });
    const accept = createAccept({ messages: createStore(t.db).messages, enqueue: deadRedis.enqueue, log: silentLogger });
    const r = await accept(msg('m-2'));
    expect(r.status).toBe('accepted');
    await deadRedis.close();
    const before = await queues.queues.inbound.getJobCountByTypes('waiting');
    const n = await sweepInbox({ messages: createStore(t.db).messages, enqueue: queues.enqueue, log: silentLogger, now: new Date(Date.now() + 60_000) });
    expect(n).toBeGreaterThanOrEqual(1);
    expect(await queues.queues.inbound.getJobCountByTypes('waiting')).toBe(before + 1);
  });

  it('fails (so the platform retries) when PostgreSQL is unreachable, and nothing is enqueued', async () => {
    const { createDb } = await import('../../src/store/db.ts');
    const dead = createDb('postgresql://postgres@127.0.0.1:1/none');
    const accept = createAccept({ messages: createStore(dead).messages, enqueue: queues.enqueue, log: silentLogger });
    const before = await queues.queues.inbound.getJobCountByTypes('waiting');
    await expect(accept(msg('m-3'))).rejects.toThrow();
    expect(await queues.queues.inbound.getJobCountByTypes('waiting')).toBe(before);
  });

  it('stores a batch holding text PostgreSQL cannot take (U+0000, a lone surrogate in jsonb) with every neighbour, each once', async () => {
    const accept = createAccept({ messages: createStore(t.db).messages, enqueue: queues.enqueue, log: silentLogger });
    const lone = String.fromCharCode(0xdc00);
    const poison: InboundMessage = { ...msg('m-nul\u0000'), text: '帮\u0000助', senderName: `张${lone}三`, replyTo: { kind: 'x', extra: { title: `群${lone}` } } };
    const batch = [...Array.from({ length: 20 }, (_, i) => msg(`m-ok-${i}`)), poison];
    const results = await Promise.all(batch.map(accept));
    expect(results.every((r) => r.status === 'accepted')).toBe(true);
    expect(await t.db.inboundMessage.count({ where: { messageId: { startsWith: 'm-ok-' } } })).toBe(20);
    const row = await t.db.inboundMessage.findFirstOrThrow({ where: { messageId: 'm-nul' } });
    expect([row.text, row.senderName, (row.replyTo as { extra: { title: string } }).extra.title]).toEqual(['帮助', '张\uFFFD三', '群\uFFFD']);
    expect((await accept(poison)).status).toBe('duplicate'); // the platform's retry is the same message
  });

  it('refuses a message that does not match the inbound contract', async () => {
    const accept = createAccept({ messages: createStore(t.db).messages, enqueue: queues.enqueue, log: silentLogger });
    await expect(accept({ ...msg(''), messageId: '' })).rejects.toThrow();
    expect(await t.db.inboundMessage.count({ where: { messageId: '' } })).toBe(0);
  });
});

describe('sweep', () => {
  it('gives up an answer whose worker died mid-send once the lease has passed: unknown, the note kept, never sent again', async () => {
    const store = createStore(t.db);
    const accept = createAccept({ messages: store.messages, enqueue: queues.enqueue, log: silentLogger });
    const { id } = await accept(msg('m-lease'));
    await store.messages.finish(id, '答复');
    expect(await store.messages.claimAnswer(id, 'answer-x/run-1')).toBe(true); // a worker took it … and died
    const sweep = (now: Date) => sweepInbox({ messages: store.messages, enqueue: queues.enqueue, log: silentLogger, now });
    await sweep(new Date(Date.now() + 60_000));
    expect((await t.db.inboundMessage.findUniqueOrThrow({ where: { id } })).answerState).toBe('sending');
    await sweep(new Date(Date.now() + 11 * 60_000));
    const row = await t.db.inboundMessage.findUniqueOrThrow({ where: { id } });
    expect(row.answerState).toBe('unknown');
    expect(row.answerError).toMatch(/LEASE_EXPIRED/);
    expect(await queues.queues.outbound.getJob(`answer-${id}`)).toBeFalsy();
    // a late outcome from that worker (it was only slow) is recorded, and the note stays
    await store.messages.answerResult(id, 'sent');
    const late = await t.db.inboundMessage.findUniqueOrThrow({ where: { id } });
    expect([late.answerState, late.answerError]).toEqual(['sent', expect.stringMatching(/LEASE_EXPIRED/)]);
  });
});
