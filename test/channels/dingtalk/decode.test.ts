/** Robot callback → InboundMessage, on bodies shaped like DingTalk's receive-message doc. */
import { describe, expect, it } from 'vitest';
import { decodeRobotMessage } from '../../../src/channels/dingtalk/decode.ts';
import { RobotCallback } from '../../../src/channels/dingtalk/types.ts';
import { InboundMessage } from '../../../src/channels/types.ts';
import { robotCallback } from '../../helpers/dingtalk-sign.ts';

const decode = (over: Record<string, unknown>) => InboundMessage.parse(decodeRobotMessage(RobotCallback.parse(robotCallback(over))));

describe('decodeRobotMessage', () => {
  it('a group @ becomes a group text message with the space after the @ trimmed', () => {
    const m = decode({ msgId: 'msgA', conversationId: 'cidXYZ==', text: { content: '  2.3 进度70% ' } });
    expect(m).toMatchObject({ platform: 'dingtalk', messageId: 'msgA', chatType: 'group', chatId: 'cidXYZ==', senderId: 'staff-001', senderName: '张三', kind: 'text', text: '2.3 进度70%' });
    expect(m.replyTo).toMatchObject({ kind: 'dingtalk_session', url: 'https://oapi.dingtalk.com/robot/sendBySession?session=abc', extra: { conversationType: '2', openConversationId: 'cidXYZ==', staffId: 'staff-001', robotCode: 'dingrobot' } });
    expect(m.replyTo?.expiresAt).toBeGreaterThan(Date.now());
  });

  it('a single chat has no chat id and answers to the staff id', () => {
    const m = decode({ conversationType: '1', conversationId: 'cidSingle', text: { content: '逾期事项' } });
    expect(m).toMatchObject({ chatType: 'single', chatId: null, text: '逾期事项' });
    expect(m.replyTo?.extra).toMatchObject({ conversationType: '1', staffId: 'staff-001' });
    expect(m.replyTo?.extra?.openConversationId).toBeUndefined();
  });

  it('an empty or missing senderStaffId (unpublished app, external user) gives senderId ""', () => {
    expect(decode({ senderStaffId: '' }).senderId).toBe('');
    const body = robotCallback();
    delete body.senderStaffId;
    expect(decodeRobotMessage(RobotCallback.parse(body)).senderId).toBe('');
  });

  it('rich text joins its text runs; with pictures it is a file message captioned by them', () => {
    expect(decode({ msgtype: 'richText', text: undefined, content: { richText: [{ text: ' 2.3 ' }, { text: '完成了' }] } })).toMatchObject({ kind: 'text', text: '2.3 完成了' });
    const m = decode({ msgtype: 'richText', text: undefined, content: { richText: [{ text: ' 2.3 ' }, { downloadCode: 'pic', type: 'picture' }, { text: '佐证材料' }] } });
    expect(m).toMatchObject({ kind: 'file', text: '2.3 佐证材料', file: { mediaId: 'pic' }, files: [{ mediaId: 'pic' }] });
  });

  it('a file in single chat carries its name and downloadCode', () => {
    const m = decode({ conversationType: '1', msgtype: 'file', text: undefined, content: { downloadCode: 'dl-123', fileName: '督办计划.docx' } });
    expect(m).toMatchObject({ kind: 'file', text: null, file: { name: '督办计划.docx', mediaId: 'dl-123' } });
  });

  it('a picture (in a group too) is a file message with its downloadCode; voice is stored as an event, never answered', () => {
    expect(decode({ msgtype: 'picture', text: undefined, content: { downloadCode: 'p' } })).toMatchObject({ kind: 'file', chatType: 'group', file: { mediaId: 'p' } });
    expect(decode({ msgtype: 'audio', text: undefined, content: { recognition: '你好' } }).kind).toBe('event');
  });

  it('refuses a body without msgId or with an unknown conversationType', () => {
    expect(RobotCallback.safeParse(robotCallback({ msgId: '' })).success).toBe(false);
    expect(RobotCallback.safeParse(robotCallback({ conversationType: '3' })).success).toBe(false);
  });
});
