// Needs PostgreSQL and Redis. A plan document sent to the WeCom AI bot in single chat: the
// callback carries an encrypted file URL (path/100719); the worker downloads it, decrypts it
// with the bot's EncodingAESKey and answers with the import summary through response_url.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformBot, WECOM, type PlatformBot } from '../helpers/platform-bot.ts';
import { encryptBotFile } from '../helpers/wecom-crypto.ts';

let bot: PlatformBot;
const plan = readFileSync(path.resolve(__dirname, '../../demo/plan.txt'));
beforeAll(async () => { bot = await createPlatformBot('wecom'); });
afterAll(async () => { await bot.close(); });

async function sendFile(userId: string, url: string): Promise<string> {
  const code = randomUUID().replace(/-/g, '');
  const responseUrl = bot.wecom.addResponseUrl(code);
  const res = await bot.postWecomBot({ msgid: randomUUID(), aibotid: 'AIBOT', chattype: 'single', from: { userid: userId }, response_url: responseUrl, msgtype: 'file', file: { url } });
  expect(res.status).toBe(200);
  const end = Date.now() + 15_000;
  for (;;) {
    const sent = bot.wecom.sent('/cgi-bin/aibot/response').find((r) => r.query.get('response_code') === code);
    if (sent) return sent.json.markdown.content as string;
    if (Date.now() > end) throw new Error('no answer through response_url');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('WeCom AI bot file import', () => {
  it('an admin\'s plan file is downloaded, decrypted and read into a draft', async () => {
    const answer = await sendFile('admin', bot.wecom.addBotFile(encryptBotFile(WECOM.botAesKey, plan)));
    expect(answer).toContain('高新区');
    expect(answer).toMatch(/共 8 项任务/);
    expect(await bot.t.db.plan.count({ where: { title: { contains: '高新区' }, status: 'draft' } })).toBe(1);
    expect(bot.wecom.violations).toEqual([]);
  });

  it('a file encrypted with another key is refused in Chinese and saves nothing', async () => {
    const before = await bot.t.db.plan.count();
    const answer = await sendFile('admin', bot.wecom.addBotFile(encryptBotFile('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', plan)));
    expect(answer).toContain('无法解密');
    expect(await bot.t.db.plan.count()).toBe(before);
  });

  it('an expired link gets a clear answer', async () => {
    const answer = await sendFile('admin', `${bot.wecom.base}/aibot-file?id=nope`);
    expect(answer).toContain('5 分钟内有效');
  });
});
