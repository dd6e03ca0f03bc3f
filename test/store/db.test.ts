// Needs PostgreSQL: checks that the migrated schema accepts the core rows and enforces
// one row per platform message.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let t: TestDatabase;
beforeAll(async () => { t = await createTestDatabase('store'); });
afterAll(async () => { await t.drop(); });

it('stores an inbound message once per platform message id', async () => {
  const row = { platform: 'wecom' as const, messageId: 'm1', chatType: 'group', senderId: 'u1', kind: 'text', text: '帮助' };
  await t.db.inboundMessage.create({ data: row });
  await expect(t.db.inboundMessage.create({ data: row })).rejects.toThrow();
  expect(await t.db.inboundMessage.count()).toBe(1);
});
