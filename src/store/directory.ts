/** Units, people and chat groups: who is who and which chat belongs to which unit. */
import type { DbClient } from './client.ts';
import { unitAliases } from '../tasks/unit-aliases.ts';
import { revokeSubjectLinks } from './links.ts';

type PlatformName = 'wecom' | 'dingtalk' | 'console';
type RoleName = 'member' | 'leader' | 'admin';

export function directoryStore(db: DbClient) {
  const revokeLinksOf = (personId: string, reason: string) => revokeSubjectLinks(db, { subject: personId, reason, at: new Date() });
  return {
    units: () => db.unit.findMany({ select: { id: true, name: true, aliases: true }, orderBy: { name: 'asc' } }),
    unitByName: (name: string) => db.unit.findFirst({ where: { OR: [{ name }, { aliases: { has: name } }] } }),
    async ensureUnit(name: string) {
      return db.unit.upsert({ where: { name }, create: { name, aliases: unitAliases(name) }, update: {} });
    },
    person: (platform: PlatformName, userId: string) =>
      db.person.findUnique({ where: { platform_userId: { platform, userId } }, include: { unit: { select: { id: true, name: true } } } }),
    /** the leaders, each told privately of a claim's 佐证材料 */
    leaders: () => db.person.findMany({ where: { role: 'leader' }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    personById: (id: string) => db.person.findUnique({ where: { id }, select: { platform: true, userId: true, name: true, role: true, unitId: true } }),
    peopleByName: (name: string) => db.person.findMany({ where: { name }, include: { unit: { select: { name: true } } } }),
    unitMembers: (unitId: string) => db.person.findMany({ where: { unitId, role: 'member' }, select: { name: true, userId: true, platform: true } }),
    /**
     * Records a person (first contact, `admin add`, the console). A change of role or unit
     * revokes every signed link they hold: a link shows what its holder could see when it
     * was signed.
     */
    async upsertPerson(p: { platform: PlatformName; userId: string; name: string; role?: RoleName; unitId?: string | null }) {
      const where = { platform_userId: { platform: p.platform, userId: p.userId } };
      if (p.role !== undefined || p.unitId !== undefined) {
        const before = await db.person.findUnique({ where, select: { id: true, role: true, unitId: true } });
        const moved = before && ((p.role !== undefined && p.role !== before.role) || (p.unitId !== undefined && p.unitId !== before.unitId));
        if (moved) await revokeLinksOf(before.id, 'role or unit changed');
      }
      return db.person.upsert({
        where,
        create: { platform: p.platform, userId: p.userId, name: p.name, role: p.role ?? 'member', unitId: p.unitId ?? null },
        update: { name: p.name, ...(p.role ? { role: p.role } : {}), ...(p.unitId !== undefined ? { unitId: p.unitId } : {}) },
      });
    },
    /** An admin gives a person a role (and unit): the links they hold are revoked first. */
    async setRole(personId: string, role: RoleName, unitId: string | null) {
      await revokeLinksOf(personId, 'role set');
      return db.person.update({ where: { id: personId }, data: { role, unitId } });
    },
    group: (platform: PlatformName, chatId: string) =>
      db.chatGroup.findUnique({ where: { platform_chatId: { platform, chatId } }, include: { unit: { select: { id: true, name: true } } } }),
    /** Units responsible for open tasks of a plan that have no bound group, by name. */
    planUnitsWithoutGroup: (planId: string) =>
      db.unit.findMany({
        where: { groups: { none: { kind: 'unit' } }, assignments: { some: { task: { planId, state: { in: ['open', 'claimed_done'] } } } } },
        select: { name: true }, orderBy: { name: 'asc' },
      }),
    /** Leaders' groups (any platform): each receives every escalation and digest. */
    leaderGroupCount: () => db.chatGroup.count({ where: { kind: 'leaders' } }),
    /** Unit groups bound to a unit (any platform). */
    unitGroupCount: (unitId: string) => db.chatGroup.count({ where: { kind: 'unit', unitId } }),
    async bindGroup(g: { platform: PlatformName; chatId: string; kind: 'unit' | 'leaders'; unitId: string | null; webhookUrl?: string }) {
      return db.chatGroup.upsert({
        where: { platform_chatId: { platform: g.platform, chatId: g.chatId } },
        create: { platform: g.platform, chatId: g.chatId, kind: g.kind, unitId: g.unitId, webhookUrl: g.webhookUrl ?? null },
        update: { kind: g.kind, unitId: g.unitId, ...(g.webhookUrl ? { webhookUrl: g.webhookUrl } : {}) },
      });
    },
  };
}
