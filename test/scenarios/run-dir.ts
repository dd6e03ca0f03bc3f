/**
 * Runs every .chat file of a folder and prints what failed, with totals (first-run figures of
 * a blind batch): npx tsx test/scenarios/run-dir.ts DIR
 * Needs PostgreSQL, like the scenario tests.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseScenario } from './scenario.ts';
import { runScenario } from './check.ts';
import setup from '../helpers/global-setup.ts';

const dir = process.argv[2]!;
const teardown = await setup();
let files = 0, passed = 0, expects = 0, failedExpects = 0, unreadable = 0;
try {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.chat')).sort()) {
    files += 1;
    let sc;
    try {
      sc = parseScenario(path.join(dir, f));
    } catch (e) {
      unreadable += 1;
      console.log(`UNREADABLE ${f}: ${(e as Error).message}`);
      continue;
    }
    const n = sc.steps.reduce((a, s) => a + (s.kind === 'turn' ? s.turn.expects.length : 0), 0);
    expects += n;
    // a step the world cannot play (a quote where the bot said nothing) fails the conversation, not the run
    const failures = await runScenario(sc).catch((e: Error) => [`${f}: the conversation stopped: ${e.message}`]);
    failedExpects += failures.length;
    if (!failures.length) passed += 1;
    console.log(`${failures.length ? 'FAIL' : 'ok  '} ${f}${failures.length ? `\n${failures.join('\n')}` : ''}`);
  }
} finally {
  await teardown();
}
console.log(`\n${dir}: ${files} conversations, ${passed} passed whole (${((passed / files) * 100).toFixed(1)}%), ${unreadable} unreadable; ${expects} expectations, ${expects - failedExpects} held (${(((expects - failedExpects) / expects) * 100).toFixed(1)}%)`);
