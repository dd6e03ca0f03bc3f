/**
 * An independent implementation of WeCom's callback signature and AES envelope, written from
 * the protocol description (path/90968, path/101033) with node:crypto only — it shares no code
 * with src/ or @wecom/crypto, so tests built on it check the service against the protocol, not
 * against itself. It also builds deliberately broken envelopes (bad padding, lying msg_len).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { cardUpdateError, replyBodyError, welcomeBodyError } from './wecom-bot-bodies.ts';

/** Published sample values (workweixin/weworkapi_cplusplus Sample.cpp, WXBizMsgCrypt samples). */
export const SAMPLE = {
  token: 'QDG6eK',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'wx5823bf96d3bd56c7',
  verify: {
    msg_signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    timestamp: '1409659589',
    nonce: '263014780',
    echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
    /** what the sample prints as the echo answer */
    plain: '1616140317555161061',
  },
  message: {
    msg_signature: '477715d11cdb4164915debcba66cb864d751f3e6',
    timestamp: '1409659813',
    nonce: '1372623149',
    encrypt: 'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
  },
};

export function wecomSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

function keyOf(aesKey: string): Buffer {
  const key = Buffer.from(`${aesKey}=`, 'base64');
  if (key.length !== 32) throw new Error('EncodingAESKey must decode to 32 bytes');
  return key;
}

export interface SealOptions {
  random?: Buffer;
  /** PKCS#7 block size; WeCom pads to 32 */
  block?: number;
  /** write this msg_len instead of the true one */
  lieMsgLen?: number;
  /** overwrite the last plaintext byte (the pad length) before encrypting */
  padByte?: number;
  /** corrupt one padding byte other than the last */
  corruptPadding?: boolean;
}

