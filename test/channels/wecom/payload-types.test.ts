/**
 * The JSON Duban sends to WeCom, checked two ways: at compile time against the payload types
 * WeCom's own SDK ships (@wecom/aibot-node-sdk: StreamReplyBody, SendMarkdownMsgBody — `npm test`
 * runs tsc, so a `satisfies` that stops holding fails the run), and at run time against the
 * documented shapes the fakes enforce (test/helpers/wecom-bot-bodies.ts).
 *
 * Template cards (issue 20): the builder's results `satisfies TemplateCard` and
 * `UpdateTemplateCardBody` of the same package and pass `templateCardError`
 * (test/channels/wecom/cards.test.ts). The DingTalk Stream SDK ships no payload types or
 * builders for robot messages or interactive cards (only the card callback topic name, which
 * Duban's matches), so DingTalk sends are checked only by the fake API
 * (test/helpers/fake-dingtalk-api.ts).
 */
import { describe, expect, it } from 'vitest';
import type { SendMarkdownMsgBody, StreamReplyBody, TemplateCard } from '@wecom/aibot-node-sdk';
import { encodeResponseUrlMarkdown, encodeStreamReply } from '../../../src/channels/wecom/encode.ts';
import { replyBodyError, responseUrlBodyError, templateCardError } from '../../helpers/wecom-bot-bodies.ts';

const longAnswer = Array.from({ length: 3000 }, (_, i) => `第${i}行：督办事项进展情况`).join('\n');

describe('Duban payloads and the WeCom SDK types', () => {
  it('a stream reply is a StreamReplyBody and a documented reply in both modes, however long the answer', () => {
    for (const content of ['**逾期** 2项', longAnswer]) {
      const body = encodeStreamReply('duban-row-1', content, true) satisfies StreamReplyBody;
      expect(replyBodyError(body, 'callback')).toBeNull();
      expect(replyBodyError(body, 'ws')).toBeNull();
    }
    expect(replyBodyError({ msgtype: 'stream', stream: { id: 's', finish: true, content: longAnswer } }, 'ws')).toMatch(/20480 bytes/);
  });

  it('a response_url answer is a SendMarkdownMsgBody and a documented response_url body', () => {
    const body = encodeResponseUrlMarkdown(longAnswer) satisfies SendMarkdownMsgBody;
    expect(responseUrlBodyError(body)).toBeNull();
  });

  it('the card check the fakes apply accepts the documented examples and refuses incomplete cards', () => {
    const notice: TemplateCard = { card_type: 'text_notice', main_title: { title: '欢迎使用企业微信' }, card_action: { type: 1, url: 'https://work.weixin.qq.com/?from=openApi' } };
    expect(templateCardError(notice)).toBeNull();
    expect(templateCardError({ ...notice, card_action: undefined })).toMatch(/card_action/);
    expect(templateCardError({ card_type: 'vote_interaction', checkbox: { question_key: 'q', option_list: [] }, submit_button: { text: '提交', key: 'k' }, task_id: 'bad id!' })).toMatch(/task_id/);
  });
});
