// Needs PostgreSQL and Redis: the AI bot's stream replies through the real server (web +
// worker, BullMQ), with callbacks signed and encrypted by the independent helper and the
// passive replies opened by it. The claim that decides who delivers an answer lives in
// PostgreSQL, the re-check after the stream window in BullMQ, so neither can be faked here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createPlatformBot, type PlatformBot } from '../../helpers/platform-bot.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { botText } from '../../helpers/wecom-crypto.ts';
import { STREAM_WINDOW_MS } from '../../../src/channels/wecom/decode.ts';
import { render } from '../../../src/render/render.ts';
import { sweepInbox } from '../../../src/inbox/sweep.ts';
import { silentLogger } from '../../../src/lib/logger.ts';

const PENDING = render('stream-pending', {}, { channel: 'wecom' }).markdown;
const GONE = render('stream-gone', {}, { channel: 'wecom' }).markdown;

let bot: PlatformBot;
beforeEach(async () => { bot = await createPlatformBot('wecom'); });
afterEach(async () => { await bot.close(); });

const until = <T>(fn: () => Promise<T | null | undefined | false>, what: string, ms = 10_000) => waitFor(fn, { what, timeoutMs: ms }) as Promise<T>;

/** No inbound or outbound job waiting or running: nothing more can be handled or sent now. */
async function idle(): Promise<boolean> {
  const { inbound, outbound } = bot.rt.queues!.queues;
  const counts = await Promise.all([inbound, outbound].map((q) => q.getJobCounts('active', 'wait', 'prioritized')));
  return counts.every((c) => (c.active ?? 0) + (c.wait ?? 0) + (c.prioritized ?? 0) === 0);
}

/** Posts a text message from wang (single chat) with its own response_url; returns its code and the stream start. */
async function ask(text: string, msgid = randomUUID()) {
  const code = randomUUID().replace(/-/g, '');
  const body = botText({ msgid, userid: 'wang', chattype: 'single', content: text, response_url: bot.wecom.addResponseUrl(code) });
  const res = await bot.postWecomBot(body);
  expect(res.status).toBe(200);
  const reply = await bot.openWecomReply(res);
  return { code, body, reply, streamId: reply.stream.id as string };
}
const row = (msgid: string) => bot.t.db.inboundMessage.findUnique({ where: { platform_messageId: { platform: 'wecom', messageId: `bot:${msgid}` } } });
const responseUrlCalls = (code: string) => bot.wecom.sent('/cgi-bin/aibot/response').filter((r) => r.query.get('response_code') === code);
const refresh = (streamId: string) => bot.refreshWecom(streamId, 'wang', { chat: 'single' });

