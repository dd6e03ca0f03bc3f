/**
 * Duban's callback crypto against WeCom's own: the official WXBizMsgCrypt sample vectors
 * (test/helpers/wecom-crypto.ts SAMPLE, also checked through @wecom/crypto in verify.test.ts)
 * and `WecomCrypto`, the AES/SHA1 core that WeCom's @wecom/aibot-node-sdk ships for callbacks
 * (its OpenClaw plugin uses it in callback mode). Signatures, envelopes and receive ids must
 * agree both ways, and an encrypted file URL (callback mode: the EncodingAESKey is the key,
 * path/100719) must download and decrypt to the same bytes with the SDK and with Duban.
 */
import { describe, expect, it } from 'vitest';
import { decryptFile, WeComApiClient, WecomCrypto } from '@wecom/aibot-node-sdk';
import { fetchBotFile } from '../../../src/channels/wecom/bot-media.ts';
import { sealBotReply, verifyCallback } from '../../../src/channels/wecom/verify.ts';
import { startFakeWecomApi } from '../../helpers/fake-wecom-api.ts';
import { encryptBotFile, SAMPLE } from '../../helpers/wecom-crypto.ts';

const at = (ts: string) => new Date(Number(ts) * 1000);

describe('WecomCrypto (@wecom/aibot-node-sdk) and Duban agree', () => {
  it('on the official sample: signature and decrypted message with receive id = CorpID', () => {
    const vendor = new WecomCrypto(SAMPLE.token, SAMPLE.aesKey, SAMPLE.corpId);
    const m = SAMPLE.message;
    expect(vendor.verifySignature(m.msg_signature, m.timestamp, m.nonce, m.encrypt)).toBe(true);
    const duban = verifyCallback({ token: SAMPLE.token, aesKey: SAMPLE.aesKey, receiveId: SAMPLE.corpId }, m, m.encrypt, at(m.timestamp));
    expect(duban).toBe(vendor.decrypt(m.encrypt));
    const v = SAMPLE.verify;
    expect(vendor.decrypt(v.echostr)).toBe(v.plain);
  });

  it('a reply Duban seals for the AI bot (receive id "") opens and verifies with WecomCrypto', () => {
    const secrets = { token: 'bot-token', aesKey: SAMPLE.aesKey, receiveId: '' };
    const body = { msgtype: 'stream', stream: { id: 'duban-1', finish: true, content: '逾期 2 项' } };
    const sealed = sealBotReply(secrets, body, 1760925600, 'cb-nonce');
    const vendor = new WecomCrypto(secrets.token, secrets.aesKey, '');
    expect(vendor.verifySignature(sealed.msgsignature, String(sealed.timestamp), sealed.nonce, sealed.encrypt)).toBe(true);
    expect(JSON.parse(vendor.decrypt(sealed.encrypt))).toEqual(body);
  });

  it('a callback WecomCrypto seals and signs passes Duban\'s checks; one for another corp does not', () => {
    const plain = JSON.stringify({ msgid: 'v-1', chattype: 'single', from: { userid: 'u' }, msgtype: 'text', text: { content: '帮助' } });
    const { encrypt, signature } = new WecomCrypto('bot-token', SAMPLE.aesKey, '').encrypt(plain, '1760925600', 'n1');
    const q = { msg_signature: signature, timestamp: '1760925600', nonce: 'n1' };
    expect(verifyCallback({ token: 'bot-token', aesKey: SAMPLE.aesKey, receiveId: '' }, q, encrypt, at('1760925600'))).toBe(plain);
    const other = new WecomCrypto('bot-token', SAMPLE.aesKey, SAMPLE.corpId).encrypt(plain, '1760925600', 'n1');
    expect(() => verifyCallback({ token: 'bot-token', aesKey: SAMPLE.aesKey, receiveId: '' }, { ...q, msg_signature: other.signature }, other.encrypt, at('1760925600'))).toThrow(/BAD_SIGNATURE/);
  });
});

describe('callback-mode file URLs', () => {
  it('the fake serves a file that the SDK (download + decryptFile) and Duban decrypt to the same bytes', async () => {
    const api = await startFakeWecomApi({ corpId: 'c', secret: 's', agentId: 1 });
    try {
      const plain = Buffer.from('一、二（一）提升院前急救能力，区卫生健康局牵头，2025年12月31日前完成。\n'.repeat(40));
      const url = api.addBotFile(encryptBotFile(SAMPLE.aesKey, plain));
      const quiet = { debug() {}, info() {}, warn() {}, error() {} };
      const { buffer } = await new WeComApiClient(quiet).downloadFileRaw(url);
      expect(decryptFile(buffer, SAMPLE.aesKey)).toEqual(plain);
      expect(await fetchBotFile(SAMPLE.aesKey, url)).toEqual(plain);
    } finally {
      await api.close();
    }
  });
});
