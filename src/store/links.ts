/**
 * Revoked signed links (src/lib/signed-link.ts): one link by its id, or every link of a
 * person issued at or before an instant. The check runs on every request a link makes, so
 * it is one indexed SQL query on the pg pool (no Prisma on that path).
 */
import type pg from 'pg';
import type { DbClient } from './client.ts';

/** Revokes every link `subject` holds at `at`; links signed later are not affected. */
export async function revokeSubjectLinks(db: DbClient, a: { subject: string; reason: string; at: Date }): Promise<void> {
  await db.linkRevocation.create({ data: { subject: a.subject, reason: a.reason, revokedAt: a.at } });
}

export function linksStore(db: DbClient, sql: pg.Pool) {
  return {
    /** True when link `id`, or every link of `subject` issued by then, was revoked. */
    async isRevoked(c: { id: string; subject: string; issuedAt: Date }): Promise<boolean> {
      const { rows } = await sql.query(
        `select 1 from "LinkRevocation"
         where "linkId" = $1 or ("linkId" is null and subject = $2 and "revokedAt" >= to_timestamp($3::double precision / 1000) at time zone 'UTC')
         limit 1`,
        [c.id, c.subject, c.issuedAt.getTime()],
      );
      return rows.length > 0;
    },
    revokeLink: async (a: { linkId: string; subject: string; reason: string; at: Date }) =>
      void (await db.linkRevocation.create({ data: { linkId: a.linkId, subject: a.subject, reason: a.reason, revokedAt: a.at } })),
    revokeSubject: (a: { subject: string; reason: string; at: Date }) => revokeSubjectLinks(db, a),
  };
}
