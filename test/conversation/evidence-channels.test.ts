// Needs PostgreSQL and Redis. Photos and files sent on each platform become 佐证材料 of the right
// task: the real service (web + worker) against fakes of the platforms' media APIs, which check
// every download request (method, path, token, parameters) and serve the bytes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformBot, DINGTALK, WECOM, WECOM_APP, type PlatformBot } from '../helpers/platform-bot.ts';
import { appEnvelopeXml, encryptBotFile, queryString, signedCallback } from '../helpers/wecom-crypto.ts';
import { callbackHeaders, robotCallback } from '../helpers/dingtalk-sign.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { collect } from '../../src/channels/file-stream.ts';

const fixture = (name: string) => readFileSync(path.resolve(__dirname, '../fixtures/evidence', name));
const PNG = fixture('现场照片1.png');
const JPG = fixture('现场照片2.jpg');
const PDF = fixture('验收报告.pdf');

async function evidenceOf(bot: PlatformBot, messageId: string) {
  return waitFor(async () => {
    const msg = await bot.t.db.inboundMessage.findFirst({ where: { messageId }, select: { id: true, handledAt: true, answer: true } });
    if (!msg?.handledAt) return null;
    const rows = await bot.t.db.evidence.findMany({ where: { messageId: msg.id }, include: { file: true }, orderBy: { seq: 'asc' } });
    return { answer: msg.answer ?? '', rows };
  }, { what: `message ${messageId} handled`, timeoutMs: 15_000 });
}
const taskId = (bot: PlatformBot, p: string) => bot.t.db.task.findFirstOrThrow({ where: { path: p } }).then((t) => t.id);

describe('WeCom', () => {
  let bot: PlatformBot;
  beforeAll(async () => { bot = await createPlatformBot('wecom', { wecomApp: true }); });
  afterAll(async () => { await bot.close(); });

  const postApp = (xml: string) => {
    const cb = signedCallback({ token: WECOM_APP.token, aesKey: WECOM_APP.aesKey, receiveId: WECOM.corpId }, xml, bot.clock.now().getTime());
    return fetch(`${bot.base}/wecom/app?${queryString(cb.query)}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: appEnvelopeXml(WECOM.corpId, cb.encrypt, String(WECOM.agentId)) });
  };

  it('a photo sent to the self-built app after a claim is fetched by MediaId through media/get and attached to the claimed task', async () => {
    expect(await bot.sayWecom('zhangsan', '二（一）已办结，已通过验收')).toContain('等待领导审核');
    const mediaId = bot.wecom.addMedia(PNG);
    const msgId = '7254378012345670001';
    const xml = `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>${Math.floor(bot.clock.now().getTime() / 1000)}</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[https://wework.qpic.cn/x]]></PicUrl><MediaId><![CDATA[${mediaId}]]></MediaId><MsgId>${msgId}</MsgId><AgentID>${WECOM.agentId}</AgentID></xml>`;
    expect((await postApp(xml)).status).toBe(200);
    const { answer, rows } = await evidenceOf(bot, `app:${msgId}`);
    expect(answer).toMatch(/已附佐证材料：图片-.+（二\.\(一\)，共1份）/);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ taskId: await taskId(bot, '二.(一)'), mime: 'image/png', size: PNG.length, file: { mime: 'image/png', size: PNG.length } });
    const get = bot.wecom.requests.filter((r) => r.path === '/cgi-bin/media/get');
    expect(get.map((r) => [r.method, r.query.get('media_id'), Boolean(r.query.get('access_token'))])).toEqual([['GET', mediaId, true]]);
    // the answer went back through the app to the sender
    await waitFor(() => bot.wecom.sent('/cgi-bin/message/send').find((r) => r.json.touser === 'zhangsan' && JSON.stringify(r.json).includes('已附佐证材料')), { what: 'app answer' });
    expect(bot.wecom.violations).toEqual([]);
  });

  it('an AI bot image (encrypted URL, callback mode) is decrypted with the EncodingAESKey; a 图文混排 naming a task attaches its pictures there', async () => {
    const url = bot.wecom.addBotFile(encryptBotFile(WECOM.botAesKey, JPG));
    const msgid = randomUUID();
    const res = await bot.postWecomBot({ msgid, aibotid: 'AIBOT', chattype: 'single', from: { userid: 'zhangsan' }, response_url: bot.wecom.addResponseUrl(randomUUID().replace(/-/g, '')), msgtype: 'image', image: { url } });
    expect(res.status).toBe(200);
    const first = await evidenceOf(bot, `bot:${msgid}`);
    expect(first.rows[0]).toMatchObject({ taskId: await taskId(bot, '二.(一)'), mime: 'image/jpeg', size: JPG.length });
    expect(first.answer).toContain('共2份');

    const mixedId = randomUUID();
    const a = bot.wecom.addBotFile(encryptBotFile(WECOM.botAesKey, PNG));
    const b = bot.wecom.addBotFile(encryptBotFile(WECOM.botAesKey, fixture('签到表.png')));
    await bot.postWecomBot({ msgid: mixedId, aibotid: 'AIBOT', chattype: 'single', from: { userid: 'zhangsan' }, response_url: bot.wecom.addResponseUrl(randomUUID().replace(/-/g, '')), msgtype: 'mixed', mixed: { msg_item: [{ msgtype: 'text', text: { content: '二（五）培训现场照片' } }, { msgtype: 'image', image: { url: a } }, { msgtype: 'image', image: { url: b } }] } });
    const mixed = await evidenceOf(bot, `bot:${mixedId}`);
    expect(mixed.rows.map((r) => r.taskId)).toEqual([await taskId(bot, '二.(五)'), await taskId(bot, '二.(五)')]);
    // the same photo sent twice is stored once
    expect(mixed.rows[0]!.fileId).toBe((await bot.t.db.evidence.findFirst({ where: { mime: 'image/png', taskId: await taskId(bot, '二.(一)') } }))!.fileId);
  });

  it('over the long connection a file carries its own aeskey, and the download is decrypted with it as a stream', async () => {
    const key = randomBytes(32);
    const pad = 32 - (PDF.length % 32);
    const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    c.setAutoPadding(false);
    const url = bot.wecom.addBotFile(Buffer.concat([c.update(Buffer.concat([PDF, Buffer.alloc(pad, pad)])), c.final()]));
    const stream = await bot.rt.channels.openFile('wecom', { name: '验收报告.pdf', downloadUrl: url, aesKey: key.toString('base64') });
    expect((await collect(stream)).equals(PDF)).toBe(true);
  });
});

