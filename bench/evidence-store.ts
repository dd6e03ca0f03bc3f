/**
 * 佐证材料 storage figures: a 20 MB file streamed into PostgreSQL (chunked, hashed, one
 * transaction), read back chunk by chunk, and the same file again (found by its hash); with
 * the process's peak RSS above the start. Needs PostgreSQL and the migrated test template.
 *   npx tsx bench/evidence-store.ts                          (peaks include uncollected garbage)
 *   NODE_OPTIONS=--expose-gc npx tsx bench/evidence-store.ts (collected every MB: the live peak)
 */
import { randomBytes } from 'node:crypto';
import setup from '../test/helpers/global-setup.ts';
import { createTestDatabase } from '../test/helpers/db.ts';
import { pgFileStore } from '../src/store/file-store.ts';

const MB = 1024 * 1024;
const teardown = await setup();
const t = await createTestDatabase('bench_ev');
const files = pgFileStore(t.db.sql);
const block = randomBytes(MB);
let peak = 0;
let peakBuffers = 0;
const watch = setInterval(() => { const m = process.memoryUsage(); peak = Math.max(peak, m.rss); peakBuffers = Math.max(peakBuffers, m.arrayBuffers); }, 2);
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();
async function* twentyMb(seed: number) { for (let i = 0; i < 20; i += 1) { collectGarbage(); const b = Buffer.from(block); b.writeUInt32LE(seed, 0); b.writeUInt32LE(i, 8); if (i === 0) b.write('%PDF-1.7\n', 16); yield i === 0 ? Buffer.concat([Buffer.from('%PDF-1.7\n'), b.subarray(9)]) : b; } }
const inspect = () => 'application/pdf';
global.gc?.();
const base = process.memoryUsage().rss;
let t0 = performance.now();
const a = await files.put(twentyMb(1), { maxBytes: 20 * MB, inspect });
const put = performance.now() - t0;
t0 = performance.now();
let n = 0;
for await (const c of files.open(a.fileId)) { n += c.length; collectGarbage(); }
const read = performance.now() - t0;
t0 = performance.now();
const again = await files.put(twentyMb(1), { maxBytes: 20 * MB, inspect });
const dup = performance.now() - t0;
clearInterval(watch);
console.log(JSON.stringify({ sizeMb: a.size / MB, putMs: Math.round(put), readMs: Math.round(read), readBytes: n, duplicatePutMs: Math.round(dup), duplicateFound: again.existed && again.fileId === a.fileId, peakRssAboveStartMb: Math.round((peak - base) / MB), peakArrayBuffersMb: Math.round(peakBuffers / MB) }));
await t.drop();
await teardown();
process.exit(0);
