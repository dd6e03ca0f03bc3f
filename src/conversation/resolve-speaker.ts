/**
 * Who sent a message and for which unit, from the database: the person's own unit first,
 * else the unit the group is bound to. People are recorded on first contact (as members
 * with no unit) so an admin can later give them a role by name.
 */
import type { Store } from '../store/index.ts';
import type { StoredMessage } from '../store/messages.ts';
import type { Speaker } from '../commands/speaker.ts';

export async function resolveSpeaker(store: Store, msg: StoredMessage): Promise<Speaker> {
  const platform = msg.platform;
  const group = msg.chatType === 'group' && msg.chatId ? await store.directory.group(platform, msg.chatId) : null;
  let person = msg.senderId ? await store.directory.person(platform, msg.senderId) : null;
  if (!person && msg.senderId) {
    await store.directory.upsertPerson({ platform, userId: msg.senderId, name: msg.senderName ?? msg.senderId });
    person = await store.directory.person(platform, msg.senderId);
  }
  const unit = person?.unit ?? (group?.kind === 'unit' ? group.unit : null) ?? null;
  const role = person?.role === 'leader' || person?.role === 'admin' ? person.role : unit ? 'member' : 'guest';
  return {
    personId: person?.id ?? null,
    name: person?.name ?? msg.senderName ?? msg.senderId,
    role,
    unitId: unit?.id ?? null,
    unitName: unit?.name ?? null,
    platform,
    platformUserId: msg.senderId,
    chat: msg.chatType === 'group' && msg.chatId ? { kind: 'group', chatId: msg.chatId, bound: group?.kind ?? null } : { kind: 'single' },
  };
}
