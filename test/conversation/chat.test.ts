// Needs PostgreSQL. The conversation scripts of test/fixtures/conversations.ts through the
// console channel and the real parser: store, parse, resolve, authorise, act, answer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleBot, type ConsoleBot } from '../helpers/console-bot.ts';
import { SCRIPTS } from '../fixtures/conversations.ts';

let bot: ConsoleBot;
beforeEach(async () => { bot = await createConsoleBot(); });
afterEach(async () => { await bot.close(); });

describe('conversation scripts (console)', () => {
  for (const [name, turns] of Object.entries(SCRIPTS)) {
    it(name, async () => {
      for (const turn of turns) {
        const reply = await bot.say(turn.as, turn.say, { quote: turn.quote });
        for (const e of turn.expect) expect(reply, `${turn.as}: ${turn.say}`).toMatch(typeof e === 'string' ? new RegExp(e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : e);
      }
    });
  }
});
