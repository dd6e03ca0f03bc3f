// Every template key used in code has a template file, and every template file is used.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_KEYS } from '../../src/render/keys.ts';
import { ERRORS, errorTemplate, type ErrorCode } from '../../src/lib/errors.ts';
import { TEMPLATES_DIR } from '../../src/render/render.ts';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const src = walk(path.resolve(__dirname, '../../src')).filter((f) => f.endsWith('.ts') && !f.includes('generated')).map((f) => readFileSync(f, 'utf8')).join('\n');

describe('templates', () => {
  it('every listed key has a template file', () => {
    const missing = TEMPLATE_KEYS.filter((k) => !existsSync(path.join(TEMPLATES_DIR, `${k}.md`)));
    expect(missing).toEqual([]);
  });
  it('every reply key written in code ({ key: \'…\', data }) exists', () => {
    const used = [...src.matchAll(/key: '([a-z0-9/-]+)'(?: as const)?, data/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(20);
    const missing = [...new Set(used)].filter((k) => !existsSync(path.join(TEMPLATES_DIR, `${k}.md`)));
    expect(missing).toEqual([]);
  });
  it('every error a chat user can meet has its template, listed as a key', () => {
    const codes = (Object.keys(ERRORS) as ErrorCode[]).filter((c) => ERRORS[c].userFacing);
    expect(codes.length).toBeGreaterThan(3);
    expect(codes.map(errorTemplate).filter((k) => !(TEMPLATE_KEYS as readonly string[]).includes(k))).toEqual([]);
  });
  it('every template file is referenced from code', () => {
    const files = walk(TEMPLATES_DIR).map((f) => path.relative(TEMPLATES_DIR, f).replace(/(\.(wecom|dingtalk|console))?\.md$/, ''));
    const unused = [...new Set(files)].filter((k) => !src.includes(`'${k}'`) && !src.includes(`\`${k.split('/')[0]}/`));
    expect(unused).toEqual([]);
  });
});
