/**
 * Mean time to parse one chat message (target < 1 ms): every labelled message of
 * test/fixtures/chat/ parsed repeatedly after a warm-up. Run: npx tsx bench/parse.bench.ts
 */
import { parse } from '../src/commands/parse/index.ts';
import { CTX, loadCases } from '../test/parse/load-cases.ts';

const texts = loadCases().map((c) => c.text);
const ROUNDS = Number(process.argv[2] ?? 20);

for (const t of texts) parse(t, CTX);
const times: number[] = [];
for (let r = 0; r < ROUNDS; r += 1) {
  for (const t of texts) {
    const t0 = performance.now();
    parse(t, CTX);
    times.push(performance.now() - t0);
  }
}
times.sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
console.log(JSON.stringify({
  messages: texts.length, parses: times.length,
  meanMs: +mean.toFixed(4), p50Ms: +p(0.5).toFixed(4), p95Ms: +p(0.95).toFixed(4), p99Ms: +p(0.99).toFixed(4), maxMs: +p(1).toFixed(3),
}));
if (mean >= 1) process.exitCode = 1;
