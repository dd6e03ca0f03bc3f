/**
 * Card (channels/card.ts) → DingTalk bodies.
 *
 * - Interactive card (互动卡片普通版) sent by the robot: POST /v1.0/im/v1.0/robot/interactiveCards/send
 *   {cardTemplateId, openConversationId | singleChatReceiver ('{"userId":…}'), cardBizId,
 *   robotCode, callbackUrl, cardData (a JSON string), pullStrategy}; updated with PUT
 *   /v1.0/im/robots/interactiveCards {cardBizId, cardData}
 *   (https://open.dingtalk.com/document/orgapp/robots-send-interactive-cards and
 *   …/update-the-robot-to-send-interactive-cards, as the official alibabacloud_dingtalk
 *   im_1_0 SDK's SendRobotInteractiveCardRequest / UpdateRobotInteractiveCardRequest name the
 *   fields). The card's look is the office's template (DINGTALK_CARD_TEMPLATE_ID) built in
 *   the card builder; Duban fills its variables through `cardData.cardParamMap`: `title`,
 *   `facts` (markdown lines), `buttons` (a JSON list of {text, actionId, style}: the template's
 *   button list is bound to it and each button's 回传请求 sends `actionId` back as a param),
 *   `result` (empty until decided) and `decided` ("true" hides the buttons).
 *   Not settled against DingTalk's current console: the variable binding of a dynamic button
 *   list is the office's template's; the names above are the contract Duban documents.
 * - ActionCard (msgKey sampleActionCard {title, text, singleTitle, singleURL}, robot OpenAPI
 *   message types) where no template is configured: its one button opens the task through a
 *   link signed for the one person it goes to. A link cannot tell who clicked, so it never
 *   decides anything; decisions stay in text (the card's text says how).
 */
import type { Card } from '../card.ts';
import type { OpenApiMessage } from './encode.ts';

export const CARD_SEND_PATH = '/v1.0/im/v1.0/robot/interactiveCards/send';
export const CARD_UPDATE_PATH = '/v1.0/im/robots/interactiveCards';
/** sampleActionCard: title ≤ 64 characters shown in the chat list; button title short. */
const ACTION_TITLE_MAX = 64;

export interface CardParams {
  title: string;
  facts: string;
  buttons: string;
  result: string;
  decided: 'true' | 'false';
}

export function cardParams(card: Card): CardParams {
  return {
    title: card.title,
    facts: card.facts.map((f) => `**${f.label}**：${f.value}`).join('\n\n'),
    buttons: JSON.stringify(card.result ? [] : card.buttons.map((b) => ({ text: b.label, actionId: b.action, style: b.style }))),
    result: card.result ?? '',
    decided: card.result ? 'true' : 'false',
  };
}

export type CardTarget = { group: string } | { user: string };

export function encodeInteractiveCard(card: Card, opts: { templateId: string; robotCode: string; callbackUrl?: string; to: CardTarget }) {
  return {
    cardTemplateId: opts.templateId,
    ...('group' in opts.to ? { openConversationId: opts.to.group } : { singleChatReceiver: JSON.stringify({ userId: opts.to.user }) }),
    cardBizId: card.id,
    robotCode: opts.robotCode,
    ...(opts.callbackUrl ? { callbackUrl: opts.callbackUrl } : {}),
    cardData: JSON.stringify({ cardParamMap: cardParams(card) }),
    pullStrategy: false,
  };
}

export function encodeInteractiveCardUpdate(card: Card) {
  return { cardBizId: card.id, cardData: JSON.stringify({ cardParamMap: cardParams(card) }) };
}

/** The ActionCard fallback: the card's text and one button opening the task (no decision). */
export function encodeActionCard(card: Card, markdown: string, viewUrl: string): OpenApiMessage {
  const title = [...card.title].slice(0, ACTION_TITLE_MAX).join('');
  return { msgKey: 'sampleActionCard', msgParam: JSON.stringify({ title, text: markdown, singleTitle: card.viewLabel ?? title, singleURL: viewUrl }) };
}
