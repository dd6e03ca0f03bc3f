/**
 * Reads a document's bytes into text and tables within the container limits: the bytes are
 * checked (zip entries and inflated size, PDF streams) and then read by content
 * (read-by-content.ts) in the bounded parser process (read-worker.ts), so a zip bomb, a
 * malformed workbook or a PDF that takes minutes is refused with a coded AppError
 * (BAD_DOCUMENT too_complex / timeout / unreadable) and never takes the bot down.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CONTAINER_LIMITS, parseWithinLimits, type ContainerLimits } from '../lib/container-limits.ts';
import type { RawDocument } from './types.ts';

const here = fileURLToPath(import.meta.url);
/** src/importer/read-worker.ts under tsx; dist/read-worker.mjs beside the bundle's chunks (scripts/build.mjs). */
const READ_WORKER = here.endsWith('.ts') ? path.join(path.dirname(here), 'read-worker.ts') : path.join(path.dirname(here), 'read-worker.mjs');

const RawDocumentSchema = z.object({
  kind: z.enum(['txt', 'docx', 'xlsx', 'csv', 'html', 'pdf', 'doc']),
  text: z.string(),
  tables: z.array(z.array(z.array(z.string()))),
});

/** Reads a document's bytes into text and tables; `limits` only for tests that prove the bounds. */
export async function readDocument(buf: Buffer, fileName = '', limits: ContainerLimits = CONTAINER_LIMITS): Promise<RawDocument> {
  return RawDocumentSchema.parse(await parseWithinLimits(READ_WORKER, buf, { fileName }, limits));
}
