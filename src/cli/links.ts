/**
 * `npx duban links revoke URL` withdraws one signed link (a dashboard link someone forwarded);
 * `npx duban links revoke --platform wecom --user USERID` withdraws every link that person holds
 * now. Revocations are rows in PostgreSQL (LinkRevocation), checked on every use of a link by
 * every web process. A change of a person's role or unit revokes their links by itself.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.ts';
import { createSignedLinks } from '../lib/signed-link.ts';
import { closeDb, createDb, createStore } from '../store/index.ts';

const USAGE = [
  'usage: npx duban links revoke URL|TOKEN                          revoke one link (needs DASHBOARD_SECRET)',
  '       npx duban links revoke --platform wecom|dingtalk|console --user USERID   revoke every link of that person',
].join('\n');

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { platform: { type: 'string' }, user: { type: 'string' }, reason: { type: 'string', default: 'revoked by an operator' } } });
  const [verb, target] = positionals;
  const byPerson = Boolean(values.platform && values.user);
  if (verb !== 'revoke' || byPerson === Boolean(target) || (values.platform && !['wecom', 'dingtalk', 'console'].includes(values.platform))) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const db = createDb(config.DATABASE_URL);
  const store = createStore(db);
  const now = new Date();
  try {
    if (byPerson) {
      const person = await store.directory.person(values.platform as 'wecom', values.user!);
      if (!person) return fail(`没有找到 ${values.platform}:${values.user}`);
      await store.links.revokeSubject({ subject: person.id, reason: values.reason!, at: now });
      console.log(`已收回 ${person.name}（${values.platform}:${values.user}）此前获得的全部链接`);
      return 0;
    }
    if (!config.DASHBOARD_SECRET) return fail('DASHBOARD_SECRET 未设置：无法核验链接；可改用 --platform/--user 收回此人的全部链接');
    const token = tokenOf(target!);
    const claims = token ? createSignedLinks({ secret: config.DASHBOARD_SECRET }).read(token) : null;
    if (!claims) return fail('不是本系统签发的链接（或 DASHBOARD_SECRET 已更换，此时旧链接已全部失效）');
    await store.links.revokeLink({ linkId: claims.id, subject: claims.subject, reason: values.reason!, at: now });
    console.log(`已收回链接 ${claims.id}（${claims.purpose}，签发于 ${claims.issuedAt.toISOString()}，原定 ${claims.expiresAt.toISOString()} 过期）`);
    return 0;
  } finally {
    await closeDb(db);
  }
}

/** The token of a link URL (its `t` parameter), or the argument itself when it is a bare token. */
function tokenOf(arg: string): string | null {
  try {
    return new URL(arg).searchParams.get('t');
  } catch {
    return arg;
  }
}

function fail(message: string): number {
  console.error(message);
  return 1;
}
