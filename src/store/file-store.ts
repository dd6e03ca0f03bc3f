/**
 * Where received files' bytes live: a small interface (put a stream, open a stream) so that
 * an S3-compatible object store can replace PostgreSQL later without touching callers.
 *
 * The PostgreSQL implementation keeps each content once (SHA-256, unique) as CHUNK_BYTES rows
 * of StoredFileChunk. A file is written in ONE transaction on its own connection: the chunks
 * go in as they arrive, the hash is known at the end; if the same content is already stored
 * (or stored meanwhile by another process) the transaction rolls back and the existing file is
 * returned. A refusal (too large, a program, a broken download) rolls back too: nothing is
 * half-stored. Reading fetches one chunk per query, so a 20 MB file is never whole in memory.
 */
import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AppError } from '../lib/errors.ts';
import { HEAD_BYTES } from '../lib/file-kind.ts';

export const CHUNK_BYTES = 256 * 1024;

export interface PutOptions {
  maxBytes: number;
  /** sees the first HEAD_BYTES (or the whole of a shorter file); returns the type to keep, or throws to refuse */
  inspect(head: Buffer): string;
}

export interface StoredFileInfo {
  fileId: string;
  sha256: string;
  size: number;
  mime: string;
  /** the same content was already stored: this is that file */
  existed: boolean;
}

export interface FileStore {
  put(content: AsyncIterable<Uint8Array>, opts: PutOptions): Promise<StoredFileInfo>;
  /** the file's bytes, chunk by chunk; empty if there is no such file */
  open(fileId: string): AsyncIterable<Buffer>;
}

export function pgFileStore(sql: pg.Pool): FileStore {
  return {
    async put(content, opts) {
      const client = await sql.connect();
      const fileId = randomUUID();
      const hash = createHash('sha256');
      let size = 0;
      let seq = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      let mime: string | null = null;
      let released = false;
      const flush = async (all: boolean) => {
        while (pendingBytes >= CHUNK_BYTES || (all && pendingBytes > 0)) {
          const joined = Buffer.concat(pending);
          const chunk = joined.subarray(0, CHUNK_BYTES);
          const rest = joined.subarray(chunk.length);
          pending = rest.length ? [Buffer.from(rest)] : [];
          pendingBytes = rest.length;
          if (mime === null) mime = opts.inspect(chunk.subarray(0, HEAD_BYTES));
          await client.query('INSERT INTO "StoredFileChunk" ("fileId", seq, data) VALUES ($1, $2, $3)', [fileId, seq, chunk]);
          seq += 1;
        }
      };
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO "StoredFile" (id) VALUES ($1)', [fileId]);
        for await (const part of content) {
          const b = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
          size += b.length;
          if (size > opts.maxBytes) throw new AppError('FILE_TOO_LARGE', { mb: Math.round(opts.maxBytes / 1048576) });
          hash.update(b);
          pending.push(b);
          pendingBytes += b.length;
          await flush(false);
        }
        await flush(true);
        if (mime === null) mime = opts.inspect(Buffer.alloc(0));
        const sha256 = hash.digest('hex');
        const existing = await client.query<{ id: string; mime: string }>('SELECT id, mime FROM "StoredFile" WHERE sha256 = $1', [sha256]);
        if (existing.rows[0]) {
          await client.query('ROLLBACK');
          return { fileId: existing.rows[0].id, sha256, size, mime: existing.rows[0].mime, existed: true };
        }
        try {
          await client.query('UPDATE "StoredFile" SET sha256 = $2, size = $3, mime = $4 WHERE id = $1', [fileId, sha256, size, mime]);
          await client.query('COMMIT');
        } catch (e) {
          if ((e as { code?: string }).code !== '23505') throw e;
          // the same content committed by another process meanwhile
          await client.query('ROLLBACK');
          const row = await sql.query<{ id: string; mime: string }>('SELECT id, mime FROM "StoredFile" WHERE sha256 = $1', [sha256]);
          return { fileId: row.rows[0]!.id, sha256, size, mime: row.rows[0]!.mime, existed: true };
        }
        return { fileId, sha256, size, mime, existed: false };
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        if (!released) { released = true; client.release(); }
      }
    },
    async *open(fileId) {
      for (let seq = 0; ; seq += 1) {
        const r = await sql.query<{ data: Buffer }>('SELECT data FROM "StoredFileChunk" WHERE "fileId" = $1 AND seq = $2', [fileId, seq]);
        if (!r.rows[0]) return;
        yield r.rows[0].data;
      }
    },
  };
}
