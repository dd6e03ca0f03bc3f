/**
 * The one gate every document or file we open goes through: plan imports (.docx, .xlsx, PDF,
 * .doc, text), edited ledgers, and evidence files a later channel stores. A 611 KB .docx can
 * inflate to gigabytes and a malformed file can keep a parser busy for minutes, so:
 * - a zip's entries are counted and each is really inflated (not its declared size believed)
 *   until the total passes `bytes`; a PDF's compressed streams likewise;
 * - the parsing itself runs in a child process (child-runner.ts) killed when it takes longer
 *   than `ms` or holds more than `memoryMb` of memory, so a bomb costs the bot nothing but a
 *   refusal, never a crash (the old crash loop: every restart and sweep re-read the same file).
 * Refusals are AppError BAD_DOCUMENT with reason too_complex or timeout (detail says which
 * limit, for operators); the words users read are in templates/errors/bad-document.md.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { AppError, ERRORS, type ErrorCode } from './errors.ts';
import { runInChild, type ChildFailure } from './child-runner.ts';
import { zipEntries, ZipFormatError } from './zip-directory.ts';

export interface ContainerLimits {
  /** parts of a zip (a .docx has about 15, an .xlsx about 10 plus 2 per sheet) */
  entries: number;
  /** compressed streams of a PDF (a 300-page report has a few thousand) */
  streams: number;
  /** bytes all parts or streams inflate to, together */
  bytes: number;
  /** wall time of the parse, from the moment the parser has the bytes */
  ms: number;
  /** resident memory of the parsing process */
  memoryMb: number;
}

const MB = 1024 * 1024;

/** Real plans are a few hundred KB of XML and a few MB of images; these leave a wide margin. */
export const CONTAINER_LIMITS: Readonly<ContainerLimits> = Object.freeze({ entries: 2000, streams: 50_000, bytes: 100 * MB, ms: 30_000, memoryMb: 768 });

export type ContainerKind = 'zip' | 'pdf' | 'ole' | 'plain';

const startsWith = (buf: Uint8Array, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

/** What a file is by its first bytes: a zip (.docx/.xlsx), a PDF, an OLE compound file (.doc/.xls), or anything else. */
export function containerKind(buf: Uint8Array): ContainerKind {
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0])) return 'ole';
  return 'plain';
}

const tooComplex = (limit: string, found: number, max: number) => new AppError('BAD_DOCUMENT', { reason: 'too_complex', limit, found, max });

const inflateRaw = promisify(zlib.inflateRaw);
const inflate = promisify(zlib.inflate);

/**
 * Bytes `data` inflates to, never producing more than `budget + 1` (zlib stops there). A
 * stream cut short counts what it gave; `null` when it is not deflate data at all.
 */
async function inflatedSize(data: Uint8Array, raw: boolean, budget: number): Promise<number | null> {
  try {
    const opts = { maxOutputLength: Math.max(1, budget + 1), finishFlush: zlib.constants.Z_SYNC_FLUSH };
    return (await (raw ? inflateRaw : inflate)(data, opts)).length;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return budget + 1;
    return null;
  }
}

async function checkZip(buf: Buffer, limits: ContainerLimits): Promise<void> {
  let entries;
  try {
    entries = zipEntries(buf, limits.entries);
  } catch (e) {
    if (e instanceof ZipFormatError) throw new AppError('BAD_DOCUMENT', { reason: 'unreadable', cause: e.message });
    throw e;
  }
  if (entries.length > limits.entries) throw tooComplex('entries', entries.length, limits.entries);
  let total = 0;
  for (const e of entries) {
    if (e.encrypted) throw new AppError('BAD_DOCUMENT', { reason: 'unreadable', cause: `${e.name} is encrypted` });
    if (e.method !== 0 && e.method !== 8) throw new AppError('BAD_DOCUMENT', { reason: 'unreadable', cause: `${e.name} uses compression method ${e.method}` });
    const data = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    const size = e.method === 0 ? data.length : await inflatedSize(data, true, limits.bytes - total);
    if (size === null) throw new AppError('BAD_DOCUMENT', { reason: 'unreadable', cause: `${e.name} is not deflate data` });
    total += size;
    if (total > limits.bytes) throw tooComplex('bytes', total, limits.bytes);
  }
}

/** Each `stream … endstream` of a PDF that inflates (FlateDecode, including object streams) counts its output. */
async function checkPdf(buf: Buffer, limits: ContainerLimits): Promise<void> {
  let total = 0;
  let streams = 0;
  for (let at = buf.indexOf('stream'); at >= 0; at = buf.indexOf('stream', at + 6)) {
    if (buf[at - 3] === 0x65 && buf.toString('latin1', at - 3, at) === 'end') continue;
    let start = at + 6;
    if (buf[start] === 0x0d) start += 1;
    if (buf[start] !== 0x0a) continue;
    start += 1;
    const end = buf.indexOf('endstream', start);
    if (end < 0) break;
    streams += 1;
    if (streams > limits.streams) throw tooComplex('streams', streams, limits.streams);
    total += (await inflatedSize(buf.subarray(start, end), false, limits.bytes - total)) ?? end - start;
    if (total > limits.bytes) throw tooComplex('bytes', total, limits.bytes);
    at = end;
  }
}

/**
 * Refuses a container whose parts would inflate past the limits, before anything parses it.
 * Callers that must parse in their own process (the ledger reader, which needs exceljs's
 * workbook object) call this first; everyone else uses parseWithinLimits.
 */
export async function checkContainer(buf: Buffer, limits: ContainerLimits = CONTAINER_LIMITS): Promise<void> {
  const kind = containerKind(buf);
  if (kind === 'zip') await checkZip(buf, limits);
  else if (kind === 'pdf') await checkPdf(buf, limits);
}

function refusal(f: ChildFailure, limits: ContainerLimits): AppError {
  if (f.kind === 'timeout') return new AppError('BAD_DOCUMENT', { reason: 'timeout', seconds: Math.ceil(limits.ms / 1000), limit: 'ms', max: limits.ms });
  if (f.kind === 'memory') return new AppError('BAD_DOCUMENT', { reason: 'too_complex', limit: 'memoryMb', found: f.rssMb, max: limits.memoryMb });
  return new AppError('BAD_DOCUMENT', { reason: 'unreadable', cause: f.message });
}

/**
 * Checks `bytes` (checkContainer), then has `script` (a module that calls serveInChild) parse
 * them in a bounded child process. The child's answer is returned as sent (validate it); an
 * AppError thrown in the child arrives as the same AppError, any other failure as a coded one.
 */
export async function parseWithinLimits(script: string, bytes: Buffer, extra: Record<string, unknown> = {}, limits: ContainerLimits = CONTAINER_LIMITS): Promise<unknown> {
  await checkContainer(bytes, limits);
  const answer = await runInChild(script, { bytes, ...extra }, { ms: limits.ms, memoryMb: limits.memoryMb });
  if (answer.ok) return answer.value;
  if ('failure' in answer) throw refusal(answer.failure, limits);
  const { code, detail } = answer.error;
  if (code in ERRORS) throw new AppError(code as ErrorCode, detail);
  throw new AppError('BAD_DOCUMENT', { reason: 'unreadable', cause: answer.error.message });
}
