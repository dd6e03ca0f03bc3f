/**
 * An independent implementation of DingTalk's signatures for tests (node:crypto only, no
 * import from src/): what DingTalk itself computes for robot callbacks and what it checks
 * on custom robot webhooks. https://open.dingtalk.com/document/orgapp/receive-message
 */
import crypto from 'node:crypto';

/** Base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret)). */
export function dingtalkSign(timestamp: number | string, secret: string): string {
  const mac = crypto.createHmac('sha256', Buffer.from(secret, 'utf8'));
  mac.update(Buffer.from(`${timestamp}\n${secret}`, 'utf8'));
  return mac.digest().toString('base64');
}

/** The headers DingTalk puts on a robot callback sent at `nowMs`. */
export function callbackHeaders(secret: string, nowMs: number): Record<string, string> {
  return { timestamp: String(nowMs), sign: dingtalkSign(nowMs, secret), 'content-type': 'application/json; charset=utf-8' };
}

let seq = 0;

/** A robot callback body as DingTalk sends it (fields from the receive-message doc). */
export function robotCallback(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq += 1;
  const createAt = Date.now();
  return {
    conversationId: 'cidGroupAbc123==',
    atUsers: [{ dingtalkId: '$:LWCP_v1:$robot' }],
    chatbotCorpId: 'dingcorp',
    chatbotUserId: '$:LWCP_v1:$robot',
    msgId: `msgTest${seq}${Math.random().toString(36).slice(2)}`,
    senderNick: '张三',
    isAdmin: false,
    senderStaffId: 'staff-001',
    sessionWebhookExpiredTime: createAt + 90 * 60 * 1000,
    createAt,
    senderCorpId: 'dingcorp',
    conversationType: '2',
    senderId: '$:LWCP_v1:$sender==',
    conversationTitle: '督办测试群',
    isInAtList: true,
    sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=abc',
    text: { content: ' 2.3 进度70%' },
    robotCode: 'dingrobot',
    msgtype: 'text',
    ...over,
  };
}
