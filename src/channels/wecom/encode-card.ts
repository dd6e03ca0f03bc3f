/**
 * Card (channels/card.ts) → WeCom template_card of type button_interaction, the one body the
 * AI bot (passive reply, aibot_respond_msg, aibot_send_msg, update on template_card_event:
 * https://developer.work.weixin.qq.com/document/path/101032, path/101463) and the self-built
 * app (message/send msgtype template_card: path/90236) share.
 *
 * Documented bounds, kept here by cutting (between code points, with "…"):
 * - main_title.title ≤ 26 characters (建议), sub_title_text ≤ 112;
 * - horizontal_content_list ≤ 6 items, keyname ≤ 5 characters, value ≤ 26;
 * - button_list ≤ 6 buttons, text ≤ 10 characters, key ≤ 1024 bytes, style 1..4;
 * - task_id of digits, letters and "_-@", ≤ 128 bytes, unique per bot/app.
 * A decided card keeps its title and facts; its buttons become one that says the result
 * (the AI bot's update replaces the whole card; the app's update_template_card uses
 * `button.replace_name`, which greys out the buttons: path/94888).
 */
import type { TemplateCard, UpdateTemplateCardBody } from '@wecom/aibot-node-sdk';
import { actionKey, type Card } from '../card.ts';

export const CARD_LIMITS = { title: 26, subTitle: 112, facts: 6, keyname: 5, value: 26, buttons: 6, buttonText: 10, keyBytes: 1024, taskIdBytes: 128 } as const;

const STYLE = { primary: 1, danger: 2, default: 4 } as const;

export function clipChars(s: string, max: number): string {
  const cps = [...s];
  return cps.length <= max ? s : `${cps.slice(0, max - 1).join('')}…`;
}

/** The button_interaction card for `card` (decided: one button showing the result's first words). */
export function encodeTemplateCard(card: Card): TemplateCard & { card_type: 'button_interaction'; task_id: string } {
  const facts = card.facts.slice(0, CARD_LIMITS.facts).map((f) => ({ keyname: clipChars(f.label, CARD_LIMITS.keyname), value: clipChars(f.value, CARD_LIMITS.value) }));
  const buttons = card.result
    ? [{ text: clipChars(card.result.split(' · ')[0] ?? card.result, CARD_LIMITS.buttonText), style: 4, key: actionKey({ verb: 'decided', id: decidedId(card.id) }) }]
    : card.buttons.slice(0, CARD_LIMITS.buttons).map((b) => ({ text: clipChars(b.label, CARD_LIMITS.buttonText), style: STYLE[b.style], key: b.action }));
  return {
    card_type: 'button_interaction',
    main_title: { title: clipChars(card.title, CARD_LIMITS.title) },
    ...(card.result ? { sub_title_text: clipChars(card.result, CARD_LIMITS.subTitle) } : {}),
    horizontal_content_list: facts,
    button_list: buttons,
    task_id: card.id,
  };
}

/** The AI bot's answer to a template_card_event: the decided card, for every user the card went to. */
export function encodeCardUpdate(card: Card): UpdateTemplateCardBody {
  return { response_type: 'update_template_card', template_card: encodeTemplateCard(card) };
}

/**
 * The self-built app's message/update_template_card body (path/94888): the clicked card's
 * buttons turn into one greyed-out button named after the result, for everyone it went to
 * (`atall: 1`). `response_code` comes with the click's event, usable once, valid 72 hours.
 */
export function encodeAppCardUpdate(card: Card, agentId: number, responseCode: string) {
  return { atall: 1, agentid: agentId, response_code: responseCode, button: { replace_name: clipChars(card.result ?? '', CARD_LIMITS.buttonText * 2) } };
}

function decidedId(cardId: string): string {
  return cardId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
}
