// The scenarios hold when driven through the CLI a newcomer uses: `npx duban demo`, then one
// `npx duban chat` process fed the conversation line by line (a slow test: real processes).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './scenario.ts';
import { runScenario } from './check.ts';
import { createCliWorld } from './cli-world.ts';

const THROUGH_THE_CLI = ['04-return-keeps-reason.chat', '05-undo-close.chat', '08-two-plans.chat', '60-close-by-click.chat'];

describe('scenarios through npx duban chat', () => {
  it.each(THROUGH_THE_CLI)('%s', async (f) => {
    const failures = await runScenario(parseScenario(path.join('test/scenarios', f)), createCliWorld);
    expect(failures.join('\n')).toBe('');
  }, 180_000);
});
