/**
 * The project's root directory (where templates/, prisma/ and demo/ live), found by walking up
 * from this module to Duban's package.json: the same answer from src/ under tsx and from the
 * bundle in dist/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'duban') return dir;
    if (path.dirname(dir) === dir) throw new Error(`Duban's package.json not found above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
