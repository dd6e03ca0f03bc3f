// Regenerates the configuration table in README.md from the zod schema.
// Usage: npx tsx scripts/docs.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { configReference } from '../src/config/load.ts';

const readme = readFileSync('README.md', 'utf8');
const next = readme.replace(/<!-- config:start -->[\s\S]*<!-- config:end -->/, `<!-- config:start -->\n${configReference()}\n<!-- config:end -->`);
writeFileSync('README.md', next);
console.log(next === readme ? 'README.md already up to date' : 'README.md updated');
