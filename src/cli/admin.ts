/** `npx duban admin add --platform wecom --user zhangsan --name 张三 [--role admin|leader]`: the first admin. */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.ts';
import { closeDb, createDb, createStore } from '../store/index.ts';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { platform: { type: 'string' }, user: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'admin' } } });
  if (positionals[0] !== 'add' || !values.platform || !values.user || !['wecom', 'dingtalk', 'console'].includes(values.platform) || !['admin', 'leader'].includes(values.role!)) {
    console.error('usage: npx duban admin add --platform wecom|dingtalk --user USERID --name 姓名 [--role admin|leader]');
    return 2;
  }
  const db = createDb(loadConfig().DATABASE_URL);
  const store = createStore(db);
  const p = await store.directory.upsertPerson({ platform: values.platform as 'wecom', userId: values.user, name: values.name ?? values.user, role: values.role as 'admin' });
  console.log(`${p.name} (${values.platform}:${values.user}) 已设为 ${values.role === 'admin' ? '管理员' : '领导'}`);
  await closeDb(db);
  return 0;
}
