/**
 * Loads the labelled chat messages of test/fixtures/chat/*.jsonl (the record format of
 * ../shared/eval/chat-labeling.md) and the parse context they were labelled against:
 * 2025-11-20 10:00 Asia/Shanghai and the units of seed 002.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chinaCalendar } from '../../src/tasks/calendar.ts';
import { unitAliases } from '../../src/tasks/unit-aliases.ts';
import type { ParseContext, Slots } from '../../src/commands/parse/index.ts';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/chat');

export const SEED_002_UNITS = [
  '区医改办', '区卫生健康局', '区委编办', '区财政局', '区市场监管局', '区政务数据局', '医疗保障分局',
  '公安分局', '各镇政府', '街道办', '区民政局', '区人力资源社会保障局', '区委宣传部', '区教育局',
];

export const REF_NOW = new Date('2025-11-20T10:00:00+08:00');

export const CTX: ParseContext = {
  now: REF_NOW,
  units: SEED_002_UNITS.map((name) => ({ name, aliases: unitAliases(name) })),
  calendar: chinaCalendar,
};

export interface LabelledCase {
  file: string;
  text: string;
  role: string;
  intent: string;
  slots: Slots;
}

export function loadCases(): LabelledCase[] {
  return readdirSync(FIXTURES).filter((f) => f.endsWith('.jsonl')).sort().flatMap((file) =>
    readFileSync(path.join(FIXTURES, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => ({ file, ...JSON.parse(l) })));
}
