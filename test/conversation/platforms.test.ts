// Needs PostgreSQL and Redis. The same conversation scripts as the console test, through the
// real server: WeCom AI bot callbacks (independently signed and encrypted) answered through
// the stream their passive reply opens, and DingTalk robot callbacks answered through the session webhook — same
// answers apart from markup.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlatformBot, type PlatformBot } from '../helpers/platform-bot.ts';
import { SCRIPTS } from '../fixtures/conversations.ts';

const plain = (s: string) => s.replace(/\*\*/g, '').replace(/\n\n/g, '\n');
const escape = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

for (const platform of ['wecom', 'dingtalk'] as const) {
  describe(`conversation scripts (${platform})`, () => {
    let bot: PlatformBot;
    beforeEach(async () => { bot = await createPlatformBot(platform); });
    afterEach(async () => { await bot.close(); });
    for (const [name, turns] of Object.entries(SCRIPTS)) {
      it(name, async () => {
        for (const turn of turns) {
          const raw = platform === 'wecom' ? await bot.sayWecom(turn.as, turn.say, { chat: 'single' }) : await bot.sayDingtalk(turn.as, turn.say);
          const reply = plain(raw);
          for (const e of turn.expect) expect(reply, `${turn.as}: ${turn.say}`).toMatch(typeof e === 'string' ? escape(e) : e);
        }
      });
    }
  });
}

describe('WeCom callbacks through the real server', () => {
  let bot: PlatformBot;
  beforeEach(async () => { bot = await createPlatformBot('wecom'); });
  afterEach(async () => { await bot.close(); });

  it('stores a retried callback once and answers it once, through the stream it opened', async () => {
    const url = bot.wecom.addResponseUrl('dup1');
    const body = { msgid: 'same-msg', aibotid: 'A', chattype: 'single', from: { userid: 'wang' }, response_url: url, msgtype: 'text', text: { content: '哪些逾期了' } };
    const replies = await Promise.all([bot.postWecomBot(body), bot.postWecomBot(body), bot.postWecomBot(body)]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    const streams = new Set(await Promise.all(replies.map(async (r) => (await bot.openWecomReply(r)).stream.id as string)));
    expect(streams.size).toBe(1);
    const { content } = await bot.followWecomStream([...streams][0]!, 'wang', { chat: 'single' });
    await new Promise((r) => setTimeout(r, 500));
    expect(await bot.t.db.inboundMessage.count()).toBe(1);
    expect((await bot.t.db.inboundMessage.findFirstOrThrow()).answer).toBe(content);
    expect(bot.wecom.sent('/cgi-bin/aibot/response').filter((r) => r.query.get('response_code') === 'dup1')).toHaveLength(0);
    expect(bot.wecom.violations).toEqual([]);
  });

  it('refuses a forged signature with 401 and stores nothing', async () => {
    const res = await bot.postWecomBot({ msgid: 'forged', chattype: 'single', from: { userid: 'wang' }, msgtype: 'text', text: { content: '帮助' } }, (q) => { q.msg_signature = 'f'.repeat(40); });
    expect(res.status).toBe(401);
    expect(await bot.t.db.inboundMessage.count()).toBe(0);
  });

  it('answers /readyz only when PostgreSQL and Redis are reachable', async () => {
    const res = await fetch(`${bot.base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, checks: { postgres: 'ok', redis: 'ok' } });
  });
});
