/**
 * DingTalk Stream frames as the protocol document writes them, for the fake gateway
 * (test/helpers/fake-dingtalk-stream.ts): the downstream frames it sends and the check of
 * every upstream frame a client sends back.
 * https://open.dingtalk.com/document/direction/stream-mode-protocol-access-description
 * (the same text, with the FAQ, in open-dingtalk/developerpedia docs/learn/stream/protocol.md)
 *
 * - Downstream: `{specVersion: "1.0", type: SYSTEM|EVENT|CALLBACK, headers: {topic, messageId,
 *   contentType: "application/json", time}, data: <JSON string>}`. The headers table types
 *   `time` as Number while every example writes a string, so `time: 'number'` sends a number.
 * - `ping` carries `{"opaque": …}`; `disconnect` carries only `{"reason": …}` and, in the
 *   document's example, no messageId: the client answers nothing and the server closes the
 *   TCP connection after 10 s of silence.
 * - Upstream answers: `{code: 200, headers: {messageId (the frame's), contentType:
 *   "application/json"}, message: "OK", data: <JSON string>}`; a ping's data carries its
 *   opaque back, a CALLBACK's data is `{"response": …}` (the robot tip: `{"response": null}`),
 *   an EVENT's data holds `status` SUCCESS or LATER (and an optional message).
 */
import { randomUUID } from 'node:crypto';

export const BOT_TOPIC = '/v1.0/im/bot/messages/get';
/** Interactive card callbacks (the dingtalk-stream SDK's TOPIC_CARD). */
export const CARD_TOPIC = '/v1.0/card/instances/callback';
export type FrameKind = 'ping' | 'CALLBACK' | 'EVENT';

interface FrameOpts { messageId?: string; time?: 'string' | 'number' }

function headers(topic: string, o: FrameOpts) {
  const now = Date.now();
  return { appId: 'fake-app-id', connectionId: 'fake-conn', contentType: 'application/json', messageId: o.messageId ?? randomUUID(), time: o.time === 'number' ? now : String(now), topic };
}

/** A CALLBACK frame carrying a robot message (its `data` is the receive-message JSON). */
export function botFrame(data: unknown, o: FrameOpts = {}) {
  return { specVersion: '1.0', type: 'CALLBACK', headers: headers(BOT_TOPIC, o), data: JSON.stringify(data) };
}

/** A CALLBACK frame carrying a card click (its `data` is the card callback JSON). */
export function cardFrame(data: unknown, o: FrameOpts = {}) {
  return { specVersion: '1.0', type: 'CALLBACK', headers: headers(CARD_TOPIC, o), data: JSON.stringify(data) };
}

/** An EVENT frame (topic "*" subscriptions), e.g. a contact change. */
export function eventFrame(eventType: string, data: unknown, o: FrameOpts = {}) {
  const h = headers('*', o);
  return { specVersion: '1.0', type: 'EVENT', headers: { ...h, eventType, eventId: randomUUID(), eventBornTime: h.time, eventCorpId: 'dingcorp', eventUnifiedAppId: 'fake-app' }, data: JSON.stringify(data) };
}

/** The SYSTEM ping, whose only data field is a unique opaque. */
export function pingFrame(opaque: string, o: FrameOpts = {}) {
  const { topic, messageId, contentType, time } = headers('ping', o);
  return { specVersion: '1.0', type: 'SYSTEM', headers: { topic, messageId, contentType, time }, data: JSON.stringify({ opaque }) };
}

/** The SYSTEM disconnect exactly as the document's example: no messageId, data {reason}. */
export function disconnectFrame(reason = 'connection is expired') {
  return { type: 'SYSTEM', headers: { topic: 'disconnect', contentType: 'application/json' }, data: JSON.stringify({ reason }) };
}

/** Why an upstream frame answering a downstream frame of `kind` breaks the protocol, or null. */
export function answerError(frame: any, kind: FrameKind, sentData: string): string | null {
  if (typeof frame?.code !== 'number') return 'answer without a numeric code';
  if (typeof frame.message !== 'string') return 'answer without a message';
  if (frame.headers?.contentType !== 'application/json') return 'answer headers.contentType must be application/json';
  if (typeof frame.data !== 'string') return 'answer data must be a JSON string';
  let data: any;
  try { data = JSON.parse(frame.data); } catch { return 'answer data is not JSON'; }
  if (kind === 'ping') {
    const opaque = JSON.parse(sentData).opaque;
    return frame.code === 200 && data?.opaque === opaque ? null : 'ping answer must be code 200 carrying the opaque back';
  }
  if (kind === 'CALLBACK') return data !== null && typeof data === 'object' && 'response' in data ? null : `CALLBACK answer data must be {"response": …}, got ${frame.data}`;
  return data?.status === 'SUCCESS' || data?.status === 'LATER' ? null : `EVENT answer data must carry status SUCCESS or LATER, got ${frame.data}`;
}