describe('WeCom AI bot stream replies', () => {
  it('answers a message with an encrypted passive reply that opens a stream named after the stored row', async () => {
    const msgid = randomUUID();
    const res = await bot.postWecomBot(botText({ msgid, userid: 'wang', chattype: 'single', content: '帮助' }));
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/json; charset=utf-8']);
    const raw = (await res.clone().json()) as Record<string, unknown>;
    expect(Object.keys(raw).sort()).toEqual(['encrypt', 'msgsignature', 'nonce', 'timestamp']);
    expect(raw.timestamp).toBe(Math.floor(bot.clock.now().getTime() / 1000));
    const reply = await bot.openWecomReply(res);
    const stored = await row(msgid);
    expect(reply).toEqual({ msgtype: 'stream', stream: { id: `duban-${stored!.id}`, finish: false, content: PENDING } });
    expect(PENDING).toContain('处理中');
  });

  it('keeps the stream open while the answer is computed, then finishes it with the answer; response_url is never used', async () => {
    await bot.rt.queues!.queues.inbound.pause();
    const { code, streamId } = await ask('帮助');
    expect(await refresh(streamId)).toEqual({ id: streamId, finish: false, content: PENDING });
    await bot.rt.queues!.queues.inbound.resume();
    const { content } = await bot.followWecomStream(streamId, 'wang', { chat: 'single' });
    expect(content).toContain('使用说明');
    const stored = await bot.t.db.inboundMessage.findFirstOrThrow({ where: { kind: 'text' } });
    expect([stored.answerState, stored.answerAttempts, content]).toEqual(['sent', 1, stored.answer]);
    // The hold ends, the re-check job runs: the answer is taken, nothing more is sent.
    bot.clock.advance(STREAM_WINDOW_MS + 5_000);
    const held = await bot.rt.queues!.queues.outbound.getJob(`answer-held-${stored.id}`);
    await held?.promote();
    await until(async () => (await held?.isCompleted()) ?? true, 'the re-check job');
    expect(responseUrlCalls(code)).toHaveLength(0);
    expect(bot.wecom.violations).toEqual([]);
  });

  it('sends an answer no refresh took through response_url, once, after the stream window', async () => {
    const msgid = randomUUID();
    const { code, streamId } = await ask('哪些逾期了', msgid);
    const answered = await until(async () => ((await row(msgid))?.answerState === 'queued' ? row(msgid) : null), 'the answer');
    const held = await until(() => bot.rt.queues!.queues.outbound.getJob(`answer-held-${answered!.id}`), 'the re-check job');
    expect(await held.getState()).toBe('delayed');
    await until(async () => (await bot.rt.queues!.queues.outbound.getJob(`answer-${answered!.id}`))?.isCompleted(), 'the send job leaving the answer held');
    expect(responseUrlCalls(code)).toHaveLength(0);
    bot.clock.advance(STREAM_WINDOW_MS + 5_000);
    await held.promote();
    const [sent] = await until(async () => { const c = responseUrlCalls(code); return c.length ? c : null; }, 'the response_url answer');
    expect(sent!.json).toEqual({ msgtype: 'markdown', markdown: { content: answered!.answer } });
    await until(async () => (await row(msgid))?.answerState === 'sent' && (await held.isCompleted()) && idle(), 'the outcome recorded and the queues idle');
    expect(responseUrlCalls(code)).toHaveLength(1);
    // A late refresh of that stream gets a closing note, not the answer a second time.
    expect(await refresh(streamId)).toEqual({ id: streamId, finish: true, content: GONE });
    expect(bot.wecom.violations).toEqual([]);
  });

  it('still sends an unclaimed answer through response_url when its re-check job was lost (Redis flushed): the inbox sweep finds it', async () => {
    const msgid = randomUUID();
    const { code } = await ask('本周到期的', msgid);
    const answered = await until(async () => ((await row(msgid))?.answerState === 'queued' ? row(msgid) : null), 'the answer');
    const held = await until(() => bot.rt.queues!.queues.outbound.getJob(`answer-held-${answered!.id}`), 'the re-check job');
    await held.remove();
    bot.clock.advance(STREAM_WINDOW_MS + 60_000);
    expect(responseUrlCalls(code)).toHaveLength(0);
    const n = await sweepInbox({ messages: bot.rt.store.messages, outbox: bot.rt.store.outbox, enqueue: bot.rt.enqueue, log: silentLogger, now: new Date(Date.now() + 60_000) }); // row times are the database's (real) clock
    expect(n).toBeGreaterThanOrEqual(1);
    const [sent] = await until(async () => { const c = responseUrlCalls(code); return c.length ? c : null; }, 'the response_url answer');
    expect(sent!.json.markdown.content).toBe(answered!.answer);
    // the worker records the outcome just after the platform has the message
    const settled = await until(async () => { const r = await row(msgid); return r?.answerState !== 'sending' ? r : null; }, 'the recorded outcome');
    expect(settled.answerState).toBe('sent');
  });

  it('records a group answer whose stream and response_url have both expired as failed, as before', async () => {
    const msgid = randomUUID();
    const code = randomUUID().replace(/-/g, '');
    const res = await bot.postWecomBot(botText({ msgid, userid: 'wang', chattype: 'group', chatid: 'wrk-unbound', content: '@督办助手 帮助', response_url: bot.wecom.addResponseUrl(code) }));
    expect((await bot.openWecomReply(res)).stream.finish).toBe(false);
    const answered = await until(async () => ((await row(msgid))?.answerState === 'queued' ? row(msgid) : null), 'the answer');
    const held = await until(() => bot.rt.queues!.queues.outbound.getJob(`answer-held-${answered!.id}`), 'the re-check job');
    bot.clock.advance(61 * 60_000);
    await held.promote();
    const failed = await until(async () => ((await row(msgid))?.answerState === 'failed' ? row(msgid) : null), 'the failure');
    expect(failed!.answerError).toMatch(/RESPONSE_URL_EXPIRED/);
    expect(responseUrlCalls(code)).toHaveLength(0);
  });

  it('gives WeCom\'s retries of one callback the same stream id and processes the message once', async () => {
    const msgid = randomUUID();
    const code = randomUUID().replace(/-/g, '');
    const body = botText({ msgid, userid: 'wang', chattype: 'single', content: '帮助', response_url: bot.wecom.addResponseUrl(code) });
    const replies = await Promise.all([bot.postWecomBot(body), bot.postWecomBot(body), bot.postWecomBot(body)]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    const ids = new Set(await Promise.all(replies.map(async (r) => (await bot.openWecomReply(r)).stream.id)));
    expect(ids.size).toBe(1);
    const [streamId] = [...ids];
    const { content } = await bot.followWecomStream(streamId!, 'wang', { chat: 'single' });
    expect(content).toContain('使用说明');
    const late = await bot.postWecomBot(body); // a retry after the answer went out: same stream, nothing new
    expect((await bot.openWecomReply(late)).stream.id).toBe(streamId);
    await until(idle, 'the queues idle');
    expect(await bot.t.db.inboundMessage.count()).toBe(1);
    expect((await row(msgid))?.answerAttempts).toBe(1);
    expect(responseUrlCalls(code)).toHaveLength(0);
  });

  it('lets only one of two concurrent refreshes take the answer', async () => {
    const msgid = randomUUID();
    const { code, streamId } = await ask('帮助', msgid);
    const answered = await until(async () => ((await row(msgid))?.answerState === 'queued' ? row(msgid) : null), 'the answer');
    const both = await Promise.all([refresh(streamId), refresh(streamId)]);
    const stored = await row(msgid);
    expect([stored?.answerState, stored?.answerAttempts]).toEqual(['sent', 1]);
    // One reply carries the answer; the other, if it came while the first held the claim,
    // keeps the stream open, or else repeats the same final content of the same stream.
    const finished = both.filter((s) => s.finish);
    expect(finished.length).toBeGreaterThanOrEqual(1);
    for (const s of finished) expect(s.content).toBe(answered!.answer);
    for (const s of both.filter((x) => !x.finish)) expect(s.content).toBe(PENDING);
    expect(responseUrlCalls(code)).toHaveLength(0);
  });

  it('closes a stream it does not know with a short note, and stores no refresh', async () => {
    const { streamId } = await ask('帮助');
    const { content } = await bot.followWecomStream(streamId, 'wang', { chat: 'single' });
    for (const id of ['duban-00000000-0000-4000-8000-000000000000', 'not-ours']) {
      expect(await refresh(id)).toEqual({ id, finish: true, content: GONE });
    }
    // A refresh after the stream took the answer (WeCom lost the finishing reply) gets the same
    // final content of the same stream again: it replaces, it does not add a message.
    expect(await refresh(streamId)).toEqual({ id: streamId, finish: true, content });
    expect(await bot.t.db.inboundMessage.count()).toBe(1);
    expect((await bot.t.db.inboundMessage.findFirstOrThrow()).answerAttempts).toBe(1);
  });
});
