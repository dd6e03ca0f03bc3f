// The README's configuration table is generated from the zod schema and must not drift.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { configReference } from '../../src/config/load.ts';

it('README lists every environment variable exactly as the schema describes it', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const table = /<!-- config:start -->\n([\s\S]*)\n<!-- config:end -->/.exec(readme)?.[1];
  expect(table).toBe(configReference());
});

it('README opens with the two commands a newcomer needs', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const first = /```bash\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  expect(first).toContain('npm install && DEMO=1 npm start');
  expect(first).toContain('npm test');
});
