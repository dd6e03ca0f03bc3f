// How the benchmark builds one callback per platform, signed as the platform signs it, with a
// fresh message id per request so every request takes the full path (verify, decode, insert,
// enqueue, ack) and none is a duplicate. Independent of src/ (node:crypto only).
import crypto from 'node:crypto';

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
    // WeCom AI bot (智能机器人) callbacks: add WECOM_BOT_TOKEN / WECOM_BOT_AES_KEY here.
  };
}

let seq = 0;

/**
 * DingTalk enterprise robot, HTTP mode (https://open.dingtalk.com/document/orgapp/receive-message):
 * headers timestamp + sign = Base64(HmacSHA256(appSecret, timestamp + "\n" + appSecret)).
 * The sign covers the timestamp only, so one header pair serves the whole run (< 1 hour).
 */
function dingtalk() {
  const ts = String(Date.now());
  const sign = crypto.createHmac('sha256', DINGTALK.appSecret).update(`${ts}\n${DINGTALK.appSecret}`).digest('base64');
  const run = crypto.randomBytes(4).toString('hex');
  return {
    name: 'DingTalk robot',
    path: '/dingtalk/robot',
    headers: { 'content-type': 'application/json; charset=utf-8', timestamp: ts, sign },
    body() {
      seq += 1;
      const now = Date.now();
      return JSON.stringify({
        conversationId: 'cidBenchGroup==', chatbotCorpId: 'dingcorp', chatbotUserId: '$:LWCP_v1:$robot',
        msgId: `bench-${run}-${seq}`, senderNick: '张三', isAdmin: false, senderStaffId: 'staff-001',
        sessionWebhookExpiredTime: now + 90 * 60_000, createAt: now, senderCorpId: 'dingcorp', conversationType: '2',
        senderId: '$:LWCP_v1:$sender==', conversationTitle: '督办测试群', isInAtList: true,
        sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=bench', text: { content: ' 2.3 进度70%，卒中中心验收中' },
        robotCode: DINGTALK.robotCode, msgtype: 'text',
      });
    },
  };
}

/**
 * The callbacks the benchmark sends. To add the WeCom AI bot: a function returning the same
 * shape whose body() encrypts a fresh JSON message with the EncodingAESKey (AES-256-CBC,
 * PKCS#7 to 32 bytes) and whose path carries msg_signature/timestamp/nonce
 * (https://developer.work.weixin.qq.com/document/path/100719), then list it here.
 */
export const PLATFORMS = { dingtalk };
