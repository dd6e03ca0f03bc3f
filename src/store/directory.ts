/** Units, people and chat groups: who is who and which chat belongs to which unit. */
import type { DbClient } from './client.ts';
import { unitAliases } from '../tasks/unit-aliases.ts';

type PlatformName = 'wecom' | 'dingtalk' | 'console';
type RoleName = 'member' | 'leader' | 'admin';

export function directoryStore(db: DbClient) {
  return {
    units: () => db.unit.findMany({ select: { id: true, name: true, aliases: true }, orderBy: { name: 'asc' } }),
    unitByName: (name: string) => db.unit.findFirst({ where: { OR: [{ name }, { aliases: { has: name } }] } }),
    async ensureUnit(name: string) {
      return db.unit.upsert({ where: { name }, create: { name, aliases: unitAliases(name) }, update: {} });
    },
    person: (platform: PlatformName, userId: string) =>
      db.person.findUnique({ where: { platform_userId: { platform, userId } }, include: { unit: { select: { id: true, name: true } } } }),
    peopleByName: (name: string) => db.person.findMany({ where: { name }, include: { unit: { select: { name: true } } } }),
    unitMembers: (unitId: string) => db.person.findMany({ where: { unitId, role: 'member' }, select: { name: true, userId: true, platform: true } }),
    async upsertPerson(p: { platform: PlatformName; userId: string; name: string; role?: RoleName; unitId?: string | null }) {
      return db.person.upsert({
        where: { platform_userId: { platform: p.platform, userId: p.userId } },
        create: { platform: p.platform, userId: p.userId, name: p.name, role: p.role ?? 'member', unitId: p.unitId ?? null },
        update: { name: p.name, ...(p.role ? { role: p.role } : {}), ...(p.unitId !== undefined ? { unitId: p.unitId } : {}) },
      });
    },
    async setRole(personId: string, role: RoleName, unitId: string | null) {
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
