/**
 * 佐证材料 sent in chat: photos and files become a task's evidence.
 *
 * Which task: the words sent with the file name it ("2.3 佐证材料", a title written out); the
 * file answers (quotes) a message naming one task; or the sender reported on or claimed
 * exactly one task in the last 30 minutes; or the sender's previous file (same 30 minutes)
 * went to a task — several files in a row are one batch. Otherwise the file is kept and the
 * bot asks which of the sender's open tasks it belongs to; files sent before the answer join
 * the same question. Files are stored (store.files, streamed) before the message's
 * transaction; the rows, the answer and any notice commit with the message.
 */
import type { IntentResult, Notice, ReplySpec } from '../commands/intents/types.ts';
import type { Speaker } from '../commands/speaker.ts';
import type { StoredMessage } from '../store/messages.ts';
import type { TaskListRow } from '../store/tasks.ts';
import type { ConversationDeps } from './handle-message.ts';
import type { FileStream } from '../channels/file-stream.ts';
import { MAX_FILE_BYTES } from '../channels/file-stream.ts';
import { resolveTask, scopeOf, TASK_ID_REF } from '../commands/resolve-task.ts';
import { pathKey, pathsIn } from '../tasks/path-key.ts';
import { referencesFor } from '../commands/intents/references.ts';
import { AppError } from '../lib/errors.ts';
import { detectFileKind } from '../lib/file-kind.ts';
import { dialogKey, DIALOG_TTL_MS } from './dialog.ts';
import { errorReply } from './error-reply.ts';
import { leaderNotices } from '../commands/intents/evidence-notices.ts';
import { submitWaitingClaim } from '../commands/intents/mark-done.ts';
import type { Command } from '../commands/command.ts';

/** How long after a report, a claim or a file the sender's next file belongs to the same task. */
export const EVIDENCE_CONTEXT_MS = 30 * 60_000;
export const EVIDENCE_DIALOG = 'choose_evidence_task';

export interface FileRef { name: string; mediaId?: string; downloadUrl?: string; aesKey?: string }

/** The files a message carries: one file or image, or the pictures of a rich-text message. */
export function filesOf(msg: StoredMessage): FileRef[] {
  const raw = msg.raw as { file?: FileRef | null; files?: FileRef[] } | null;
  if (raw?.files?.length) return raw.files;
  return raw?.file ? [raw.file] : [];
}

export type EvidenceTarget =
  | { kind: 'task'; task: TaskListRow; by: 'caption' | 'quote' | 'recent' | 'batch' }
  /** a question "哪项任务？" is open: this file joins it */
  | { kind: 'join' }
  | { kind: 'ask' };

/** Where a file from this sender goes, from the words with it, what it quotes and what the sender just did. */
export async function evidenceTarget(deps: ConversationDeps, msg: StoredMessage, speaker: Speaker, now: Date): Promise<EvidenceTarget> {
  const { store } = deps;
  const caption = msg.text?.trim() ?? '';
  if (caption) {
    const keys = [...new Set(pathsIn(caption).map((p) => pathKey(p)).filter((k): k is string => k !== null))];
    const r = keys.length === 1 ? await resolveTask(store, speaker, keys[0]!, null) : await resolveTask(store, speaker, null, null, caption);
    if (r.kind === 'one') return { kind: 'task', task: r.task, by: 'caption' };
  }
  if (msg.quote) {
    const r = await resolveTask(store, speaker, null, msg.quote);
    if (r.kind === 'one') return { kind: 'task', task: r.task, by: 'quote' };
  }
  const pending = await store.dialogs.get(dialogKey(msg.platform, msg.chatId, msg.senderId), now);
  if (pending?.kind === EVIDENCE_DIALOG) return { kind: 'join' };
  if (!speaker.personId) return { kind: 'ask' };
  const since = new Date(now.getTime() - EVIDENCE_CONTEXT_MS);
  const reported = await store.evidence.reportedTasksSince(speaker.personId, since);
  if (reported.length === 1) {
    const task = await store.tasks.byId(reported[0]!);
    if (task) return { kind: 'task', task, by: 'recent' };
  }
  if (reported.length === 0) {
    const last = await store.evidence.latestBy(speaker.personId, since);
    const task = last?.taskId ? await store.tasks.byId(last.taskId) : null;
    if (task) return { kind: 'task', task, by: 'batch' };
  }
  return { kind: 'ask' };
}

