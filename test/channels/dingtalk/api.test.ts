/**
 * The DingTalk Sender against a local fake of DingTalk's APIs that refuses requests not
 * matching the documented shapes. Every test ends by checking the fake saw no violation.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDingtalkSender } from '../../../src/channels/dingtalk/api.ts';
import type { DingtalkChannelConfig } from '../../../src/channels/dingtalk/types.ts';
import type { ReplyRoute } from '../../../src/channels/types.ts';
import { systemClock } from '../../../src/lib/clock.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { startFakeDingtalkApi, type FakeDingtalkApi } from '../../helpers/fake-dingtalk-api.ts';
import { memoryRateLimiter } from '../../helpers/memory-rate-limiter.ts';

const CREDS = { appKey: 'dingappkey', appSecret: 'app-secret-api', robotCode: 'dingrobot' };
let fake: FakeDingtalkApi;
let config: DingtalkChannelConfig;

beforeAll(async () => {
  fake = await startFakeDingtalkApi(CREDS);
  config = { ...CREDS, mode: 'http', oapiBase: fake.url, apiBase: fake.url };
});
afterAll(() => fake.close());
afterEach(() => {
  expect(fake.violations.splice(0)).toEqual([]);
  fake.requests.length = 0;
  fake.setNow(() => Date.now());
});

const sender = (over: Partial<Parameters<typeof createDingtalkSender>[0]> = {}) => createDingtalkSender({ config, log: silentLogger, ...over });
const msg = (markdown: string, extra: object = {}) => ({ markdown, text: markdown, ...extra });
const groupRoute = (session: { url: string; expiresAt: number }): ReplyRoute => ({
  kind: 'dingtalk_session', url: session.url, expiresAt: session.expiresAt,
  extra: { conversationType: '2', openConversationId: 'cidGroup1==', staffId: 'staff-1', robotCode: 'dingrobot' },
});
const params = (path: string) => fake.calls(path).map((r) => ({ ...r.json, msgParam: JSON.parse(r.json.msgParam) }));

describe('answers (reply route)', () => {
  it('go through a valid session webhook as markdown, with the @ in at and in the text', async () => {
    const session = fake.addSession(90 * 60_000);
    const r = await sender().send({ kind: 'reply', platform: 'dingtalk', route: groupRoute(session) }, msg('**已记录** 2.3 进度70%', { mention: ['staff-1'] }));
    expect(r).toEqual({ ok: true });
    const [call] = fake.calls('/robot/sendBySession');
    expect(call!.json).toMatchObject({ msgtype: 'markdown', markdown: { title: '已记录 2.3 进度70%' }, at: { atUserIds: ['staff-1'] } });
    expect(call!.json.markdown.text).toContain('@staff-1');
    expect(fake.calls('/v1.0/robot/groupMessages/send')).toHaveLength(0);
  });

  it('fall back to the OpenAPI group send when the session has expired by our clock', async () => {
    const session = { url: `${fake.url}/robot/sendBySession?session=gone`, expiresAt: Date.now() - 1 };
    const r = await sender().send({ kind: 'reply', platform: 'dingtalk', route: groupRoute(session) }, msg('逾期事项共3项'));
    expect(r.ok).toBe(true);
    expect(fake.calls('/robot/sendBySession')).toHaveLength(0);
    expect(params('/v1.0/robot/groupMessages/send')).toEqual([
      { robotCode: 'dingrobot', openConversationId: 'cidGroup1==', msgKey: 'sampleMarkdown', msgParam: { title: '逾期事项共3项', text: '逾期事项共3项' } },
    ]);
  });

  it('fall back without losing the answer when DingTalk says 300001 (session gone early)', async () => {
    const session = fake.addSession(60_000);
    fake.setNow(() => Date.now() + 5 * 60_000);
    const r = await sender().send({ kind: 'reply', platform: 'dingtalk', route: groupRoute(session) }, msg('**已办结** 2.3', { mention: ['staff-1'] }));
    expect(r).toEqual({ ok: true });
    expect(fake.calls('/robot/sendBySession')).toHaveLength(1);
    const [sent] = params('/v1.0/robot/groupMessages/send');
    expect(sent!.msgParam.text).toBe('**已办结** 2.3');
  });

  it('in single chat fall back to batchSend to the sender staff id', async () => {
    const route: ReplyRoute = { kind: 'dingtalk_session', url: undefined, extra: { conversationType: '1', staffId: 'staff-7' } };
    expect((await sender().send({ kind: 'reply', platform: 'dingtalk', route }, msg('你好'))).ok).toBe(true);
    expect(params('/v1.0/robot/oToMessages/batchSend')[0]).toMatchObject({ userIds: ['staff-7'], msgKey: 'sampleMarkdown' });
  });

  it('never post to a session webhook outside DINGTALK_OAPI_BASE', async () => {
    const route = groupRoute({ url: 'http://127.0.0.1:9/robot/sendBySession?session=x', expiresAt: Date.now() + 60 * 60_000 });
    expect((await sender().send({ kind: 'reply', platform: 'dingtalk', route }, msg('答复'))).ok).toBe(true);
    expect(fake.calls('/v1.0/robot/groupMessages/send')).toHaveLength(1);
  });

  it('fail without retry when there is nobody to fall back to', async () => {
    const route: ReplyRoute = { kind: 'dingtalk_session', extra: { conversationType: '1' } };
    expect(await sender().send({ kind: 'reply', platform: 'dingtalk', route }, msg('x'))).toMatchObject({ ok: false, code: 'NO_TARGET', retryable: false });
  });
});

describe('OpenAPI sends', () => {
  it('chunk batchSend to at most 20 user ids a call, each id once', async () => {
    const ids = Array.from({ length: 45 }, (_, i) => `staff-${i}`);
    expect((await sender().send({ kind: 'user', platform: 'dingtalk', userIds: ids }, msg('请报送进度'))).ok).toBe(true);
    const calls = params('/v1.0/robot/oToMessages/batchSend');
    expect(calls.map((c) => c.userIds.length)).toEqual([20, 20, 5]);
    expect(calls.flatMap((c) => c.userIds)).toEqual(ids);
  });

  it('cache the token, and refresh it once when DingTalk refuses it', async () => {
    const s = sender();
    const to = { kind: 'group' as const, platform: 'dingtalk' as const, chatId: 'cidGroup2==' };
    await s.send(to, msg('一'));
    await s.send(to, msg('二'));
    expect(fake.calls('/v1.0/oauth2/accessToken')).toHaveLength(1);
    fake.revokeTokens();
    expect((await s.send(to, msg('三'))).ok).toBe(true);
    expect(fake.calls('/v1.0/oauth2/accessToken')).toHaveLength(2);
    const used = fake.calls('/v1.0/robot/groupMessages/send').map((r) => r.headers['x-acs-dingtalk-access-token']);
    expect(used).toHaveLength(4);
    expect(new Set(used.slice(0, 3)).size).toBe(1);
    expect(used[3]).not.toBe(used[0]);
  });

  it('split a long answer into several sampleMarkdown messages in order', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `${i + 1}. 第${i + 1}项 县卫健局 逾期2个工作日`);
    const to = { kind: 'group' as const, platform: 'dingtalk' as const, chatId: 'cidGroup3==' };
    expect((await sender().send(to, msg(lines.join('\n')))).ok).toBe(true);
    const texts = params('/v1.0/robot/groupMessages/send').map((c) => c.msgParam.text as string);
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.join('\n')).toBe(lines.join('\n'));
  });

  it('send the ledger as sampleFile after uploading it with the old token', async () => {
    const to = { kind: 'group' as const, platform: 'dingtalk' as const, chatId: 'cidGroup4==' };
    const r = await sender().send(to, msg('台账已生成', { file: { name: '督办台账.xlsx', content: Buffer.from('PK fake xlsx') } }));
    expect(r.ok).toBe(true);
    expect(fake.calls('/gettoken')).toHaveLength(1);
    const sends = params('/v1.0/robot/groupMessages/send');
    expect(sends.map((c) => c.msgKey)).toEqual(['sampleMarkdown', 'sampleFile']);
    expect(sends[1]!.msgParam).toMatchObject({ fileName: '督办台账.xlsx', fileType: 'xlsx' });
    expect(fake.media.get(sends[1]!.msgParam.mediaId)).toEqual({ fileName: '督办台账.xlsx', size: 12 });
  });

  it('download a received file by its downloadCode', async () => {
    fake.addFile('dl-plan-1', Buffer.from('计划正文'));
    expect((await sender().fetchFile({ name: 'plan.docx', mediaId: 'dl-plan-1' })).toString()).toBe('计划正文');
  });
});

describe('custom group robot webhooks', () => {
  it('sign the URL with timestamp and sign and @ people in text and at', async () => {
    const hook = fake.addWebhook('SECwebhook1');
    const r = await sender().send({ kind: 'group', platform: 'dingtalk', chatId: 'cidG', webhookUrl: hook, webhookSecret: 'SECwebhook1' }, msg('请于2025年10月31日前报送', { mention: ['13800138000'] }));
    expect(r).toEqual({ ok: true });
    const [call] = fake.calls('/robot/send');
    expect(call!.query.get('timestamp')).toMatch(/^\d{13}$/);
    expect(call!.json.at).toMatchObject({ atMobiles: ['13800138000'] });
  });

  it('report a wrong secret or a stale clock as 310000, not retryable', async () => {
    const hook = fake.addWebhook('SECright');
    const to = { kind: 'group' as const, platform: 'dingtalk' as const, chatId: 'cidG', webhookUrl: hook, webhookSecret: 'SECwrong' };
    expect(await sender().send(to, msg('x'))).toMatchObject({ ok: false, code: '310000', retryable: false });
    const stale = { now: () => new Date(Date.now() - 2 * 60 * 60_000) };
    expect(await sender({ clock: stale }).send({ ...to, webhookSecret: 'SECright' }, msg('x'))).toMatchObject({ ok: false, code: '310000' });
  });

  it('turn DingTalk throttling (130101) into a retryable result after 10 minutes', async () => {
    const hook = fake.addWebhook(null);
    const to = { kind: 'group' as const, platform: 'dingtalk' as const, chatId: 'cidG', webhookUrl: hook };
    const s = sender();
    for (let i = 0; i < 20; i += 1) expect((await s.send(to, msg(`提醒${i}`))).ok).toBe(true);
    expect(await s.send(to, msg('第21条'))).toEqual({ ok: false, code: '130101', error: expect.any(String), retryable: true, retryAfterMs: 600_000 });
  });

  it('hold the 21st message of a minute back with the shared limiter, sending nothing', async () => {
    const hook = fake.addWebhook('SEClimit');
    const to = { kind: 'group' as const, platform: 'dingtalk' as const, chatId: 'cidG', webhookUrl: hook, webhookSecret: 'SEClimit' };
    let t = Date.now();
    const s = sender({ rateLimiter: memoryRateLimiter(() => t), clock: systemClock });
    for (let i = 0; i < 20; i += 1) { t += 1000; expect((await s.send(to, msg(`提醒${i}`))).ok).toBe(true); }
    const held = await s.send(to, msg('第21条'));
    expect(held).toMatchObject({ ok: false, code: 'RATE_LIMITED', retryable: true });
    expect(held.retryAfterMs).toBe(60_000 - 19_000);
    expect(fake.calls('/robot/send')).toHaveLength(20);
    t += 60_000;
    fake.setNow(() => Date.now() + 61_000);
    expect((await s.send(to, msg('第21条'))).ok).toBe(true);
  });
});
