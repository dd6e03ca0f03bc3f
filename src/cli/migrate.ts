import { loadConfig } from '../config/load.ts';
import { migrate } from '../store/migrate.ts';

export async function run(): Promise<number> {
  const config = loadConfig();
  const applied = await migrate(config.DATABASE_URL);
  console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date');
  return 0;
}
