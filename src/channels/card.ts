/**
 * The one channel-neutral description of a card with buttons (issue 20): a title, a few facts
 * and buttons, each button carrying an action key that names exactly one pending request (a
 * 办结 claim, an extension request) or one task. Conversation code builds it from
 * templates/cards.json (src/render/card.ts); each channel turns it into its platform's JSON
 * (WeCom template_card in channels/wecom/encode-card.ts, DingTalk interactive card or
 * ActionCard in channels/dingtalk/encode-card.ts) and a click back into an `action` message
 * whose text is the key. A card always travels with the message's markdown/text, which is
 * what a channel without cards (group webhooks, cards switched off) sends instead.
 */
import { z } from 'zod';

/**
 * What a button does. `id` is the pending request's id for decisions (the 办结 claim's report
 * id for close/return, the extension request's id for approve/approve_date/reject) and the
 * task's id for the rest (查看佐证材料 `evidence` carries the claim's id). A new button (签收) is
 * one entry here plus one in conversation/card-click.ts CLICKS and templates/cards.json.
 */
export const CARD_VERBS = ['close', 'return', 'evidence', 'approve', 'approve_date', 'reject', 'report', 'extend', 'claim', 'view', 'sign', 'decided'] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

export interface CardAction { verb: CardVerb; id: string }

const PREFIX = 'duban';
/** WeCom button keys and DingTalk action ids hold at most 1024 bytes; ids are uuids. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** "duban:close:<claim id>": the key a button carries (WeCom `key`, DingTalk action param). */
export function actionKey(a: CardAction): string {
  if (!ID.test(a.id)) throw new RangeError(`card action id must be 1..64 of [A-Za-z0-9_-]: ${a.id}`);
  return `${PREFIX}:${a.verb}:${a.id}`;
}

/** The action a clicked key names, or null for a key Duban never made. */
export function parseActionKey(key: string | null | undefined): CardAction | null {
  const m = /^duban:([a-z_]+):([A-Za-z0-9_-]{1,64})$/.exec(key ?? '');
  if (!m || !(CARD_VERBS as readonly string[]).includes(m[1]!)) return null;
  return { verb: m[1] as CardVerb, id: m[2]! };
}

export const CardButton = z.object({
  label: z.string().min(1),
  /** actionKey(...) */
  action: z.string().min(1).max(1024),
  style: z.enum(['primary', 'danger', 'default']).default('default'),
});
export type CardButton = z.infer<typeof CardButton>;

export const Card = z.object({
  /** unique per card sent (WeCom task_id: letters, digits, _-@, ≤ 128 bytes; DingTalk cardBizId) */
  id: z.string().regex(/^[A-Za-z0-9_\-@]{1,128}$/),
  title: z.string().min(1),
  facts: z.array(z.object({ label: z.string(), value: z.string() })),
  buttons: z.array(CardButton),
  /** set once the request is decided: the buttons are gone and this line says what happened */
  result: z.string().optional(),
  /** a link opening the task, signed for the one person the card goes to (DingTalk ActionCard) */
  viewUrl: z.string().url().optional(),
  /** the words of the button opening `viewUrl` */
  viewLabel: z.string().optional(),
});
export type Card = z.infer<typeof Card>;

/** The card as it looks once decided ("已销号 · 王局长 · 12月8日 10:02"): same id and facts, no buttons. */
export function decidedCard(card: Card, result: string): Card {
  return { ...card, buttons: [], result };
}
