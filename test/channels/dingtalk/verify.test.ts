/** Callback signatures: an independent signer (test/helpers/dingtalk-sign.ts) against src. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkReplay, checkSignature, REPLAY_CHECK_MS, signWebhookUrl, SIGN_WINDOW_MS } from '../../../src/channels/dingtalk/verify.ts';
import type { Logger } from '../../../src/lib/logger.ts';
import { dingtalkSign } from '../../helpers/dingtalk-sign.ts';
import { memoryReplayGuard } from '../../helpers/memory-replay-guard.ts';

const SECRET = 'dingtalk-app-secret-Xy9';
const NOW = 1_767_225_600_000;

/**
 * The documents' own example inputs: the robot receive-message page shows a callback with header
 * `timestamp: 1577262236757` and its sample code signs with app_secret 'this is a secret'; the
 * custom-robot security page's sample code signs with secret 'this is secret'
 * (open.dingtalk.com/document/orgapp/receive-message, …/robots/customize-robot-security-settings).
 * The documents print no resulting sign ("sign: xxxxxxxxxx"), so the expected values below were
 * computed outside this repository with Python's hmac/hashlib/base64, and match what two
 * unrelated projects' tests give for the same inputs (a Rust DingTalk callback crate and a
 * Swift push client).
 */
const DOC = { timestamp: 1577262236757, receiveSecret: 'this is a secret', receiveSign: 'DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=', webhookSecret: 'this is secret', webhookSign: 'hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=' };

describe('the documented sign examples', () => {
  it('accepts the receive-message example (timestamp 1577262236757, app secret "this is a secret")', () => {
    expect(dingtalkSign(DOC.timestamp, DOC.receiveSecret)).toBe(DOC.receiveSign);
    expect(() => checkSignature({ timestamp: String(DOC.timestamp), sign: DOC.receiveSign }, DOC.receiveSecret, DOC.timestamp + 60_000)).not.toThrow();
    expect(() => checkSignature({ timestamp: String(DOC.timestamp), sign: DOC.receiveSign }, 'this is secret', DOC.timestamp)).toThrow(expect.objectContaining({ code: 'BAD_SIGNATURE' }));
  });

  it('signs the custom-robot example URL as the document describes (URL-encoded Base64)', () => {
    const url = signWebhookUrl('https://oapi.dingtalk.com/robot/send?access_token=XXXXXX', DOC.webhookSecret, DOC.timestamp);
    expect(url.endsWith('&timestamp=1577262236757&sign=hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D')).toBe(true);
    expect(new URL(url).searchParams.get('sign')).toBe(DOC.webhookSign);
  });
});

describe('checkSignature', () => {
  it('accepts a sign DingTalk would compute', () => {
    expect(() => checkSignature({ timestamp: String(NOW), sign: dingtalkSign(NOW, SECRET) }, SECRET, NOW)).not.toThrow();
  });

  it('refuses a sign made with another secret as BAD_SIGNATURE 401', () => {
    expect(() => checkSignature({ timestamp: String(NOW), sign: dingtalkSign(NOW, 'other') }, SECRET, NOW))
      .toThrow(expect.objectContaining({ code: 'BAD_SIGNATURE', status: 401 }));
  });

  it('refuses missing headers and a non-numeric timestamp', () => {
    expect(() => checkSignature({ timestamp: String(NOW) }, SECRET, NOW)).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => checkSignature({ timestamp: 'abc', sign: dingtalkSign('abc', SECRET) }, SECRET, NOW)).toThrow(expect.objectContaining({ status: 401 }));
  });

  it('takes timestamps within one hour either way and refuses older or newer ones with 403', () => {
    for (const ts of [NOW - SIGN_WINDOW_MS, NOW + SIGN_WINDOW_MS]) {
      expect(() => checkSignature({ timestamp: String(ts), sign: dingtalkSign(ts, SECRET) }, SECRET, NOW)).not.toThrow();
    }
    for (const ts of [NOW - SIGN_WINDOW_MS - 1, NOW + SIGN_WINDOW_MS + 1]) {
      expect(() => checkSignature({ timestamp: String(ts), sign: dingtalkSign(ts, SECRET) }, SECRET, NOW))
        .toThrow(expect.objectContaining({ code: 'STALE_TIMESTAMP', status: 403 }));
    }
  });

  it('property: never accepts a sign that was not made with the secret', () => {
    fc.assert(fc.property(
      fc.string({ minLength: 1, maxLength: 40 }),
      fc.integer({ min: NOW - SIGN_WINDOW_MS, max: NOW + SIGN_WINDOW_MS }),
      fc.oneof(fc.string({ maxLength: 60 }), fc.base64String({ minLength: 44, maxLength: 44 })),
      (secret, ts, forged) => {
        fc.pre(forged !== dingtalkSign(ts, secret));
        expect(() => checkSignature({ timestamp: String(ts), sign: forged }, secret, NOW)).toThrow(expect.objectContaining({ code: 'BAD_SIGNATURE' }));
      },
    ), { numRuns: 500 });
  });

  it('property: a sign made with any other secret is refused', () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (secret, other) => {
      fc.pre(secret !== other);
      expect(() => checkSignature({ timestamp: String(NOW), sign: dingtalkSign(NOW, other) }, secret, NOW)).toThrow();
    }), { numRuns: 300 });
  });
});

describe('signWebhookUrl', () => {
  it('appends timestamp and the URL-encoded sign a custom robot checks', () => {
    const url = new URL(signWebhookUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SECabc', NOW));
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(url.searchParams.get('timestamp')).toBe(String(NOW));
    expect(url.searchParams.get('sign')).toBe(dingtalkSign(NOW, 'SECabc'));
    expect(url.search).not.toMatch(/sign=[^&]*[+/=]/);
  });
});

describe('checkReplay', () => {
  const headers = { timestamp: String(NOW), sign: dingtalkSign(NOW, SECRET) };
  const warnings: string[] = [];
  const log = { warn: (_: unknown, msg: string) => void warnings.push(msg) } as unknown as Logger;

  it('lets one body through a (timestamp, sign) pair, again as a retry, and refuses another as REPLAY', async () => {
    const guard = memoryReplayGuard();
    await expect(checkReplay(guard, headers, Buffer.from('{"msgId":"a"}'), NOW, log)).resolves.toBeUndefined();
    await expect(checkReplay(guard, headers, Buffer.from('{"msgId":"a"}'), NOW, log)).resolves.toBeUndefined();
    await expect(checkReplay(guard, headers, Buffer.from('{"msgId":"b"}'), NOW, log)).rejects.toMatchObject({ code: 'REPLAY', status: 403 });
  });

  it('lets a callback through with a warning when the guard does not answer in time (Redis down)', async () => {
    const hanging = { claim: () => new Promise<never>(() => {}) };
    const t0 = Date.now();
    await expect(checkReplay(hanging, headers, Buffer.from('{}'), NOW, log)).resolves.toBeUndefined();
    expect(Date.now() - t0).toBeLessThan(REPLAY_CHECK_MS + 500);
    expect(warnings.at(-1)).toMatch(/replay check unavailable/);
  });
});
