// Needs PostgreSQL (test/helpers/db.ts clones the migrated template): saving an imported
// plan twice keeps one plan, the same unit across plans is one Unit row, and an active
// plan keeps tasks that have progress reports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { importDocument } from '../../src/importer/index.ts';
import { saveImportedPlan } from '../../src/importer/save.ts';
import { createStore } from '../../src/store/index.ts';
import { MAX_PLAN_TASKS } from '../../src/store/plans.ts';
import { userError } from '../../src/lib/errors.ts';
import { render } from '../../src/render/render.ts';
import type { TemplateKey } from '../../src/render/keys.ts';

const FIX = path.resolve(__dirname, '../fixtures/import');
const doc = (name: string) => importDocument(readFileSync(path.join(FIX, name)), { fileName: name });

let t: TestDatabase;
beforeAll(async () => { t = await createTestDatabase('import'); });
afterAll(async () => { await t.drop(); });

describe('saving an imported plan', () => {
  it('a plan of more tasks than one import takes is refused with its size, and nothing is written', async () => {
    const plan = await doc('002_4dcb66f00f1ef9c8.txt');
    const many = { ...plan, sourceHash: 'too-many', tasks: Array.from({ length: MAX_PLAN_TASKS + 1 }, (_, i) => ({ ...plan.tasks[0]!, path: String(i + 1), pathKey: String(i + 1), seq: i + 1 })) };
    const store = createStore(t.db);
    const e = await saveImportedPlan(store.plans, many, { sourceName: 'big.docx' }).then(() => null, (x: unknown) => x);
    const r = userError(e);
    expect(render(r.key as TemplateKey, r.data, { channel: 'console' }).text).toBe(`无法导入：计划共有 ${MAX_PLAN_TASKS + 1} 项任务，超过一次导入的上限 ${MAX_PLAN_TASKS} 项。请按部分拆成几份文件分别导入。`);
    expect(await t.db.plan.count({ where: { sourceHash: 'too-many' } })).toBe(0);
  });

  it('stores tasks, units, roles and deadlines, and a second save updates the same draft', async () => {
    const plan = await doc('002_4dcb66f00f1ef9c8.txt');
    const first = await saveImportedPlan(createStore(t.db).plans, plan, { sourceName: '002.txt' });
    expect(first).toMatchObject({ created: true, status: 'draft', tasks: 17 });
    const again = await saveImportedPlan(createStore(t.db).plans, plan, { sourceName: '002.txt' });
    expect(again).toMatchObject({ planId: first.planId, created: false });
    expect(await t.db.plan.count()).toBe(1);
    expect(await t.db.task.count({ where: { planId: first.planId } })).toBe(17);

    const task = await t.db.task.findFirstOrThrow({ where: { planId: first.planId, path: '二.(一)' }, include: { deadlines: true, assignments: { include: { unit: true } } } });
    expect(task.pathKey).toBe('2.1');
    expect(task.assignments.map((a) => [a.unit.name, a.role])).toEqual([['区卫生健康局', 'owner']]);
    expect(task.deadlines.map((d) => [d.raw, d.kind, d.date?.toISOString().slice(0, 10)])).toEqual([['到2023年底', 'date', '2023-12-31']]);
    expect(task.dueDate?.toISOString().slice(0, 10)).toBe('2023-12-31');
    const fallback = await t.db.task.findFirstOrThrow({ where: { planId: first.planId, path: '一.(二)' }, include: { deadlines: true } });
    expect(fallback.deadlines.map((d) => d.kind)).toEqual(['inferred']);
    expect(await t.db.unit.count({ where: { name: '区卫生健康局' } })).toBe(1);
  });

  it('the same unit in two plans is one Unit row, also when written by its short name', async () => {
    const base = await doc('002_4dcb66f00f1ef9c8.txt');
    const other = structuredClone(base);
    other.sourceHash = 'another-plan';
    other.tasks = [{ ...base.tasks[0]!, path: '一', pathKey: '1', units: ['区卫健局'], leadUnits: ['区卫健局'], assistUnits: [] }];
    const saved = await saveImportedPlan(createStore(t.db).plans, other);
    expect(await t.db.plan.count()).toBe(2);
    const a = await t.db.assignment.findFirstOrThrow({ where: { task: { planId: saved.planId } }, include: { unit: true } });
    expect(a).toMatchObject({ nameAsWritten: '区卫健局', role: 'lead' });
    expect(a.unit.name).toBe('区卫生健康局');
    expect(await t.db.unit.count({ where: { OR: [{ name: '区卫生健康局' }, { name: '区卫健局' }] } })).toBe(1);
  });

  it('an active plan keeps tasks that have reports when the document is imported again', async () => {
    const plan = await doc('002_4dcb66f00f1ef9c8.txt');
    const saved = await saveImportedPlan(createStore(t.db).plans, plan);
    await t.db.plan.update({ where: { id: saved.planId }, data: { status: 'active' } });
    const reported = await t.db.task.findFirstOrThrow({ where: { planId: saved.planId, path: '四.(四)' } });
    await t.db.task.update({ where: { id: reported.id }, data: { percent: 60 } });
    await t.db.progressReport.create({ data: { taskId: reported.id, kind: 'progress', percent: 60, originalText: '4.4 进度60%' } });

    const shorter = { ...plan, tasks: plan.tasks.filter((x) => x.path !== '四.(四)' && x.path !== '四.(三)') };
    const res = await saveImportedPlan(createStore(t.db).plans, shorter);
    expect(res).toMatchObject({ planId: saved.planId, status: 'active', removedTasks: 1 });
    const kept = await t.db.task.findUniqueOrThrow({ where: { id: reported.id }, include: { reports: true } });
    expect(kept.percent).toBe(60);
    expect(kept.reports).toHaveLength(1);
    expect(await t.db.task.count({ where: { planId: saved.planId, path: '四.(三)' } })).toBe(0);
  });

  it('a failure inside the save leaves nothing behind', async () => {
    const plan = await doc('001_2557aef30e3b0a09.txt');
    const broken = structuredClone(plan);
    const last = broken.tasks.length - 1;
    broken.tasks[last] = { ...broken.tasks[last]!, text: 'PostgreSQL refuses a NUL byte in text: \u0000' };
    const [plans, units] = [await t.db.plan.count(), await t.db.unit.count()];
    await expect(saveImportedPlan(createStore(t.db).plans, broken)).rejects.toThrow();
    expect([await t.db.plan.count(), await t.db.unit.count()]).toEqual([plans, units]);
  });
});
