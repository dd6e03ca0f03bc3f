/**
 * The parser process (started by lib/child-runner.ts for read.ts): reads each document it is
 * sent by content and answers with its text and tables, or with the AppError that refused it.
 * The answer's size is bounded too, so a document cannot hand the bot a gigabyte of text.
 */
import { AppError } from '../lib/errors.ts';
import { serveInChild } from '../lib/child-runner.ts';
import { readByContent } from './read-by-content.ts';

/** Characters of text and cells an answer may carry: 20 MB of GB18030 text is 10 million. */
const MAX_CHARS = 12_000_000;

serveInChild(async (message) => {
  const { bytes, fileName } = message as { bytes: Uint8Array; fileName?: string };
  const doc = await readByContent(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName);
  let chars = doc.text.length;
  for (const t of doc.tables) for (const r of t) for (const c of r) chars += c.length;
  if (chars > MAX_CHARS) throw new AppError('BAD_DOCUMENT', { reason: 'too_complex', limit: 'chars', found: chars, max: MAX_CHARS });
  return doc;
});
