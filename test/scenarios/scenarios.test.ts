// The scenario suite: every test/scenarios/*.chat conversation, run on the demo through the
// console channel against the real database (test/scenarios/scenario.ts describes the format).
// The conversations written blind are run by blind-scenarios.test.ts, beside this file.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eachConversation } from './suite.ts';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith('.chat')).sort();

describe('scenarios', () => {
  it('are there to run', () => expect(files.length).toBeGreaterThan(0));
  eachConversation(files);
});
