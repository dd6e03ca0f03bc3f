/**
 * The WeCom Sender against a local fake of qyapi that checks every request's shape
 * (test/helpers/fake-wecom-api.ts): token cache and refresh, limits, rate limits, fallbacks.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWecomSender } from '../../../src/channels/wecom/api.ts';
import type { WecomChannelConfig } from '../../../src/channels/wecom/types.ts';
import type { Destination } from '../../../src/channels/types.ts';
import { fixedClock } from '../../../src/lib/clock.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { startFakeWecomApi, type FakeWecomApi } from '../../helpers/fake-wecom-api.ts';
import { memoryRateLimiter } from '../../helpers/memory-rate-limiter.ts';

const clock = fixedClock('2025-10-20T02:00:00Z');
let fake: FakeWecomApi;
let config: WecomChannelConfig;
const md = (markdown: string) => ({ markdown, text: markdown });

beforeAll(async () => {
  fake = await startFakeWecomApi({ corpId: 'wwcorp', secret: 'app-secret', agentId: 1000002, now: () => clock.now().getTime() });
  config = { corpId: 'wwcorp', apiBase: fake.base, bot: null, app: { token: 't', aesKey: 'a'.repeat(43), secret: 'app-secret', agentId: '1000002' } };
});
afterAll(() => fake.close());
beforeEach(() => { fake.requests.length = 0; clock.advance(10 * 60_000); });

const sender = (extra: Partial<Parameters<typeof createWecomSender>[0]> = {}) => createWecomSender({ config, log: silentLogger, clock, ...extra });
const toUser = (id: string): Destination => ({ kind: 'user', platform: 'wecom', userIds: [id] });
const gettokens = () => fake.requests.filter((r) => r.path === '/cgi-bin/gettoken').length;

describe('app message/send', () => {
  it('sends markdown to the member with the app agentid, fetching the token once for two sends', async () => {
    const s = sender();
    expect(await s.send(toUser('zhangsan'), md('**任务** 已完成'))).toEqual({ ok: true });
    expect(await s.send({ kind: 'reply', platform: 'wecom', route: { kind: 'wecom_app', extra: { userId: 'lisi' } } }, md('收到'))).toEqual({ ok: true });
    const sent = fake.sent('/cgi-bin/message/send');
    expect(sent.map((r) => [r.json.touser, r.json.agentid, r.json.msgtype, r.json.markdown.content])).toEqual([
      ['zhangsan', 1000002, 'markdown', '**任务** 已完成'],
      ['lisi', 1000002, 'markdown', '收到'],
    ]);
    expect(gettokens()).toBe(1);
    expect(fake.violations).toEqual([]);
  });

  it('splits a long answer at line boundaries into messages of at most 2048 bytes, in order', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => `${i + 1}. 市卫健委牵头完成急救能力建设第${i}项`);
    expect(await sender().send(toUser('zhangsan'), md(lines.join('\n')))).toEqual({ ok: true });
    const parts = fake.sent('/cgi-bin/message/send').map((r) => r.json.markdown.content as string);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(2048);
    expect(parts.join('\n')).toBe(lines.join('\n'));
    expect(fake.violations).toEqual([]);
  });

  it('on an expired token (42001) fetches a new one and delivers the message exactly once', async () => {
    const s = sender();
    await s.send(toUser('zhangsan'), md('第一条'));
    fake.expireTokens();
    fake.requests.length = 0;
    expect(await s.send(toUser('zhangsan'), md('第二条'))).toEqual({ ok: true });
    expect(gettokens()).toBe(1);
    const attempts = fake.requests.filter((r) => r.path === '/cgi-bin/message/send');
    expect(attempts).toHaveLength(2);
    expect(attempts.map((r) => r.json.markdown.content)).toEqual(['第二条', '第二条']);
  });

  it('a wrong secret is a permanent failure naming the errcode', async () => {
    const s = createWecomSender({ config: { ...config, app: { ...config.app!, secret: 'wrong' } }, log: silentLogger, clock });
    expect(await s.send(toUser('zhangsan'), md('x'))).toMatchObject({ ok: false, code: '40001', retryable: false });
  });

  it('refuses the 31st message to one member within a minute before WeCom drops it, as retryable', async () => {
    const limiter = memoryRateLimiter(() => clock.now().getTime());
    const s = sender({ rateLimiter: limiter });
    const results = [];
    for (let i = 0; i < 31; i += 1) results.push(await s.send(toUser('wangwu'), md(`第${i}条`)));
    expect(results.slice(0, 30).every((r) => r.ok)).toBe(true);
    expect(results[30]).toMatchObject({ ok: false, code: 'RATE_LIMITED', retryable: true });
    expect(results[30]!.retryAfterMs).toBeGreaterThan(0);
    expect(fake.sent('/cgi-bin/message/send')).toHaveLength(30);
  });

  it('sends a file through media/upload then a file message, and fetches an app MediaId back', async () => {
    const content = Buffer.from('督办台账 2025年10月');
    expect(await sender().send(toUser('zhangsan'), { ...md('台账如下'), file: { name: '台账.xlsx', content } })).toEqual({ ok: true });
    const file = fake.sent('/cgi-bin/message/send').find((r) => r.json.msgtype === 'file');
    expect(file?.json.file.media_id).toMatch(/^media-/);
    expect(await sender().fetchFile({ name: '台账.xlsx', mediaId: file!.json.file.media_id })).toEqual(content);
  });

  it('HTTP 5xx and timeouts are retryable', async () => {
    fake.failNextWith(502);
    const s = sender();
    expect(await s.send(toUser('zhangsan'), md('x'))).toMatchObject({ ok: false, retryable: true });
    fake.setDelay(300);
    try {
      expect(await sender({ timeoutMs: 100 }).send(toUser('zhangsan'), md('x'))).toMatchObject({ ok: false, code: 'TIMEOUT', retryable: true });
    } finally {
      fake.setDelay(0);
    }
  });

  it('groups without a webhook go through appchat/send', async () => {
    expect(await sender().send({ kind: 'group', platform: 'wecom', chatId: 'wrOgAAAA' }, md('提醒'))).toEqual({ ok: true });
    expect(fake.sent('/cgi-bin/appchat/send').map((r) => [r.json.chatid, r.json.markdown.content])).toEqual([['wrOgAAAA', '提醒']]);
  });
});

describe('group robot webhook', () => {
  it('puts @mentions into the markdown as <@userid> and splits at 4096 bytes', async () => {
    const url = fake.addWebhook('k-split');
    const body = Array.from({ length: 200 }, (_, i) => `- 第${i}项：请于2025年10月31日前报送进度`).join('\n');
    const r = await sender().send({ kind: 'group', platform: 'wecom', chatId: 'c', webhookUrl: url }, { ...md(body), mention: ['lisi', 'zhaoliu'] });
    expect(r).toEqual({ ok: true });
    const parts = fake.sent('/cgi-bin/webhook/send').map((x) => x.json.markdown.content as string);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(4096);
    expect(parts.at(-1)).toMatch(/<@lisi> <@zhaoliu>$/);
    expect(fake.violations).toEqual([]);
  });

  it('without a limiter, the 21st message in a minute gets 45009 and a retryable result', async () => {
    const url = fake.addWebhook('k-flood');
    const s = sender();
    const results = [];
    for (let i = 0; i < 21; i += 1) results.push(await s.send({ kind: 'group', platform: 'wecom', chatId: 'c', webhookUrl: url }, md(`提醒${i}`)));
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    expect(results[20]).toMatchObject({ ok: false, code: '45009', retryable: true, retryAfterMs: 60_000 });
  });

  it('with the shared limiter, the 21st is held back before it reaches WeCom', async () => {
    const url = fake.addWebhook('k-limited');
    const s = sender({ rateLimiter: memoryRateLimiter(() => clock.now().getTime()) });
    for (let i = 0; i < 20; i += 1) expect((await s.send({ kind: 'group', platform: 'wecom', chatId: 'c', webhookUrl: url }, md(`提醒${i}`))).ok).toBe(true);
    expect(await s.send({ kind: 'group', platform: 'wecom', chatId: 'c', webhookUrl: url }, md('多一条'))).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    expect(fake.sent('/cgi-bin/webhook/send').filter((r) => r.query.get('key') === 'k-limited')).toHaveLength(20);
  });
});

describe('AI bot response_url', () => {
  const route = (url: string, expiresAt: number, chatType: 'single' | 'group') => ({
    kind: 'reply' as const, platform: 'wecom' as const,
    route: { kind: 'wecom_bot_response_url', url, expiresAt, extra: { chatType, chatId: chatType === 'group' ? 'wrkGroup' : null, userId: 'zhangsan' } },
  });

  it('answers once through a fresh response_url', async () => {
    const url = fake.addResponseUrl('rc-fresh');
    expect(await sender().send(route(url, clock.now().getTime() + 3_600_000, 'group'), md('**帮助**'))).toEqual({ ok: true });
    expect(fake.sent('/cgi-bin/aibot/response').map((r) => r.json)).toEqual([{ msgtype: 'markdown', markdown: { content: '**帮助**' } }]);
  });

  it('an expired response_url in a group is a non-retryable failure and is not even tried', async () => {
    const url = fake.addResponseUrl('rc-old');
    const r = await sender().send(route(url, clock.now().getTime() - 1, 'group'), md('x'));
    expect(r).toMatchObject({ ok: false, code: 'RESPONSE_URL_EXPIRED', retryable: false });
    expect(fake.sent('/cgi-bin/aibot/response')).toHaveLength(0);
  });

  it('a file attached to a single-chat answer follows through the app after the markdown', async () => {
    const url = fake.addResponseUrl('rc-file');
    const r = await sender().send(route(url, clock.now().getTime() + 3_600_000, 'single'), { ...md('台账已生成'), file: { name: '台账.xlsx', content: Buffer.from('xlsx-bytes') } });
    expect(r).toEqual({ ok: true });
    expect(fake.sent('/cgi-bin/aibot/response')).toHaveLength(1);
    expect(fake.sent('/cgi-bin/message/send').map((x) => [x.json.touser, x.json.msgtype])).toEqual([['zhangsan', 'file']]);
  });

  it('never posts to a response_url outside the API origin', async () => {
    const r = await sender().send(route('http://169.254.169.254/latest?response_code=x', clock.now().getTime() + 3_600_000, 'group'), md('x'));
    expect(r).toMatchObject({ ok: false, code: 'RESPONSE_URL_EXPIRED' });
  });

  it('an expired or used response_url in single chat falls back to the app message/send', async () => {
    const url = fake.addResponseUrl('rc-used');
    const s = sender();
    await s.send(route(url, clock.now().getTime() + 3_600_000, 'single'), md('第一次'));
    expect(await s.send(route(url, clock.now().getTime() + 3_600_000, 'single'), md('第二次'))).toEqual({ ok: true });
    expect(fake.sent('/cgi-bin/message/send').map((r) => [r.json.touser, r.json.markdown.content])).toEqual([['zhangsan', '第二次']]);
  });
});
