/**
 * Notices an intent asks for (to the leaders' group, to a unit's groups, to one person
 * privately) and files sent with an answer become outbox rows with deterministic ids (the
 * sweep sends any whose job was lost).
 */
import type { ConversationDeps } from './handle-message.ts';
import type { IntentResult, Notice } from '../commands/intents/types.ts';
import type { StoredMessage } from '../store/messages.ts';
import { render, type RenderChannel } from '../render/render.ts';
import type { Destination } from '../channels/types.ts';
import { buildCard, cardWords } from '../render/card.ts';
import type { Card } from '../channels/card.ts';

/** Stores the notices and files as outbox rows; returns their ids for the caller to enqueue after the answer. */
export async function storeNotices(deps: ConversationDeps, msg: StoredMessage, result: IntentResult): Promise<string[]> {
  const ids: string[] = [];
  let n = 0;
  for (const notice of result.notices ?? []) {
    for (const destination of await destinationsOf(deps, msg, notice.to)) {
      const out = render(notice.reply.key, notice.reply.data, { channel: destination.platform as RenderChannel });
      const id = `${msg.id}:${(n += 1)}`;
      // each card sent is its own (WeCom task_id and DingTalk cardBizId are unique per card)
      const c = notice.card;
      const built = c ? buildCard(c.kind, { id: `${c.kind}-${c.requestId ?? c.taskId}-${n}`, requestId: c.requestId, taskId: c.taskId, data: c.data }) : undefined;
      const card = built && notice.to.kind === 'person' ? await withViewLink(deps, built, notice.to.personId) : built;
      await deps.store.outbox.put({ id, platform: destination.platform, destination: destination as never, markdown: out.markdown, text: out.text, ...(card ? { card: card as never } : {}) });
      ids.push(id);
    }
  }
  if (result.file && msg.replyTo) {
    const id = `${msg.id}:file`;
    const destination: Destination = { kind: 'reply', platform: msg.platform, route: msg.replyTo as never };
    await deps.store.outbox.put({ id, platform: msg.platform, destination: destination as never, markdown: result.file.name, text: result.file.name, file: result.file });
    ids.push(id);
  }
  return ids;
}

/** Where a notice goes: each group of the leaders or the unit but the asking chat, or the person's private chat. */
async function destinationsOf(deps: ConversationDeps, msg: StoredMessage, to: Notice['to']): Promise<Destination[]> {
  if (to.kind === 'person') {
    const p = await deps.store.directory.personById(to.personId);
    return p ? [{ kind: 'user', platform: p.platform, userIds: [p.userId] }] : [];
  }
  const groups = await deps.store.outbox.groupsFor(to);
  return groups
    .filter((g) => !(g.platform === msg.platform && g.chatId === msg.chatId)) // the asking chat already gets the answer
    .map((g) => ({ kind: 'group', platform: g.platform, chatId: g.chatId, webhookUrl: g.webhookUrl, webhookSecret: g.webhookSecret }));
}

/**
 * A card going to one person carries a link opening the dashboard, signed for that person
 * (lib/signed-link.ts through the dashboard hook): a channel without interactive cards (a
 * DingTalk office with no card template) sends it as an ActionCard whose one button is that
 * link. A link cannot tell who clicked it, so it never decides anything.
 */
async function withViewLink(deps: ConversationDeps, card: Card, personId: string): Promise<Card> {
  const p = await deps.store.directory.personById(personId);
  if (!p) return card;
  const speaker = { personId, name: p.name, role: p.role, unitId: p.unitId, unitName: null, platform: p.platform, platformUserId: p.userId, chat: { kind: 'single' as const } };
  const url = deps.hooks.dashboardLink({ speaker: speaker as never });
  return url ? { ...card, viewUrl: url, viewLabel: cardWords().viewButton } : card;
}