describe('DingTalk', () => {
  let bot: PlatformBot;
  let signed = 0;
  beforeAll(async () => { bot = await createPlatformBot('dingtalk'); });
  afterAll(async () => { await bot.close(); });

  const post = async (body: Record<string, unknown>) => {
    const res = await fetch(`${bot.base}/dingtalk/robot`, { method: 'POST', headers: callbackHeaders(DINGTALK.appSecret, bot.clock.now().getTime() + 500 + (signed += 1)), body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  };

  it('a picture @-sent in the unit group after a claim is fetched through robot/messageFiles/download and attached; a file in single chat joins it', async () => {
    expect(await bot.sayDingtalk('zhangsan', '二（一）已办结')).toContain('等待领导审核');
    bot.dingtalk.addFile('dl-pic-1', PNG);
    const session = bot.dingtalk.addSession(90 * 60_000);
    const picId = `pic-${randomUUID()}`;
    await post(robotCallback({ msgId: picId, msgtype: 'picture', text: undefined, content: { downloadCode: 'dl-pic-1' }, senderStaffId: 'zhangsan', conversationType: '2', conversationId: 'cid-weijian', sessionWebhook: session.url, sessionWebhookExpiredTime: session.expiresAt, createAt: bot.clock.now().getTime() }));
    const pic = await evidenceOf(bot, picId);
    expect(pic.rows[0]).toMatchObject({ taskId: await taskId(bot, '二.(一)'), mime: 'image/png' });
    const dl = bot.dingtalk.requests.filter((r) => r.path === '/v1.0/robot/messageFiles/download');
    expect(dl.map((r) => [r.method, r.json.downloadCode, r.json.robotCode, Boolean(r.headers['x-acs-dingtalk-access-token'])])).toEqual([['POST', 'dl-pic-1', DINGTALK.robotCode, true]]);

    bot.dingtalk.addFile('dl-file-1', PDF);
    const s2 = bot.dingtalk.addSession(90 * 60_000);
    const fileId = `file-${randomUUID()}`;
    await post(robotCallback({ msgId: fileId, msgtype: 'file', text: undefined, content: { downloadCode: 'dl-file-1', fileName: '验收报告.pdf' }, senderStaffId: 'zhangsan', conversationType: '1', conversationId: 'cid-single', sessionWebhook: s2.url, sessionWebhookExpiredTime: s2.expiresAt, createAt: bot.clock.now().getTime() }));
    const file = await evidenceOf(bot, fileId);
    expect(file.rows[0]).toMatchObject({ taskId: await taskId(bot, '二.(一)'), name: '验收报告.pdf', mime: 'application/pdf' });
    expect(file.answer).toContain('已附佐证材料：验收报告.pdf（二.(一)，共2份）');
    expect(bot.dingtalk.violations).toEqual([]);
  });
});
