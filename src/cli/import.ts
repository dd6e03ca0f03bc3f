/**
 * `npx duban import [--json|--save] FILE`: a readable tree with units and dates and a
 * summary line; `--json` prints exactly one JSON object; `--save` stores it as a draft plan
 * in one transaction (re-importing the same document updates the draft).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importDocument, formatTree, toEvalJson, MAX_DOCUMENT_BYTES } from '../importer/index.ts';
import { saveImportedPlan } from '../importer/save.ts';
import { AppError, userError } from '../lib/errors.ts';
import { render } from '../render/render.ts';
import type { TemplateKey } from '../render/keys.ts';
import { loadConfig } from '../config/load.ts';
import { migrate } from '../store/migrate.ts';
import { closeDb, createDb, createStore } from '../store/index.ts';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, save: { type: 'boolean' } } });
  const file = positionals[0];
  if (!file) {
    console.error('usage: npx duban import [--json|--save] FILE');
    return 2;
  }
  try {
    const size = (await stat(file)).size;
    if (size > MAX_DOCUMENT_BYTES) throw new AppError('BAD_DOCUMENT', { reason: 'too_large', mb: Math.round(size / 1048576) });
    const plan = await importDocument(await readFile(file), { fileName: path.basename(file) });
    if (values.json) {
      process.stdout.write(`${JSON.stringify(toEvalJson(plan))}\n`);
    } else {
      console.log(formatTree(plan));
    }
    if (values.save) {
      const config = loadConfig();
      await migrate(config.DATABASE_URL);
      const db = createDb(config.DATABASE_URL);
      try {
        const saved = await saveImportedPlan(createStore(db).plans, plan, { sourceName: path.basename(file) });
        const msg = `${saved.created ? '已保存为草稿' : '已更新'}：plan ${saved.planId}（${saved.status}），${saved.tasks} 项任务，${saved.units} 个单位`;
        (values.json ? console.error : console.log)(msg);
        if (saved.status !== 'active') (values.json ? console.error : console.log)(`核对无误后启用：npx duban plans activate ${saved.planId}`);
      } finally {
        await closeDb(db);
      }
    }
    return 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`无法导入 ${file}：文件不存在`);
      return 1;
    }
    const reply = userError(e, '导入');
    console.error(render(reply.key as TemplateKey, { ...reply.data, name: path.basename(file) }, { channel: 'console' }).text);
    if (reply.key === 'errors/internal') console.error((e as Error).stack);
    return 1;
  }
}
