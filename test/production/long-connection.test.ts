// Needs PostgreSQL (a fresh test database) and Redis (shared 6379, unique QUEUE_PREFIX): two
// real `duban web` processes configured for the WeCom AI bot's long connection and the
// DingTalk Stream, against fakes of both (test/helpers/fake-wecom-ws.ts kicks the older of two
// connections for one bot, as WeCom does; the Stream gateway would split messages between two).
// One process holds each connection under a lease in Redis, the other waits; neither ever
// kicks or steals from the other. The holder is killed with SIGKILL: the other takes both
// connections over within seconds, and messages sent after that are stored once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startChild, type Child } from '../helpers/process.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { startFakeWecomWs, type FakeWecomWs } from '../helpers/fake-wecom-ws.ts';
import { startFakeStreamGateway, type FakeStreamGateway } from '../helpers/fake-dingtalk-stream.ts';
import { robotCallback } from '../helpers/dingtalk-sign.ts';
import { botText } from '../helpers/wecom-crypto.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { DT, dropPrefix, serviceEnv, uniquePrefix } from './harness.ts';

const REDIS = 'redis://127.0.0.1:6379';
const BOT = { botId: 'aib-lease', secret: 'bot-lease-secret' };
/** Stated in the README: a dead holder's connections are taken over within this (lease ttl 10 s + one renewal). */
const TAKEOVER_WITHIN_MS = 20_000;
let t: TestDatabase;
let wecom: FakeWecomWs;
let gateway: FakeStreamGateway;
let env: Record<string, string>;
let prefix: string;
const children: Child[] = [];
/** the most connections each fake had open at once, sampled every 10 ms */
const most = { wecom: 0, dingtalk: 0 };
let sampler: NodeJS.Timeout;

beforeAll(async () => {
  [t, wecom, gateway] = await Promise.all([createTestDatabase('prodlc'), startFakeWecomWs(BOT), startFakeStreamGateway({ clientId: DT.appKey, clientSecret: DT.appSecret })]);
  prefix = uniquePrefix('lc');
  env = serviceEnv({
    databaseUrl: t.url, prefix, apiUrl: gateway.url,
    extra: { DINGTALK_MODE: 'stream', WECOM_BOT_MODE: 'ws', WECOM_BOT_ID: BOT.botId, WECOM_BOT_SECRET: BOT.secret, WECOM_BOT_WS_URL: wecom.url },
  });
  sampler = setInterval(() => { most.wecom = Math.max(most.wecom, wecom.connections); most.dingtalk = Math.max(most.dingtalk, gateway.live); }, 10);
}, 60_000);

afterAll(async () => {
  clearInterval(sampler);
  await Promise.all(children.map((c) => c.stop()));
  await dropPrefix(REDIS, prefix);
  await wecom?.close();
  await gateway?.close();
  await t?.drop();
});

const stored = async (messageId: string) => t.db.inboundMessage.count({ where: { messageId } });
const holds = (c: Child) => c.logs().filter((l) => l.msg === 'long connection lease taken: opening the connection').length;

it('two processes: one holds each long connection, the other takes both over within seconds of a kill -9, nobody kicked', async () => {
  const first = await startChild('web', env);
  children.push(first);
  await waitFor(() => holds(first) === 2 && wecom.connections === 1 && gateway.live === 1, { timeoutMs: 15_000, what: 'the first process holding both connections' });
  const second = await startChild('web', env);
  children.push(second);

  // The second process waits: the messages go to the first one's connections, stored once.
  wecom.pushCallback(botText({ msgid: 'ws-before', content: '@督办助手 帮助' }));
  gateway.push(gateway.botFrame(robotCallback({ msgId: 'stream-before', text: { content: ' 帮助' } }), 'frame-before'));
  await waitFor(async () => (await stored('bot:ws-before')) === 1 && (await stored('stream-before')) === 1, { what: 'messages stored through the first process' });
  await waitFor(() => second.logs().filter((l) => l.msg === 'long connection held by another process: standing by to take over').length === 2, { what: 'the second process standing by for both' });
  expect(holds(second)).toBe(0);
  expect([wecom.subscribes, gateway.connections]).toEqual([1, 1]);

  first.signal('SIGKILL');
  const killedAt = Date.now();
  await waitFor(() => holds(second) === 2 && wecom.connections === 1 && gateway.live === 1, { timeoutMs: TAKEOVER_WITHIN_MS, everyMs: 50, what: 'the second process taking both connections over' });
  const takeoverMs = Date.now() - killedAt;

  wecom.pushCallback(botText({ msgid: 'ws-after', content: '@督办助手 帮助' }));
  gateway.push(gateway.botFrame(robotCallback({ msgId: 'stream-after', text: { content: ' 帮助' } }), 'frame-after'));
  const acked = () => gateway.received.filter((f) => f.headers?.messageId === 'frame-after').length === 1;
  await waitFor(async () => (await stored('bot:ws-after')) === 1 && (await stored('stream-after')) === 1 && acked(), { what: 'messages stored (and the Stream frame ACKed) through the second process' });

  // One connection per bot at every moment: no kick, no second stream, no fight.
  expect(most).toEqual({ wecom: 1, dingtalk: 1 });
  expect([wecom.subscribes, gateway.connections]).toEqual([2, 2]);
  expect(wecom.sent('aibot_subscribe')).toHaveLength(2);
  expect([...wecom.violations, ...gateway.violations]).toEqual([]);
  console.log(`long connections taken over ${(takeoverMs / 1000).toFixed(1)} s after kill -9 of their holder`);
}, 90_000);
