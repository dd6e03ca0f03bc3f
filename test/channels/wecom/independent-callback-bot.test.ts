/**
 * Callback mode (接收消息 URL) from the other side: an independent AI bot implementation,
 * @openclaw-china/wecom (an OpenClaw/Moltbot channel plugin, callback mode only), runs behind
 * a real HTTP port and receives callbacks from the WeCom-side fake that Duban's own callback
 * tests use (test/helpers/wecom-crypto.ts: signedCallback seals and signs like WeCom,
 * openBotReply reads a passive reply the way WeCom does). If the plugin accepts the fake's
 * callbacks and the fake accepts the plugin's encrypted replies, the fake speaks the protocol.
 *
 * The plugin is started through its own plugin API (register → registerHttpHandler,
 * gateway.startAccount); its host runtime, which would call an AI agent, is the small object
 * `runtime` below that answers with a fixed text once the test lets it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin, { wecomPlugin } from '@openclaw-china/wecom';
import { botRefresh, botText, callbackNonceOf, openBotReply, queryString, sealWecom, signedCallback, wecomSignature } from '../../helpers/wecom-crypto.ts';

const BOT = { token: 'indep-token', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', receiveId: '' };
let url: string;
let server: http.Server;
let release: () => void = () => {};
const answered = new Promise<void>((r) => { release = r; });

/** The host the plugin dispatches to: routes every message to one agent that answers after `release()`. */
const runtime = {
  channel: {
    routing: { resolveAgentRoute: () => ({ agentId: 'duban-test', sessionKey: 's1', accountId: 'default' }) },
    reply: {
      dispatchReplyFromConfig: async () => {},
      dispatchReplyWithBufferedBlockDispatcher: async (p: { ctx: { RawBody: string }; dispatcherOptions: { deliver: (x: { text: string }) => Promise<void> } }) => {
        await answered;
        await p.dispatcherOptions.deliver({ text: `已收到：${p.ctx.RawBody}` });
      },
    },
  },
};

beforeAll(async () => {
  let handler: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean> | boolean) | undefined;
  plugin.register({ runtime, registerChannel: () => {}, registerHttpHandler: (h) => { handler = h; } });
  const quiet = { info: () => {}, error: () => {} };
  const cfg = { channels: { wecom: { token: BOT.token, encodingAESKey: BOT.aesKey, receiveId: '', webhookPath: '/wecom', dmPolicy: 'open', groupPolicy: 'open', welcomeText: '您好，我是督办助手' } } };
  await wecomPlugin.gateway.startAccount({ cfg: cfg as never, accountId: 'default', runtime, log: quiet });
  server = http.createServer(async (req, res) => { if (!(await handler!(req, res))) { res.statusCode = 404; res.end(); } });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom`;
});
afterAll(async () => {
  await wecomPlugin.gateway.stopAccount({ accountId: 'default' });
  await new Promise<void>((r) => server.close(() => r()));
});

const post = async (payload: Record<string, unknown>) => {
  const cb = signedCallback(BOT, JSON.stringify(payload), Date.now());
  return fetch(`${url}?${queryString(cb.query)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encrypt: cb.encrypt }) });
};
/** What WeCom makes of the answer: the fake's reader throws on anything undocumented. */
const reply = async (res: Response) => { expect(res.status).toBe(200); return openBotReply(BOT, JSON.parse(await res.text()), callbackNonceOf(res)); };

describe('@openclaw-china/wecom (callback mode) against the WeCom-side fake', () => {
  it('passes URL verification: answers the decrypted echostr as bare plaintext', async () => {
    const echostr = sealWecom(BOT.aesKey, '7285136195834019001', '');
    const q = { msg_signature: wecomSignature(BOT.token, '1760925600', 'n0', echostr), timestamp: '1760925600', nonce: 'n0', echostr };
    const res = await fetch(`${url}?${queryString(q)}`);
    expect([res.status, await res.text()]).toEqual([200, '7285136195834019001']);
  });

  it('answers a text callback with a sealed stream the fake opens, then finishes it on a refresh', async () => {
    const first = await reply(await post(botText({ msgid: 'ind-1', content: '@督办助手 查询逾期' })));
    expect(first).toMatchObject({ msgtype: 'stream', stream: { finish: false } });
    release();
    let refreshed = await reply(await post(botRefresh({ streamId: first.stream.id })));
    for (let i = 0; !refreshed.stream.finish && i < 50; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      refreshed = await reply(await post(botRefresh({ streamId: first.stream.id })));
    }
    expect(refreshed).toEqual({ msgtype: 'stream', stream: { id: first.stream.id, finish: true, content: '已收到：@督办助手 查询逾期' } });
  });

  it('greets enter_chat (the documented event) with a welcome text the fake accepts', async () => {
    const event = { msgid: 'ind-ev', create_time: 1700000000, aibotid: 'AIBOTID', from: { corpid: 'wpxxxx', userid: 'zhangsan' }, msgtype: 'event', event: { eventtype: 'enter_chat' } };
    expect(await reply(await post(event))).toEqual({ msgtype: 'text', text: { content: '您好，我是督办助手' } });
  });

  it('refuses a callback the fake signed with another token, as Duban does', async () => {
    const cb = signedCallback({ ...BOT, token: 'other' }, JSON.stringify(botText({ msgid: 'ind-bad' })), Date.now());
    const res = await fetch(`${url}?${queryString(cb.query)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encrypt: cb.encrypt }) });
    expect(res.status).toBe(401);
  });
});
