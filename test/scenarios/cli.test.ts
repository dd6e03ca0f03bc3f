// The scenarios hold when driven through the CLI a newcomer uses: `npx duban demo`, then one
// `npx duban chat` process fed the conversation line by line (a slow test: real processes).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './scenario.ts';
import { runScenario } from './check.ts';
import { createCliWorld } from './cli-world.ts';

// two conversations cover what the CLI adds (import --save, plans activate, /as, /group, /private, /click); the
// rest run in-process (scenarios.test.ts), where the same words reach the same code
const THROUGH_THE_CLI = ['08-two-plans.chat', '60-close-by-click.chat'];

describe('scenarios through npx duban chat', () => {
  it.each(THROUGH_THE_CLI)('%s', async (f) => {
    const failures = await runScenario(parseScenario(path.join('test/scenarios', f)), createCliWorld);
    expect(failures.join('\n')).toBe('');
  }, 180_000);
});