/** random(16) ‖ msg_len(4, BE) ‖ msg ‖ receiveId, PKCS#7, AES-256-CBC with iv = key[0..16]. */
export function sealWecom(aesKey: string, message: string | Buffer, receiveId: string, o: SealOptions = {}): string {
  const key = keyOf(aesKey);
  const msg = Buffer.isBuffer(message) ? message : Buffer.from(message, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(o.lieMsgLen ?? msg.length);
  const body = Buffer.concat([o.random ?? randomBytes(16), len, msg, Buffer.from(receiveId, 'utf8')]);
  const block = o.block ?? 32;
  const pad = block - (body.length % block);
  const plain = Buffer.concat([body, Buffer.alloc(pad, pad)]);
  if (o.padByte !== undefined) plain[plain.length - 1] = o.padByte;
  if (o.corruptPadding && pad > 1) plain[plain.length - 2] = (plain[plain.length - 2]! + 1) & 0xff;
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

/** Opens an envelope, checking nothing: for reading what the service sealed. */
export function openWecom(aesKey: string, encrypt: string): { message: string; receiveId: string; pad: number } {
  const key = keyOf(aesKey);
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  d.setAutoPadding(false);
  const plain = Buffer.concat([d.update(Buffer.from(encrypt, 'base64')), d.final()]);
  const pad = plain[plain.length - 1]!;
  const n = plain.readUInt32BE(16);
  return { message: plain.subarray(20, 20 + n).toString('utf8'), receiveId: plain.subarray(20 + n, plain.length - pad).toString('utf8'), pad };
}

export interface SignedCallback {
  query: { msg_signature: string; timestamp: string; nonce: string };
  encrypt: string;
}

/** Seals and signs a plaintext the way WeCom sends a callback at `nowMs`. */
export function signedCallback(secrets: { token: string; aesKey: string; receiveId: string }, plaintext: string, nowMs: number, seal: SealOptions = {}): SignedCallback {
  const encrypt = sealWecom(secrets.aesKey, plaintext, secrets.receiveId, seal);
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = randomBytes(6).toString('hex');
  return { query: { msg_signature: wecomSignature(secrets.token, timestamp, nonce, encrypt), timestamp, nonce }, encrypt };
}

export function queryString(q: Record<string, string>): string {
  return new URLSearchParams(q).toString();
}

/** The app callback XML envelope around an encrypted message. */
export function appEnvelopeXml(corpId: string, encrypt: string, agentId = '1000002'): string {
  return `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><AgentID><![CDATA[${agentId}]]></AgentID><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
}

/** A decrypted app text message. */
export function appTextXml(o: { from?: string; content?: string; msgId?: string; createTime?: number; corpId?: string }): string {
  return `<xml><ToUserName><![CDATA[${o.corpId ?? SAMPLE.corpId}]]></ToUserName><FromUserName><![CDATA[${o.from ?? 'zhangsan'}]]></FromUserName><CreateTime>${o.createTime ?? 1760925600}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${o.content ?? '帮助'}]]></Content><MsgId>${o.msgId ?? '7254378012345678901'}</MsgId><AgentID>1000002</AgentID></xml>`;
}

/** A decrypted AI bot callback (path/100719 shape). */
export function botText(o: { msgid?: string; content?: string; chattype?: 'single' | 'group'; chatid?: string; userid?: string; response_url?: string } = {}): Record<string, unknown> {
  const chattype = o.chattype ?? 'group';
  return {
    msgid: o.msgid ?? 'CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=',
    aibotid: 'AIBOTID',
    ...(chattype === 'group' ? { chatid: o.chatid ?? 'wrkSFfCgAAxxxx' } : {}),
    chattype,
    from: { userid: o.userid ?? 'zhangsan' },
    response_url: o.response_url ?? 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC1',
    msgtype: 'text',
    text: { content: o.content ?? '@督办助手 帮助' },
  };
}

/** A decrypted AI bot stream-refresh callback (path/100719: msgtype "stream", stream.id). */
export function botRefresh(o: { streamId: string; msgid?: string; chattype?: 'single' | 'group'; chatid?: string; userid?: string }): Record<string, unknown> {
  const chattype = o.chattype ?? 'group';
  return {
    msgid: o.msgid ?? randomBytes(12).toString('base64'),
    aibotid: 'AIBOTID',
    ...(chattype === 'group' ? { chatid: o.chatid ?? 'wrkSFfCgAAxxxx' } : {}),
    chattype,
    from: { userid: o.userid ?? 'zhangsan' },
    msgtype: 'stream',
    stream: { id: o.streamId },
  };
}

/**
 * Reads an AI bot passive reply the way WeCom does (path/101033): JSON `{encrypt, msgsignature,
 * timestamp, nonce}`, the signature over (token, timestamp, nonce, encrypt), the envelope's
 * receive id "", and a plaintext reply body of the documented shape (wecom-bot-bodies.ts).
 * - `nonce` must be the callback URL's: "随机数，需要用回调url中的nonce".
 * - `timestamp` "要求为秒级别的": the document's example writes a number, WeCom's own JSON
 *   crypto samples (WXBizJsonMsgCrypt) write a string of digits, so both are read.
 * Throws when any of it is wrong; returns the decrypted JSON (`{}` is the empty reply).
 */
export function openBotReply(secrets: { token: string; aesKey: string }, body: unknown, callbackNonce: string): any {
  const b = body as { encrypt?: unknown; msgsignature?: unknown; timestamp?: unknown; nonce?: unknown };
  const ts = typeof b?.timestamp === 'number' ? String(b.timestamp) : b?.timestamp;
  if (typeof b?.encrypt !== 'string' || typeof b.msgsignature !== 'string' || typeof b.nonce !== 'string' || typeof ts !== 'string' || !/^\d{9,10}$/.test(ts)) {
    throw new Error(`not a passive reply: ${JSON.stringify(body)}`);
  }
  if (b.nonce !== callbackNonce) throw new Error(`passive reply nonce ${b.nonce} is not the callback's ${callbackNonce}`);
  if (wecomSignature(secrets.token, ts, b.nonce, b.encrypt) !== b.msgsignature) throw new Error('passive reply signature mismatch');
  const opened = openWecom(secrets.aesKey, b.encrypt);
  if (opened.receiveId !== '') throw new Error(`passive reply receive id ${JSON.stringify(opened.receiveId)}, want ""`);
  const reply = JSON.parse(opened.message);
  const why = Object.keys(reply).length === 0 ? null : reply.response_type ? cardUpdateError(reply) : reply.msgtype === 'text' ? welcomeBodyError(reply) : replyBodyError(reply, 'callback');
  if (why) throw new Error(`passive reply body: ${why}`);
  return reply;
}

/** The nonce of the callback a fetch Response answered (its URL is the request's). */
export const callbackNonceOf = (res: Response): string => new URL(res.url).searchParams.get('nonce') ?? '';

/** An AI bot file's bytes as WeCom serves them: AES-256-CBC, iv = key[0..16], PKCS#7 to 32. */
export function encryptBotFile(aesKey: string, plain: Buffer): Buffer {
  const key = Buffer.from(`${aesKey}=`, 'base64');
  const pad = 32 - (plain.length % 32);
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]);
}