export interface ReceivedFile { fileId: string; name: string; mime: string; size: number }
export interface Received { files: ReceivedFile[]; refused: ReplySpec[] }

/**
 * Streams each file into the file store, refusing programs (whatever their name says), empty
 * files and files over 20 MB; a refused or broken download leaves nothing stored.
 */
export async function storeFiles(deps: ConversationDeps, msg: StoredMessage, open: (f: FileRef) => Promise<FileStream>): Promise<Received> {
  const out: Received = { files: [], refused: [] };
  for (const ref of filesOf(msg)) {
    try {
      const stored = await deps.store.files.put(await open(ref), {
        maxBytes: MAX_FILE_BYTES,
        inspect: (head) => {
          const d = detectFileKind(head);
          if (!d.ok) throw new AppError('FILE_REFUSED', { reason: d.reason });
          return d.kind.mime;
        },
      });
      out.files.push({ fileId: stored.fileId, name: ref.name, mime: stored.mime, size: stored.size });
    } catch (e) {
      out.refused.push(errorReply(e, deps.log, { what: '佐证材料', data: { name: ref.name }, context: { file: ref.name, messageId: msg.id } }));
    }
  }
  return out;
}

/** In the message's transaction: the rows, then the confirmation, the question, or the refusal. */
export async function attachReceived(deps: ConversationDeps, msg: StoredMessage, speaker: Speaker, now: Date, target: EvidenceTarget, received: Received): Promise<IntentResult> {
  const { store } = deps;
  const [first, ...rest] = received.refused;
  if (!received.files.length) return { reply: first ?? { key: 'errors/bad-document', data: { no_file: true } }, also: rest };
  const taskId = target.kind === 'task' ? target.task.id : null;
  const unitId = target.kind === 'task' ? unitFor(speaker, target.task) : speaker.unitId;
  const rows = [];
  for (const [seq, f] of received.files.entries()) {
    rows.push(await store.evidence.add({ ...f, taskId, unitId, personId: speaker.personId, senderName: speaker.name, messageId: msg.id, seq }));
  }
  const ids = rows.map((r) => r.id);
  let result: IntentResult;
  if (target.kind === 'task') result = await confirmAttached(deps, target.task, received.files.map((f) => f.name), speaker, now, msg.id);
  else result = await askWhichTask(deps, msg, speaker, now, ids);
  return { ...result, also: [...(result.also ?? []), ...received.refused] };
}

function unitFor(speaker: Speaker, task: TaskListRow): string | null {
  if (speaker.unitId && task.assignments.some((a) => a.unit.id === speaker.unitId)) return speaker.unitId;
  return speaker.unitId ?? task.assignments[0]?.unit.id ?? null;
}

/**
 * "已附佐证材料：验收报告.pdf（二.(三)，共3份）". Files that come after a claim awaiting review
 * tell each leader privately, once (the first files after the claim), with their own link.
 */
async function confirmAttached(deps: ConversationDeps, task: TaskListRow, names: string[], speaker: Speaker, now: Date, messageId: string): Promise<IntentResult> {
  const [ref] = await referencesFor(deps.store, [task]);
  const total = await deps.store.evidence.countForTask(task.id);
  // a claim that waited for its 佐证材料 (销号需佐证材料) goes to the leaders with these files
  const submitted = await submitWaitingClaim({ store: deps.store, hooks: deps.hooks, now, speaker, messageId }, task, ref!);
  const reply: ReplySpec = { key: 'evidence-attached', data: { names: names.join('、'), path: ref, title: task.title, total, claimed: task.state === 'claimed_done', submitted: Boolean(submitted) } };
  const notices: Notice[] = [...(submitted ?? [])];
  if (task.state === 'claimed_done') {
    const claimedAt = await deps.store.evidence.claimedAt(task.id);
    const earlier = claimedAt ? await deps.store.evidence.countForTaskSince(task.id, claimedAt, messageId) : 0;
    if (earlier === 0) notices.push(...(await leaderNotices(deps, task, ref!, { unit: speaker.unitName ?? speaker.name, count: total, names: names.join('、'), after: true })));
  }
  return { reply, notices };
}

