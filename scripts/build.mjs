// Bundles the CLI into dist/ with esbuild (npm packages stay external): `node dist/duban.mjs web`
// runs without tsx's loader thread, which costs a long-running process ~30 MB and compiles
// every module at start. `npx duban` (bin/duban.mjs) keeps running src/ through tsx for
// development; production processes run the bundle (README, "Process model").
// Usage: node scripts/build.mjs [OUTDIR] (default dist/; the tests build their own copy).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.resolve(root, process.argv[2] ?? 'dist');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // the parser process (src/lib/child-runner.ts) runs read-worker.mjs beside the bundle's chunks
  entryPoints: { duban: 'src/cli/bundle-entry.ts', 'read-worker': 'src/importer/read-worker.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
