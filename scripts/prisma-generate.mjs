// Runs `prisma generate` offline: Prisma's CLI only checks that a schema-engine binary
// exists before generating, it never runs it (see shared/notes/prisma-offline.md), so we
// point PRISMA_SCHEMA_ENGINE_BINARY at a harmless existing file. Migrations use the WASM
// engine instead (src/store/migrate.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
if (!existsSync(cli)) {
  console.error('prisma CLI not installed yet; run `npm install` first');
  process.exit(1);
}
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
const r = spawnSync(process.execPath, [cli, 'generate'], { cwd: root, env, stdio: 'inherit' });
process.exit(r.status ?? 1);
