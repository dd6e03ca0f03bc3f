/**
 * Signature, timestamp window and AES envelope against WeCom's published sample vectors and an
 * independent implementation (test/helpers/wecom-crypto.ts), plus property tests: every round
 * trip opens, every tampered ciphertext or signature is refused.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decrypt as wecomDecrypt } from '@wecom/crypto';
import { checkSignature, checkTimestamp, openEnvelope, readCallbackQuery, sealBotReply, sealEnvelope, verifyCallback } from '../../../src/channels/wecom/verify.ts';
import { openWecom, SAMPLE, sealWecom, wecomSignature } from '../../helpers/wecom-crypto.ts';

const app = { token: SAMPLE.token, aesKey: SAMPLE.aesKey, receiveId: SAMPLE.corpId };
const at = (ts: string) => new Date(Number(ts) * 1000 + 3_000);

describe('official sample vectors', () => {
  it('the independent helper reproduces the published signatures', () => {
    const v = SAMPLE.verify;
    expect(wecomSignature(SAMPLE.token, v.timestamp, v.nonce, v.echostr)).toBe(v.msg_signature);
    const m = SAMPLE.message;
    expect(wecomSignature(SAMPLE.token, m.timestamp, m.nonce, m.encrypt)).toBe(m.msg_signature);
  });

  it('URL verification decrypts the sample echostr to its plaintext', () => {
    const v = SAMPLE.verify;
    expect(verifyCallback(app, v, v.echostr, at(v.timestamp))).toBe(v.plain);
  });

  it('the sample message decrypts to the sample XML with receive id = CorpID', () => {
    const m = SAMPLE.message;
    const xml = verifyCallback(app, m, m.encrypt, at(m.timestamp));
    expect(xml).toContain('<Content><![CDATA[hello]]></Content>');
    expect(xml).toContain('<MsgId>4561255354251345929</MsgId>');
  });

  it('the sample with a one-character change of signature is refused with 401', () => {
    const m = SAMPLE.message;
    const bad = { ...m, msg_signature: `${m.msg_signature.slice(0, -1)}0` };
    expect(() => verifyCallback(app, bad, m.encrypt, at(m.timestamp))).toThrow(expect.objectContaining({ code: 'BAD_SIGNATURE', status: 401 }));
  });

  it('the sample opened as an AI bot callback (receive id "") is refused', () => {
    const m = SAMPLE.message;
    expect(() => verifyCallback({ ...app, receiveId: '' }, m, m.encrypt, at(m.timestamp))).toThrow(expect.objectContaining({ code: 'BAD_SIGNATURE' }));
  });

  it('the sample is refused ten minutes and a second later as stale (403)', () => {
    const m = SAMPLE.message;
    const late = new Date(Number(m.timestamp) * 1000 + 10 * 60 * 1000 + 1000);
    expect(() => verifyCallback(app, m, m.encrypt, late)).toThrow(expect.objectContaining({ code: 'STALE_TIMESTAMP', status: 403 }));
  });
});

describe('envelope checks @wecom/crypto leaves to the caller', () => {
  const msg = '{"msgid":"x"}';
  it('refuses a wrong receive id', () => {
    expect(() => openEnvelope(SAMPLE.aesKey, sealWecom(SAMPLE.aesKey, msg, 'wwOTHERCORP'), SAMPLE.corpId)).toThrow(/BAD_SIGNATURE/);
  });
  it('refuses a pad byte of 0 or above 32 (where @wecom/crypto hands back garbage)', () => {
    for (const padByte of [0, 33, 200]) {
      const enc = sealWecom(SAMPLE.aesKey, msg, '', { padByte });
      expect(() => wecomDecrypt(SAMPLE.aesKey, enc)).not.toThrow();
      expect(() => openEnvelope(SAMPLE.aesKey, enc, '')).toThrow(expect.objectContaining({ detail: { reason: 'bad PKCS#7 padding' } }));
    }
  });
  it('refuses padding bytes that disagree with the pad length', () => {
    expect(() => openEnvelope(SAMPLE.aesKey, sealWecom(SAMPLE.aesKey, msg, '', { corruptPadding: true }), '')).toThrow(/BAD_SIGNATURE/);
  });
  it('refuses a msg_len past the end, which @wecom/crypto reads as receive id ""', () => {
    const enc = sealWecom(SAMPLE.aesKey, msg, '', { lieMsgLen: 100_000 });
    expect(wecomDecrypt(SAMPLE.aesKey, enc).id).toBe('');
    expect(() => openEnvelope(SAMPLE.aesKey, enc, '')).toThrow(expect.objectContaining({ detail: { reason: 'msg_len beyond the envelope' } }));
  });
  it('accepts 16-byte padding too (PKCS#7 1..32)', () => {
    expect(openEnvelope(SAMPLE.aesKey, sealWecom(SAMPLE.aesKey, msg, '', { block: 16 }), '')).toBe(msg);
  });
  it('refuses invalid UTF-8 instead of inventing U+FFFD', () => {
    expect(() => openEnvelope(SAMPLE.aesKey, sealWecom(SAMPLE.aesKey, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), ''), '')).toThrow(/BAD_SIGNATURE/);
  });
  it('refuses non-base64 and short ciphertexts', () => {
    for (const enc of ['', 'not base64!', 'AAAA', Buffer.alloc(17).toString('base64')]) {
      expect(() => openEnvelope(SAMPLE.aesKey, enc, '')).toThrow(/BAD_SIGNATURE/);
    }
  });
});

describe('query and timestamp', () => {
  it('turns a space in echostr back into + and refuses repeated parameters', () => {
    const q = readCallbackQuery({ msg_signature: 'a'.repeat(40), timestamp: '1', nonce: 'n', echostr: 'ab cd==' });
    expect(q.echostr).toBe('ab+cd==');
    expect(() => readCallbackQuery({ msg_signature: ['a'.repeat(40), 'b'.repeat(40)], timestamp: '1', nonce: 'n' })).toThrow(/BAD_SIGNATURE/);
    expect(() => readCallbackQuery({ timestamp: '1', nonce: 'n' })).toThrow(/BAD_SIGNATURE/);
  });
  it('accepts skew inside ±10 minutes, in both directions', () => {
    const now = new Date('2025-10-20T02:00:00Z');
    const s = (ms: number) => String(Math.floor((now.getTime() + ms) / 1000));
    expect(() => checkTimestamp(s(-9 * 60_000), now)).not.toThrow();
    expect(() => checkTimestamp(s(9 * 60_000), now)).not.toThrow();
    expect(() => checkTimestamp(s(11 * 60_000), now)).toThrow(/STALE_TIMESTAMP/);
  });
});

describe('sealing replies', () => {
  it('a sealed AI bot reply opens with the independent helper and carries a valid signature', () => {
    const bot = { token: 't0k', aesKey: SAMPLE.aesKey, receiveId: '' };
    const reply = sealBotReply(bot, { msgtype: 'stream', stream: { id: 's1', finish: true, content: '好' } }, 1760925600, 'n1');
    expect(reply.msgsignature).toBe(wecomSignature('t0k', '1760925600', 'n1', reply.encrypt));
    const opened = openWecom(SAMPLE.aesKey, reply.encrypt);
    expect(JSON.parse(opened.message)).toEqual({ msgtype: 'stream', stream: { id: 's1', finish: true, content: '好' } });
    expect(opened.receiveId).toBe('');
  });
});

describe('properties', () => {
  const key = fc.constantFrom(SAMPLE.aesKey, 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');
  const receiveId = fc.constantFrom('', SAMPLE.corpId);

  it('any message sealed by the helper opens to itself, and agrees with @wecom/crypto', () => {
    fc.assert(fc.property(key, fc.string({ unit: 'grapheme', maxLength: 300 }), receiveId, (k, m, id) => {
      const enc = sealWecom(k, m, id);
      expect(openEnvelope(k, enc, id)).toBe(m);
      expect(wecomDecrypt(k, enc).message).toBe(m);
      expect(openWecom(k, sealEnvelope(k, m, id)).message).toBe(m);
    }), { numRuns: 200 });
  });

  it('flipping any bit of the ciphertext is refused by the signature check', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), fc.nat(), fc.integer({ min: 0, max: 7 }), (m, pos, bit) => {
      const enc = sealWecom(SAMPLE.aesKey, m, SAMPLE.corpId);
      const q = { timestamp: '1760925600', nonce: 'n', msg_signature: wecomSignature(SAMPLE.token, '1760925600', 'n', enc) };
      const bytes = Buffer.from(enc, 'base64');
      const i = pos % bytes.length;
      bytes[i] = bytes[i]! ^ (1 << bit);
      expect(() => verifyCallback(app, q, bytes.toString('base64'), new Date(1760925600_000))).toThrow(expect.objectContaining({ code: 'BAD_SIGNATURE' }));
    }), { numRuns: 200 });
  });

  it('a tampered ciphertext never opens to the original message, even past the signature', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), fc.nat(), fc.integer({ min: 0, max: 7 }), (m, pos, bit) => {
      const bytes = Buffer.from(sealWecom(SAMPLE.aesKey, m, SAMPLE.corpId), 'base64');
      const i = pos % bytes.length;
      bytes[i] = bytes[i]! ^ (1 << bit);
      let opened: string | null = null;
      try { opened = openEnvelope(SAMPLE.aesKey, bytes.toString('base64'), SAMPLE.corpId); } catch (e) { expect(e).toMatchObject({ code: 'BAD_SIGNATURE' }); }
      if (opened !== null) expect(opened).not.toBe(m);
    }), { numRuns: 300 });
  });

  it('any signature other than the right one is refused', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9a-f]{40}$/), (sig) => {
      const m = SAMPLE.message;
      fc.pre(sig !== m.msg_signature);
      expect(() => checkSignature(SAMPLE.token, { ...m, msg_signature: sig }, m.encrypt)).toThrow(/BAD_SIGNATURE/);
    }), { numRuns: 300 });
  });
});
