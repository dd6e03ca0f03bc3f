/**
 * Robot callback → InboundMessage (https://open.dingtalk.com/document/orgapp/receive-message).
 *
 * - `conversationType` "1" is a single chat, "2" a group whose `conversationId` (cid…, the
 *   openConversationId) becomes the chat id.
 * - `senderStaffId` is the user id; it is empty until the app is published and for external
 *   users, and then `senderId` is '' so the core answers with how to fix it. The encrypted
 *   `senderId` is never used as a user id.
 * - Text keeps what the user wrote after the @: DingTalk strips the robot's name but leaves
 *   the space, which is trimmed. Rich text joins its text runs.
 * - Files arrive only in single chat (a group @ carries text, rich text and pictures); the
 *   `downloadCode` travels as `file.mediaId` and is exchanged for a URL by `fetchFile`.
 * - Pictures (`picture`, in groups too) and the pictures of rich text (`richText` items with a
 *   `downloadCode`) are file messages; rich text's words are their caption. Voice and video
 *   become `event`s: stored, never answered.
 */
import type { InboundMessage } from '../types.ts';
import { pictureName } from '../file-stream.ts';
import type { CardCallback, RobotCallback } from './types.ts';
import { parseActionKey } from '../card.ts';

export const SESSION_ROUTE_KIND = 'dingtalk_session';
/** A card click: answers go to the clicker privately, a decided card updates the card (cardBizId) for everyone. */
export const CARD_ROUTE_KIND = 'dingtalk_card';

/**
 * A card click → an `action` message whose text is the button's action key. Stored once per
 * card, clicker and button: a double click or DingTalk's retry is the same message.
 */
export function decodeCardClick(body: CardCallback): InboundMessage | null {
  const key = actionKeyOf(body.content);
  if (!key || !body.userId) return null;
  const reason = reasonOf(body.content);
  return {
    ...(reason ? { input: { reason } } : {}),
    platform: 'dingtalk', messageId: `card:${body.outTrackId}:${body.userId}:${key}`.slice(0, 200), chatType: 'single', chatId: null,
    senderId: body.userId, senderName: null, kind: 'action', text: key, quote: null, file: null,
    replyTo: { kind: CARD_ROUTE_KIND, extra: { cardId: body.outTrackId, staffId: body.userId, conversationType: '1' } },
  };
}

/** A template's input named `reason`, sent with the button's 回传请求 params (退回 with its reason). */
function reasonOf(content: string): string | null {
  try {
    const r = (JSON.parse(content) as { cardPrivateData?: { params?: Record<string, unknown> } }).cardPrivateData?.params?.reason;
    return typeof r === 'string' && r.trim() ? r.trim().slice(0, 2000) : null;
  } catch {
    return null;
  }
}

function actionKeyOf(content: string): string | null {
  try {
    const c = JSON.parse(content) as { cardPrivateData?: { actionIds?: unknown[]; params?: Record<string, unknown> } };
    const param = c.cardPrivateData?.params?.actionId;
    const key = typeof param === 'string' ? param : c.cardPrivateData?.actionIds?.find((a) => typeof a === 'string' && a.startsWith('duban:'));
    // only keys Duban made: anything else is no click of ours
    return typeof key === 'string' && parseActionKey(key) ? key : null;
  } catch {
    return null;
  }
}

export function decodeRobotMessage(body: RobotCallback): InboundMessage {
  const group = body.conversationType === '2';
  const base = {
    platform: 'dingtalk' as const,
    messageId: body.msgId,
    chatType: group ? ('group' as const) : ('single' as const),
    chatId: group ? (body.conversationId ?? null) : null,
    senderId: (body.senderStaffId ?? '').trim(),
    senderName: body.senderNick?.slice(0, 200) ?? null,
    quote: null,
    replyTo: {
      kind: SESSION_ROUTE_KIND,
      url: body.sessionWebhook,
      expiresAt: body.sessionWebhookExpiredTime,
      extra: {
        conversationType: body.conversationType,
        openConversationId: group ? body.conversationId : undefined,
        staffId: body.senderStaffId || undefined,
        robotCode: body.robotCode,
      },
    },
    sentAt: body.createAt,
  };
  switch (body.msgtype) {
    case 'text':
      return { ...base, kind: 'text', text: clean(body.text?.content ?? ''), file: null };
    case 'richText': {
      const parts = body.content?.richText ?? [];
      const text = clean(parts.map((p) => p.text ?? '').join(''));
      const pictures = parts.flatMap((p, n) => (p.downloadCode ? [{ name: pictureName(body.msgId, n), mediaId: p.downloadCode }] : []));
      if (pictures.length) return { ...base, kind: 'file', text: text || null, file: pictures[0]!, files: pictures.slice(0, 20) };
      return { ...base, kind: 'text', text, file: null };
    }
    case 'picture': {
      const code = body.content?.downloadCode;
      return { ...base, kind: 'file', text: null, file: { name: pictureName(body.msgId), ...(code ? { mediaId: code } : {}) } };
    }
    case 'file': {
      const name = body.content?.fileName ?? 'file';
      const code = body.content?.downloadCode;
      return { ...base, kind: 'file', text: null, file: { name, ...(code ? { mediaId: code } : {}) } };
    }
    default:
      return { ...base, kind: 'event', text: null, file: null };
  }
}

/** Trims the space left after the @ and caps the length the inbound schema allows. */
function clean(text: string): string {
  return text.replace(/^[\s\u00a0\u2005]+|[\s\u00a0\u2005]+$/g, '').slice(0, 20000);
}
