/**
 * Who is speaking and for which unit. Comes from the database (people, group bindings),
 * never from message text.
 */
export type SpeakerRole = 'guest' | 'member' | 'leader' | 'admin';

export interface Speaker {
  personId: string | null;
  name: string;
  role: SpeakerRole;
  /** the unit this speaker reports for: their own unit, else the unit the group is bound to */
  unitId: string | null;
  unitName: string | null;
  platform: 'wecom' | 'dingtalk' | 'console';
  platformUserId: string;
  chat: { kind: 'single' } | { kind: 'group'; chatId: string; bound: 'unit' | 'leaders' | null };
}

/** Leaders and admins see every task; members see their unit's. */
export function seesEverything(s: Speaker): boolean {
  return s.role === 'leader' || s.role === 'admin';
}
