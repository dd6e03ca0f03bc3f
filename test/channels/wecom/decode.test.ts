/** Decrypted WeCom bodies → InboundMessage, with the payload shapes of path/100719 and path/90239. */
import { describe, expect, it } from 'vitest';
import { decodeAppMessage, decodeBotMessage, MAX_XML_DEPTH, parseAppMessage, parseBotMessage, parseXmlFields, stripBotMention, xmlDepth } from '../../../src/channels/wecom/decode.ts';
import { InboundMessage } from '../../../src/channels/types.ts';
import { appTextXml, botText } from '../../helpers/wecom-crypto.ts';

const now = new Date('2025-10-20T02:00:00Z');
const bot = (body: Record<string, unknown>, botName?: string) => InboundMessage.parse(decodeBotMessage(parseBotMessage(JSON.stringify(body)), { now, botName }));

describe('AI bot messages', () => {
  it.each([
    ['@督办助手 帮助', '督办助手', '帮助'],
    ['@督办助手\u2005查询逾期', '督办助手', '查询逾期'],
    ['请 @督办助手 汇报 2.3', '督办助手', '请   汇报 2.3'],
    ['@RobotA hello robot', undefined, 'hello robot'],
    ['@RobotA @李四 催办', undefined, '@李四 催办'],
  ])('strips the bot mention from %j (name %s)', (content, name, want) => {
    expect(bot(botText({ content }), name).text).toBe(want);
  });

  it('keeps an @ in single chat when no bot name is configured (nobody is mentioned there)', () => {
    expect(stripBotMention('@all 不是提及', false)).toBe('@all 不是提及');
  });

  it('maps chat type, chat id, sender and the response_url route (valid one hour)', () => {
    const m = bot(botText({ msgid: 'm1', chattype: 'group', chatid: 'wrkG1', userid: 'lisi' }));
    expect(m).toMatchObject({ platform: 'wecom', messageId: 'bot:m1', chatType: 'group', chatId: 'wrkG1', senderId: 'lisi', kind: 'text' });
    expect(m.replyTo).toEqual({ kind: 'wecom_bot_response_url', url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC1', expiresAt: now.getTime() + 3_600_000, extra: { chatType: 'group', chatId: 'wrkG1', userId: 'lisi' } });
    const single = bot(botText({ chattype: 'single' }));
    expect([single.chatType, single.chatId]).toEqual(['single', null]);
  });

  it('joins the text parts of a mixed message and reads a quote', () => {
    const m = bot({
      ...botText(), msgtype: 'mixed', text: undefined,
      mixed: { msg_item: [{ msgtype: 'text', text: { content: '@督办助手 这个' } }, { msgtype: 'image', image: { url: 'https://x/1' } }, { msgtype: 'text', text: { content: '完成了' } }] },
      quote: { msgtype: 'text', text: { content: '2.3 急救能力建设' } },
    }, '督办助手');
    expect([m.text, m.quote]).toEqual(['这个\n完成了', '2.3 急救能力建设']);
  });

  it('keeps a single-chat file or image download URL (and a long-connection aeskey); a mixed message with pictures is a file message captioned by its words', () => {
    const f = bot({ ...botText({ chattype: 'single' }), msgtype: 'file', text: undefined, file: { url: 'https://wework.qpic.cn/f1' } });
    expect([f.kind, f.file]).toEqual(['file', { name: 'file', downloadUrl: 'https://wework.qpic.cn/f1' }]);
    const img = bot({ ...botText({ chattype: 'single' }), msgtype: 'image', text: undefined, image: { url: 'https://wework.qpic.cn/i1', aeskey: 'k' } });
    expect(img).toMatchObject({ kind: 'file', text: null, file: { downloadUrl: 'https://wework.qpic.cn/i1', aesKey: 'k' } });
    expect(img.file!.name).toMatch(/^图片-.+\.jpg$/);
    const mixed = bot({ ...botText({ chattype: 'single' }), msgtype: 'mixed', text: undefined, mixed: { msg_item: [{ msgtype: 'text', text: { content: '2.3 佐证材料' } }, { msgtype: 'image', image: { url: 'https://a/1' } }, { msgtype: 'image', image: { url: 'https://a/2' } }] } });
    expect(mixed).toMatchObject({ kind: 'file', text: '2.3 佐证材料', file: { downloadUrl: 'https://a/1' } });
    expect(mixed.files!.map((x) => x.downloadUrl)).toEqual(['https://a/1', 'https://a/2']);
  });

  it('marks stream-refresh callbacks', () => {
    const m = bot({ ...botText(), msgtype: 'stream', text: undefined, stream: { id: 'stream-42' } });
    expect([m.kind, m.text]).toEqual(['stream_refresh', 'stream-42']);
  });

  it('routes long-connection messages back to their req_id for five minutes', () => {
    const m = decodeBotMessage(parseBotMessage(JSON.stringify({ ...botText(), response_url: undefined })), { now, wsReqId: 'req-9' });
    expect(m.replyTo).toMatchObject({ kind: 'wecom_bot_ws', expiresAt: now.getTime() + 300_000, extra: { reqId: 'req-9' } });
  });

  it('refuses bodies that are not bot messages', () => {
    expect(() => parseBotMessage('[]')).toThrow(/BAD_REQUEST/);
    expect(() => parseBotMessage('{"msgid":"m","chattype":"other","from":{"userid":"u"},"msgtype":"text"}')).toThrow(/BAD_REQUEST/);
  });
});

describe('self-built app messages', () => {
  const app = (xml: string) => InboundMessage.parse(decodeAppMessage(parseAppMessage(xml), { agentId: '1000002' }));

  it('decodes text with its MsgId as key and an app reply route', () => {
    expect(app(appTextXml({ msgId: '7254378012345678901', content: '  帮助 ', from: 'wangwu', createTime: 1760925600 }))).toMatchObject({
      messageId: 'app:7254378012345678901', text: '帮助', senderId: 'wangwu', chatType: 'single', chatId: null, sentAt: 1760925600_000,
      replyTo: { kind: 'wecom_app', extra: { userId: 'wangwu', agentId: '1000002' } },
    });
  });

  it('decodes a file with its MediaId and events by sender + CreateTime', () => {
    const file = app('<xml><ToUserName>c</ToUserName><FromUserName>u1</FromUserName><CreateTime>5</CreateTime><MsgType>file</MsgType><MediaId>MID</MediaId><FileName>计划.docx</FileName><MsgId>9</MsgId></xml>');
    expect([file.kind, file.file]).toEqual(['file', { name: '计划.docx', mediaId: 'MID' }]);
    const ev = app('<xml><ToUserName>c</ToUserName><FromUserName>u1</FromUserName><CreateTime>77</CreateTime><MsgType>event</MsgType><Event>enter_agent</Event></xml>');
    expect([ev.kind, ev.messageId, ev.text]).toEqual(['event', 'app-event:u1:77', 'enter_agent']);
  });

  it('decodes the five predefined XML entities and nothing else', () => {
    expect(parseXmlFields('<xml><Content>a &lt;b&gt; &amp;amp; &#x41;</Content></xml>').Content).toBe('a <b> &amp; &#x41;');
  });

  it('refuses a message without MsgId and any DOCTYPE', () => {
    expect(() => app('<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content></xml>')).toThrow(/BAD_REQUEST/);
    expect(() => parseXmlFields('<!DOCTYPE xml SYSTEM "file:///etc/passwd"><xml><a>1</a></xml>')).toThrow(/BAD_REQUEST/);
  });

  it('reads the deepest event WeCom sends, and refuses deeper nesting or anything the parser rejects as BAD_REQUEST', () => {
    const pics = '<xml><MsgType>event</MsgType><SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum><![CDATA[<a><b>]]></PicMd5Sum></item></PicList></SendPicsInfo><!-- <x><y> --></xml>';
    expect(xmlDepth(pics)).toBe(5);
    expect(parseXmlFields(pics).MsgType).toBe('event');
    const nest = (n: number) => `<xml>${'<a>'.repeat(n)}x${'</a>'.repeat(n)}<Encrypt>e</Encrypt></xml>`;
    expect(parseXmlFields(nest(MAX_XML_DEPTH - 1)).Encrypt).toBe('e');
    for (const n of [MAX_XML_DEPTH, 101, 200_000]) expect(() => parseXmlFields(nest(n)), `depth ${n}`).toThrow(/BAD_REQUEST/);
    expect(() => parseXmlFields('<xml><a></b></xml>')).toThrow(/BAD_REQUEST/);
    expect(() => parseXmlFields(`<xml><a>${'x'.repeat(1024 * 1024)}</a></xml>`)).toThrow(/BAD_REQUEST/);
  });
});

describe('AI bot stream routes (callback mode with stream replies)', () => {
  const streamed = (body: Record<string, unknown>) => InboundMessage.parse(decodeBotMessage(parseBotMessage(JSON.stringify(body)), { now, stream: true }));

  it('routes text, mixed and voice to the stream, held for six minutes, with the response_url for later', () => {
    for (const body of [botText(), { ...botText(), msgtype: 'mixed', mixed: { msg_item: [{ msgtype: 'text', text: { content: 'x' } }] } }, { ...botText(), msgtype: 'voice', voice: { content: 'x' } }]) {
      expect(streamed(body).replyTo).toEqual({
        kind: 'wecom_bot_stream', url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC1',
        expiresAt: now.getTime() + 3_600_000, holdUntil: now.getTime() + 360_000,
        extra: { chatType: 'group', chatId: 'wrkSFfCgAAxxxx', userId: 'zhangsan' },
      });
    }
  });

  it('keeps files on response_url and long-connection frames on their req_id', () => {
    expect(streamed({ ...botText({ chattype: 'single' }), msgtype: 'file', file: { url: 'u' } }).replyTo?.kind).toBe('wecom_bot_response_url');
    const ws = decodeBotMessage(parseBotMessage(JSON.stringify(botText())), { now, stream: true, wsReqId: 'r1' });
    expect(ws.replyTo?.kind).toBe('wecom_bot_ws');
  });

  it('holds a message without response_url for the stream alone', () => {
    expect(streamed({ ...botText(), response_url: undefined }).replyTo).toEqual({ kind: 'wecom_bot_stream', holdUntil: now.getTime() + 360_000, extra: { chatType: 'group', chatId: 'wrkSFfCgAAxxxx', userId: 'zhangsan' } });
  });
});
