// One vitest case per conversation file (paths under test/scenarios), each on a world of its own.
import path from 'node:path';
import { expect, it } from 'vitest';
import { parseScenario } from './scenario.ts';
import { runScenario } from './check.ts';

export function eachConversation(files: string[]): void {
  it.each(files)('%s', async (f) => {
    const failures = await runScenario(parseScenario(path.join('test/scenarios', f)));
    expect(failures.join('\n')).toBe('');
  }, 60_000);
}
