/** Small settings every process shares through PostgreSQL (e.g. the dashboard signing key of a single-process start). */
import type { DbClient } from './client.ts';

export function settingsStore(db: DbClient) {
  return {
    get: async (key: string) => (await db.setting.findUnique({ where: { key } }))?.value ?? null,
    /** The value, created by `make` on first use; concurrent first uses agree on one value. */
    async getOrCreate(key: string, make: () => string): Promise<string> {
      await db.setting.upsert({ where: { key }, create: { key, value: make() }, update: {} });
      return (await db.setting.findUniqueOrThrow({ where: { key } })).value;
    },
  };
}
