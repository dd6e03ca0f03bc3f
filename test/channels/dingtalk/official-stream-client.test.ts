/**
 * DingTalk's own Stream SDK (`dingtalk-stream`, open-dingtalk/dingtalk-stream-sdk-nodejs) run
 * unchanged against the fake gateway that Duban's stream tests use (stream.test.ts): if the
 * official client works against the fake, the fake speaks the protocol; anything the fake
 * refuses is listed in `gw.violations`.
 *
 * The SDK has its gateway address built in (GATEWAY_URL = https://api.dingtalk.com/…) and no
 * option for it. It sends the open request through axios' default instance, so a request
 * interceptor (axios' documented hook) sends that one request to the fake; the WebSocket then
 * goes wherever the fake's `endpoint` points, as with the real gateway. Nothing else is touched.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import axios from 'axios';
import { DWClient, GATEWAY_URL, TOPIC_ROBOT, type DWClientDownStream } from 'dingtalk-stream';
import { decodeRobotMessage } from '../../../src/channels/dingtalk/decode.ts';
import { RobotCallback } from '../../../src/channels/dingtalk/types.ts';
import { robotCallback } from '../../helpers/dingtalk-sign.ts';
import { eventFrame, pingFrame } from '../../helpers/dingtalk-stream-frames.ts';
import { startFakeStreamGateway, waitFor, type FakeStreamGateway } from '../../helpers/fake-dingtalk-stream.ts';

const CREDS = { clientId: 'dingofficialkey', clientSecret: 'official-secret' };
let gw: FakeStreamGateway;
let interceptor: number;
const clients: DWClient[] = [];

beforeAll(async () => {
  gw = await startFakeStreamGateway(CREDS);
  const gateway = new URL(GATEWAY_URL);
  interceptor = axios.interceptors.request.use((config) => {
    if (config.url?.startsWith(gateway.origin)) config.url = `${gw.url}${config.url.slice(gateway.origin.length)}`;
    return config;
  });
});
afterAll(async () => { axios.interceptors.request.eject(interceptor); await gw.close(); });
afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await waitFor(() => gw.live === 0);
  expect(gw.violations.splice(0)).toEqual([]);
  gw.received.length = 0;
});

/** The SDK the way its README starts it: a robot listener that answers each message. */
async function officialClient(onRobot: (msg: DWClientDownStream) => void = () => {}, keepAlive = false) {
  const client = new DWClient({ ...CREDS, keepAlive });
  clients.push(client);
  client.registerCallbackListener(TOPIC_ROBOT, (msg) => {
    onRobot(msg);
    client.socketCallBackResponse(msg.headers.messageId, null);
  });
  await client.connect();
  await waitFor(() => client.connected && gw.live === 1);
  return client;
}
const answers = (id: string) => gw.received.filter((f) => f.headers?.messageId === id);

describe('the official dingtalk-stream client against the fake gateway', () => {
  it('opens a connection the fake accepts: Accept JSON, credentials, EVENT "*" and the bot CALLBACK topic', async () => {
    await officialClient();
    const open = gw.openRequests.at(-1)!;
    expect(open.headers.accept).toContain('application/json');
    expect(open.headers['content-type']).toContain('application/json');
    expect(open.body).toEqual({ ...CREDS, ua: '', subscriptions: [{ type: 'EVENT', topic: '*' }, { type: 'CALLBACK', topic: TOPIC_ROBOT }] });
  });

  it('understands the fake robot-message frame, and its answer is the documented {"response": …}', async () => {
    const got: DWClientDownStream[] = [];
    await officialClient((m) => got.push(m));
    const body = robotCallback({ msgId: 'official-1', text: { content: ' 2.3 进度70%' } });
    expect(gw.push(gw.botFrame(body, 'of-1'))).toBe(1);
    await waitFor(() => answers('of-1').length === 1);
    expect(got[0]!.headers).toMatchObject({ topic: TOPIC_ROBOT, messageId: 'of-1', contentType: 'application/json' });
    const data = RobotCallback.parse(JSON.parse(got[0]!.data));
    expect(decodeRobotMessage(data)).toMatchObject({ messageId: 'official-1', text: '2.3 进度70%', chatType: 'group' });
    expect(answers('of-1')[0]).toEqual({ code: 200, headers: { contentType: 'application/json', messageId: 'of-1' }, message: 'OK', data: '{"response":null}' });
  });

  it('answers an EVENT with status SUCCESS and a SYSTEM ping with its opaque', async () => {
    await officialClient();
    gw.push(eventFrame('user_add_org', { userId: ['u1'] }, { messageId: 'ev-1' }));
    gw.push(pingFrame('opaque-7', { messageId: 'ping-7' }));
    await waitFor(() => answers('ev-1').length === 1 && answers('ping-7').length === 1);
    expect(JSON.parse(answers('ev-1')[0].data)).toEqual({ status: 'SUCCESS' });
    expect(JSON.parse(answers('ping-7')[0].data)).toEqual({ opaque: 'opaque-7' });
  });

  it('keeps the socket alive with WebSocket pings the fake answers', async () => {
    const client = new DWClient({ ...CREDS, keepAlive: true });
    // The SDK pings every 8 s and has no option for it; its field is shortened so the test is quick.
    (client as unknown as { heartbeat_interval: number }).heartbeat_interval = 40;
    clients.push(client);
    client.registerCallbackListener(TOPIC_ROBOT, () => {});
    await client.connect();
    await waitFor(() => gw.pings >= 3);
    expect(client.connected).toBe(true);
  });

  it('after a SYSTEM disconnect and the server closing the socket, reconnects with a fresh ticket', async () => {
    const got: string[] = [];
    const client = await officialClient((m) => got.push(m.headers.messageId));
    const opens = gw.opens;
    gw.disconnect(100);
    await waitFor(() => !client.connected);
    await waitFor(() => gw.opens === opens + 1 && gw.live === 1 && client.connected, 4000);
    gw.push(gw.botFrame(robotCallback({ msgId: 'official-after' }), 'of-after'));
    await waitFor(() => answers('of-after').length === 1);
    expect(got).toEqual(['of-after']);
  });

  it('disconnect() closes the socket and stays closed', async () => {
    const client = await officialClient();
    const connections = gw.connections;
    client.disconnect();
    await waitFor(() => gw.live === 0);
    await new Promise((r) => setTimeout(r, 1200));
    expect(gw.connections).toBe(connections);
  });
});
