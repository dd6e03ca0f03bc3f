// Module boundaries from STYLE.md, checked mechanically: who may read process.env, import
// bullmq or the Prisma client, and what the pure modules may not touch.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (p.includes(`${path.sep}generated`)) return [];
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const all = files(SRC).map((f) => ({ rel: path.relative(SRC, f), text: readFileSync(f, 'utf8') }));
/** static and dynamic imports: `from '…'`, `import('…')` */
const importsOf = (text: string) => [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
/** a call on a Prisma handle: db.task.findMany(…), tx.$transaction(…), prisma.$queryRaw`…` */
const PRISMA_CALL = /\b(?:db|tx|prisma|client)\s*\.\s*(?:\$(?:transaction|queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe)\b|[a-z]\w*\s*\.\s*(?:find\w*|create\w*|update\w*|upsert|delete\w*|count|aggregate|groupBy)\s*\()/;

describe('module boundaries', () => {
  it('only src/config reads process.env', () => {
    const offenders = all.filter((f) => /process\.env/.test(f.text) && !f.rel.startsWith('config/') && !f.rel.startsWith('cli/index'));
    expect(offenders.map((f) => f.rel)).toEqual([]);
  });
  it('only src/queue imports bullmq', () => {
    expect(all.filter((f) => importsOf(f.text).includes('bullmq') && !f.rel.startsWith('queue/')).map((f) => f.rel)).toEqual([]);
  });
  it('only src/store imports the Prisma client', () => {
    const bad = all.filter((f) => importsOf(f.text).some((i) => i.includes('@prisma/client') || i.includes('/generated/')) && !f.rel.startsWith('store/'));
    expect(bad.map((f) => f.rel)).toEqual([]);
  });
  it('only src/store calls Prisma; everything else goes through store functions', () => {
    const bad = all.filter((f) => !f.rel.startsWith('store/') && PRISMA_CALL.test(f.text));
    expect(bad.map((f) => f.rel)).toEqual([]);
  });
  it('the raw database handle reaches only the store and the composition root', () => {
    const root = (rel: string) => rel === 'main.ts' || rel.startsWith('cli/');
    const bad = all.filter((f) => !f.rel.startsWith('store/') && !root(f.rel) && importsOf(f.text).some((i) => /store\/(?:db|client)(?:\.ts)?$/.test(i)));
    expect(bad.map((f) => f.rel)).toEqual([]);
  });
  it('catches a Prisma call and a dynamic import when it sees one', () => {
    expect(PRISMA_CALL.test('await rt.db.plan.update({ where })')).toBe(true);
    expect(PRISMA_CALL.test('return db.$transaction(async (tx) => {')).toBe(true);
    expect(PRISMA_CALL.test('await store.plans.setStatus(id)')).toBe(false);
    expect(importsOf("const m = await import('../store/db.ts')")).toEqual(['../store/db.ts']);
  });
  it('pure modules import no store, queue, channel platform, koa or bullmq', () => {
    const pure = all.filter((f) => /^(tasks\/|commands\/parse\/|render\/|lib\/)/.test(f.rel) || /^reminders\/policy/.test(f.rel) || /^importer\/extract-/.test(f.rel));
    const bad = pure.filter((f) => importsOf(f.text).some((i) => /store\/|queue\/|channels\/(wecom|dingtalk)|^koa|^bullmq|^@prisma/.test(i)));
    expect(bad.map((f) => f.rel)).toEqual([]);
  });
  it('channels do not reach into store, queue, inbox or conversation', () => {
    const bad = all.filter((f) => f.rel.startsWith('channels/') && importsOf(f.text).some((i) => /\/(store|queue|inbox|conversation|commands)\//.test(i)));
    expect(bad.map((f) => f.rel)).toEqual([]);
  });
  it('pure modules never read the clock themselves', () => {
    const pure = all.filter((f) => /^(tasks\/|commands\/parse\/|render\/)/.test(f.rel) || /^reminders\/policy/.test(f.rel) || /^importer\/extract-/.test(f.rel));
    expect(pure.filter((f) => /Date\.now\(\)|new Date\(\)/.test(f.text)).map((f) => f.rel)).toEqual([]);
  });
});
