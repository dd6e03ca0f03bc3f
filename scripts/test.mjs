// The one test command (README, .ci/run): install the Debian packages the browser and workbook
// tests need when they are missing, generate the Prisma client, typecheck, run vitest.
import { spawnSync } from 'node:child_process';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// A fresh machine has neither Chromium nor LibreOffice: the test command installs them
// (scripts/install-system-deps.sh does nothing when they are already there).
run('bash', ['scripts/install-system-deps.sh']);
run(process.execPath, ['scripts/prisma-generate.mjs']);
run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
