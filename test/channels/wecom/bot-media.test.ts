// The AI bot's file download: a local server serves the file encrypted the way WeCom does
// (independent implementation below); the bot downloads, decrypts and checks the padding.
import http from 'node:http';
import { createCipheriv, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptBotFile, fetchBotFile } from '../../../src/channels/wecom/bot-media.ts';

const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

/** WeCom's file encryption: AES-256-CBC, iv = key[0..16], PKCS#7 to a multiple of 32. */
function wecomEncryptFile(plain: Buffer, encodingAesKey = AES_KEY): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const pad = 32 - (plain.length % 32);
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]);
}

const files = new Map<string, Buffer>();
let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const body = files.get(req.url ?? '');
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('AI bot file download', () => {
  it('downloads and decrypts a document byte for byte, at every padding length', async () => {
    for (const size of [0, 1, 31, 32, 33, 4096, 100_003]) {
      const plain = randomBytes(size);
      files.set(`/f${size}`, wecomEncryptFile(plain));
      expect((await fetchBotFile(AES_KEY, `${base}/f${size}`)).equals(plain)).toBe(true);
    }
  });

  it('refuses a file encrypted with another key instead of returning garbage', () => {
    const other = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    expect(() => decryptBotFile(AES_KEY, wecomEncryptFile(Buffer.from('方案'.repeat(100)), other))).toThrow(expect.objectContaining({ code: 'FILE_UNREADABLE' }));
  });

  it('refuses truncated ciphertext, an expired link, an oversized file and a non-web address with coded errors (their Chinese is in templates/errors/)', async () => {
    expect(() => decryptBotFile(AES_KEY, wecomEncryptFile(Buffer.from('x'.repeat(100))).subarray(0, 40))).toThrow(expect.objectContaining({ code: 'FILE_UNREADABLE' }));
    await expect(fetchBotFile(AES_KEY, `${base}/gone`)).rejects.toMatchObject({ code: 'FILE_UNAVAILABLE', detail: { reason: 'HTTP 404', wecom: true } });
    files.set('/big', wecomEncryptFile(randomBytes(70_000)));
    await expect(fetchBotFile(AES_KEY, `${base}/big`, 64 * 1024)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', detail: { mb: 0 } });
    await expect(fetchBotFile(AES_KEY, 'file:///etc/passwd')).rejects.toMatchObject({ code: 'FILE_UNAVAILABLE' });
  });
});

describe('long-connection files', () => {
  it('decrypt with the file\'s own base64 aeskey', () => {
    const own = randomBytes(32);
    const plain = Buffer.from('关于印发实施方案的通知'.repeat(20));
    const pad = 32 - (plain.length % 32);
    const c = createCipheriv('aes-256-cbc', own, own.subarray(0, 16));
    c.setAutoPadding(false);
    const enc = Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]);
    expect(decryptBotFile(own.toString('base64'), enc).equals(plain)).toBe(true);
    expect(() => decryptBotFile(randomBytes(16).toString('base64'), enc)).toThrow(expect.objectContaining({ code: 'FILE_UNREADABLE' }));
  });
});
