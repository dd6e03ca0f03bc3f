/**
 * `npx duban parse --now 2025-11-20T10:00:00+08:00 [--units "区卫生健康局,医疗保障分局"]`:
 * one message per stdin line → one JSON line {intent, slots}. The pure parser, no database.
 */
import { parseArgs } from 'node:util';
import { parseCli } from '../commands/parse/index.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { now: { type: 'string' }, units: { type: 'string', default: '' } } });
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) {
    console.error(`--now 不是有效的时间：${values.now}`);
    return 2;
  }
  const units = values.units!.split(/[,，]/).map((u) => u.trim()).filter(Boolean);
  const lines = (await readStdin()).split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  for (const out of parseCli(lines, { now, units })) process.stdout.write(`${out}\n`);
  return 0;
}
