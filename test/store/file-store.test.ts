// Needs PostgreSQL: received files are kept once by content, written and read in chunks, and a
// refused or broken upload leaves nothing behind.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { CHUNK_BYTES, pgFileStore, type FileStore } from '../../src/store/file-store.ts';
import { detectFileKind } from '../../src/lib/file-kind.ts';
import { AppError } from '../../src/lib/errors.ts';

let t: TestDatabase;
let files: FileStore;
beforeAll(async () => { t = await createTestDatabase('files'); files = pgFileStore(t.db.sql); });
afterAll(async () => { await t.drop(); });

const inspect = (head: Buffer) => {
  const d = detectFileKind(head);
  if (!d.ok) throw new AppError('FILE_REFUSED', { reason: d.reason });
  return d.kind.mime;
};
async function* chunks(b: Buffer, size = 100_000) { for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size); }
async function read(id: string) { const parts: Buffer[] = []; for await (const c of files.open(id)) parts.push(c); return { whole: Buffer.concat(parts), parts: parts.length }; }
const counts = async () => ({ files: await t.db.storedFile.count(), chunks: await t.db.storedFileChunk.count() });

it('keeps a photo once by its SHA-256, in chunks, and gives it back chunk by chunk', async () => {
  const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(CHUNK_BYTES * 2 + 1000)]);
  const a = await files.put(chunks(photo), { maxBytes: 20 << 20, inspect });
  expect(a).toMatchObject({ size: photo.length, mime: 'image/jpeg', existed: false, sha256: createHash('sha256').update(photo).digest('hex') });
  const b = await files.put(chunks(photo, 7777), { maxBytes: 20 << 20, inspect });
  expect(b).toMatchObject({ fileId: a.fileId, existed: true });
  const back = await read(a.fileId);
  expect(back.whole.equals(photo)).toBe(true);
  expect(back.parts).toBe(3);
  expect(await counts()).toEqual({ files: 1, chunks: 3 });
});

it('refuses a program named like a photo, a file over the limit and a broken download, keeping nothing', async () => {
  const before = await counts();
  const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(CHUNK_BYTES + 10)]);
  await expect(files.put(chunks(exe), { maxBytes: 20 << 20, inspect })).rejects.toMatchObject({ code: 'FILE_REFUSED' });
  const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3 * CHUNK_BYTES)]);
  await expect(files.put(chunks(big), { maxBytes: 2 * CHUNK_BYTES, inspect })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
  async function* broken() { yield Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(CHUNK_BYTES * 2)]); throw new Error('connection reset'); }
  await expect(files.put(broken(), { maxBytes: 20 << 20, inspect })).rejects.toThrow('connection reset');
  expect(await counts()).toEqual(before);
});

it('stores the same new file sent twice at once only once', async () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(CHUNK_BYTES * 3)]);
  const [a, b] = await Promise.all([files.put(chunks(pdf), { maxBytes: 20 << 20, inspect }), files.put(chunks(pdf, 50_000), { maxBytes: 20 << 20, inspect })]);
  expect(a.fileId).toBe(b.fileId);
  expect(await t.db.storedFile.count({ where: { sha256: a.sha256 } })).toBe(1);
});