/** "这份材料是哪项任务的佐证材料？" with the sender's open tasks as numbered choices. */
async function askWhichTask(deps: ConversationDeps, msg: StoredMessage, speaker: Speaker, now: Date, ids: string[]): Promise<IntentResult> {
  const key = dialogKey(msg.platform, msg.chatId, msg.senderId);
  // read again here (in the transaction): a file handled meanwhile may have asked already
  const pending = await deps.store.dialogs.get(key, now);
  const before = pending?.kind === EVIDENCE_DIALOG ? (pending.payload as unknown as EvidenceQuestion) : null;
  const tasks = before ? null : (await deps.store.tasks.list(scopeOf(speaker), { openOnly: true, take: 9 }));
  const shown = tasks ?? [];
  const refs = shown.length ? await referencesFor(deps.store, shown) : [];
  const question: EvidenceQuestion = before
    ? { ...before, evidenceIds: [...before.evidenceIds, ...ids] }
    : { evidenceIds: ids, taskIds: shown.map((t) => t.id), choices: shown.map((t, i) => ({ id: t.id, pathKey: t.pathKey, printed: refs[i]!, title: t.title })) };
  await deps.store.dialogs.set(key, EVIDENCE_DIALOG, question as never, new Date(now.getTime() + DIALOG_TTL_MS));
  return {
    // already stored above: here it only marks the answer as a question
    dialog: { kind: EVIDENCE_DIALOG, payload: question as never },
    reply: { key: 'evidence-which-task', data: { count: question.evidenceIds.length, joined: Boolean(before), items: question.choices.map((c, i) => ({ n: i + 1, path: c.printed, title: c.title })), none: question.choices.length === 0 } },
  };
}

export interface EvidenceQuestion {
  evidenceIds: string[];
  taskIds: string[];
  choices: { id: string; pathKey: string; printed: string; title: string }[];
}

/**
 * The answer to "哪项任务？": a number or a task as listed attaches the waiting files; 取消 drops
 * them (they stay unattached, seen by nobody); anything else is not an answer (null).
 */
export async function answerEvidenceQuestion(deps: ConversationDeps, pending: { payload: unknown }, cmd: Command, speaker: Speaker, msg: StoredMessage, now: Date): Promise<IntentResult | null> {
  const q = pending.payload as EvidenceQuestion;
  const key = dialogKey(msg.platform, msg.chatId, msg.senderId);
  if (cmd.kind === 'cancel' || (cmd.kind === 'undo' && !cmd.task)) {
    await deps.store.dialogs.clear(key);
    return { reply: { key: 'evidence-cancelled', data: { count: q.evidenceIds.length } } };
  }
  let taskId: string | null = null;
  if (cmd.kind === 'choose' && cmd.index) {
    taskId = q.taskIds[cmd.index - 1] ?? null;
    if (!taskId) return { reply: { key: 'choose-invalid', data: { count: q.taskIds.length } } };
  } else if (cmd.task && cmd.percent === null && cmd.date === null && (cmd.kind === 'clarify' || cmd.kind === 'query_task' || cmd.kind === 'unknown')) {
    const k = cmd.task.startsWith(TASK_ID_REF) ? null : pathKey(cmd.task);
    const listed = q.choices.filter((c) => c.pathKey === k);
    if (listed.length === 1) taskId = listed[0]!.id;
    else {
      const r = await resolveTask(deps.store, speaker, cmd.task, null);
      if (r.kind === 'one') taskId = r.task.id;
    }
  }
  if (!taskId) return null;
  const task = await deps.store.tasks.byId(taskId);
  if (!task) return null;
  await deps.store.dialogs.clear(key);
  await deps.store.evidence.attach(q.evidenceIds, task.id);
  const names = (await Promise.all(q.evidenceIds.map((id) => deps.store.evidence.byId(id)))).flatMap((r) => (r ? [r.name] : []));
  return confirmAttached(deps, task, names, speaker, now, msg.id);
}
