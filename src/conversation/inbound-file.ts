/**
 * What a received file is — decided here and nowhere else:
 * - 佐证材料 for a task, when the words sent with it, the message it quotes or what the sender
 *   did in the last half hour give it a task (evidence.ts);
 * - an admin's document with no such context: an edited ledger coming back, else a plan to
 *   import (import-plan.ts) — unless it is a picture, which is never a plan;
 * - anything else (a unit's photo or file): 佐证材料, and the bot asks which task.
 * Runs before the message's transaction (a 20 MB download must not hold it open; storing the
 * same file again on a retry finds it by its hash); returns the work left for the transaction.
 */
import type { IntentResult } from '../commands/intents/types.ts';
import type { Speaker } from '../commands/speaker.ts';
import type { StoredMessage } from '../store/messages.ts';
import type { ConversationDeps } from './handle-message.ts';
import { bufferStream, collect } from '../channels/file-stream.ts';
import { detectFileKind, HEAD_BYTES } from '../lib/file-kind.ts';
import { attachReceived, evidenceTarget, filesOf, storeFiles } from './evidence.ts';
import { failedFile, importFile } from './import-plan.ts';

/** What is left to do in the message's transaction (`deps` bound to it). */
export type FileWork = (deps: ConversationDeps) => Promise<IntentResult>;

export async function receiveFile(deps: ConversationDeps, msg: StoredMessage, speaker: Speaker, now: Date): Promise<FileWork> {
  const done = (r: IntentResult): FileWork => async () => r;
  if (speaker.role === 'guest') return done({ reply: { key: 'errors/not-bound', data: { evidence: true } } });
  const refs = filesOf(msg);
  if (!refs.length) return done({ reply: { key: 'errors/bad-document', data: { no_file: true } } });
  const target = await evidenceTarget(deps, msg, speaker, now);
  const open = (f: (typeof refs)[number]) => deps.imports.openFile(msg.platform, f);
  if (speaker.role === 'admin' && target.kind === 'ask' && refs.length === 1) {
    const ref = refs[0]!;
    let content: Buffer;
    try {
      content = await collect(await open(ref));
    } catch (e) {
      return done(failedFile(deps, e, ref.name));
    }
    const kind = detectFileKind(content.subarray(0, HEAD_BYTES));
    if (!(kind.ok && kind.kind.image)) return done(await importFile(deps, msg, content, ref.name, now));
    const received = await storeFiles(deps, msg, async () => bufferStream(content));
    return (tx) => attachReceived(tx, msg, speaker, now, target, received);
  }
  const received = await storeFiles(deps, msg, open);
  return (tx) => attachReceived(tx, msg, speaker, now, target, received);
}
