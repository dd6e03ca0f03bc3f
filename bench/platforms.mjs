// How the benchmark builds one callback per platform, signed as the platform signs it, with a
// fresh message id per request so every request takes the full path (verify, decode, insert,
// enqueue, ack) and none is a duplicate. Independent of src/ (node:crypto only).
import crypto from 'node:crypto';

export const WECOM = { token: 'benchToken', aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };

export const DINGTALK = { appKey: 'benchappkey', appSecret: 'bench-app-secret-0123456789', robotCode: 'benchrobot' };

/** Env a web process needs to accept the callbacks below. */
export function platformEnv(apiBase) {
  return {
    DINGTALK_APP_KEY: DINGTALK.appKey,
    DINGTALK_APP_SECRET: DINGTALK.appSecret,
    DINGTALK_ROBOT_CODE: DINGTALK.robotCode,
    DINGTALK_MODE: 'http',
    DINGTALK_OAPI_BASE: apiBase,
    DINGTALK_API_BASE: apiBase,
    WECOM_BOT_TOKEN: WECOM.token,
    WECOM_BOT_AES_KEY: WECOM.aesKey,
    WECOM_API_BASE: apiBase,
  };
}

let seq = 0;

/**
 * DingTalk enterprise robot, HTTP mode (https://open.dingtalk.com/document/orgapp/receive-message):
 * headers timestamp + sign = Base64(HmacSHA256(appSecret, timestamp + "\n" + appSecret)).
 * The sign covers the timestamp only, and the web tier takes one body per (timestamp, sign),
 * so each callback gets a timestamp of its own, as DingTalk's do.
 */
function dingtalk() {
  const run = crypto.randomBytes(4).toString('hex');
  let last = 0;
  return {
    name: 'DingTalk robot',
    path: '/dingtalk/robot',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    request() {
      seq += 1;
      const now = Date.now();
      const ts = String((last = Math.max(now, last + 1)));
      const sign = crypto.createHmac('sha256', DINGTALK.appSecret).update(`${ts}\n${DINGTALK.appSecret}`).digest('base64');
      const body = JSON.stringify({
        conversationId: 'cidBenchGroup==', chatbotCorpId: 'dingcorp', chatbotUserId: '$:LWCP_v1:$robot',
        msgId: `bench-${run}-${seq}`, senderNick: '张三', isAdmin: false, senderStaffId: 'staff-001',
        sessionWebhookExpiredTime: now + 90 * 60_000, createAt: now, senderCorpId: 'dingcorp', conversationType: '2',
        senderId: '$:LWCP_v1:$sender==', conversationTitle: '督办测试群', isInAtList: true,
        sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=bench', text: { content: ' 2.3 进度70%，卒中中心验收中' },
        robotCode: DINGTALK.robotCode, msgtype: 'text',
      });
      return { headers: { 'content-type': 'application/json; charset=utf-8', timestamp: ts, sign }, body };
    },
    body() { return this.request().body; },
  };
}

/**
 * WeCom AI bot (智能机器人) callback (https://developer.work.weixin.qq.com/document/path/100719):
 * a fresh JSON message encrypted with the EncodingAESKey (AES-256-CBC, PKCS#7 to 32 bytes,
 * receive id ""), signed with sha1(sort(token, timestamp, nonce, encrypt)) in the query.
 */
function wecom() {
  const key = Buffer.from(`${WECOM.aesKey}=`, 'base64');
  const run = crypto.randomBytes(4).toString('hex');
  const seal = (plain) => {
    const msg = Buffer.from(plain);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(msg.length);
    const raw = Buffer.concat([crypto.randomBytes(16), len, msg]);
    const pad = 32 - (raw.length % 32);
    const c = crypto.createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    c.setAutoPadding(false);
    return Buffer.concat([c.update(Buffer.concat([raw, Buffer.alloc(pad, pad)])), c.final()]).toString('base64');
  };
  return {
    name: 'WeCom AI bot',
    path: '/wecom/bot',
    headers: { 'content-type': 'application/json' },
    request() {
      seq += 1;
      const encrypt = seal(JSON.stringify({
        msgid: `bench-${run}-${seq}`, aibotid: 'AIBOT', chatid: 'wrkBenchGroup', chattype: 'group', from: { userid: 'zhangsan' },
        response_url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=bench', msgtype: 'text', text: { content: '@督办助手 2.3 进度70%，卒中中心验收中' },
      }));
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = crypto.randomBytes(4).toString('hex');
      const signature = crypto.createHash('sha1').update([WECOM.token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
      return { path: `/wecom/bot?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, body: JSON.stringify({ encrypt }) };
    },
    body() { return this.request().body; },
  };
}

/** The callbacks the benchmark sends. */
export const PLATFORMS = { dingtalk, wecom };
