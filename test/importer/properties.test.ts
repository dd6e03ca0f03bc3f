// Property tests: the importer never crashes on arbitrary input, finishes fast, and either
// returns a plan whose every task has a path and a title, or refuses with a clear AppError.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importDocument } from '../../src/importer/index.ts';
import { isAppError } from '../../src/lib/errors.ts';
import { stopChildren } from '../../src/lib/child-runner.ts';

const LINES = ['一、重点任务', '（一）加强基层建设。2025年底前完成。（区卫生健康局负责）', '1.推进改革，责任单位：区财政局、区委编办', '完成时限：20__年10月底',
  '（二）', '①', '责任单位：', '牵头单位：；配合单位：', '2025年6月底前', '{{#x}}', "'; drop table \"Task\"; --", '關(guān)于', '??', '〔2023〕', '各镇政府、街道办'];

async function outcome(input: Buffer) {
  const t0 = performance.now();
  try {
    const plan = await importDocument(input, { fileName: 'x.txt' });
    return { ms: performance.now() - t0, plan, error: null };
  } catch (e) {
    return { ms: performance.now() - t0, plan: null, error: e };
  }
}

// documents are read in the parser process (lib/child-runner.ts): start it once, so the 1 s bound measures reading
beforeAll(async () => { await outcome(Buffer.from('一、重点任务')); });
afterAll(() => stopChildren());

describe('importer properties', () => {
  it('arbitrary bytes: refused with an AppError or read, never a crash, under 1 s', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 4000 }), async (bytes) => {
      const r = await outcome(Buffer.from(bytes));
      expect(r.ms).toBeLessThan(1000);
      if (r.error) expect(isAppError(r.error)).toBe(true);
    }), { numRuns: 150 });
  });

  it('documents assembled from plan-like lines: every task has a unique path, a title and real dates', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom(...LINES), { maxLength: 60 }), async (lines) => {
      const r = await outcome(Buffer.from(lines.join('\n')));
      expect(r.ms).toBeLessThan(1000);
      if (r.error) return void expect(isAppError(r.error)).toBe(true);
      const paths = r.plan!.tasks.map((t) => t.path);
      expect(new Set(paths).size).toBe(paths.length);
      for (const t of r.plan!.tasks) {
        expect(t.title.length).toBeGreaterThan(0);
        for (const d of t.deadlines) if (d.date) expect(new Date(`${d.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(d.date);
      }
    }), { numRuns: 150 });
  });
});
