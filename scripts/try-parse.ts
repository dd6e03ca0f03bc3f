import { parse } from '../src/commands/parse/index.ts';
import { CTX } from '../test/parse/load-cases.ts';
const lines = (await import('node:fs')).readFileSync(0, 'utf8').split('\n').filter(Boolean);
for (const l of lines) { const o = parse(l, CTX); console.log(l, '→', o.intent, JSON.stringify(o.slots), o.directive ? JSON.stringify(o.directive) : ''); }
