/**
 * "不对，是二（四）不是二（六）": what the speaker just reported on the denied task (a progress
 * report, a 办结 claim, an extension request, within the undo window) was meant for the other.
 * It becomes two commands acted on in turn: the undo of that change (everyone told of it is told
 * of the undo) and the same words again on the task meant — read as they were first written, so
 * the figure, the day and the reason are the speaker's own. Nothing found to move is answered.
 */
import { emptyCommand, type Command, type Understand } from '../commands/command.ts';
import type { Speaker } from '../commands/speaker.ts';
import type { ReplySpec } from '../commands/intents/types.ts';
import { resolveTask } from '../commands/resolve-task.ts';
import { UNDO_WINDOW_MS } from '../commands/intents/undo.ts';
import { pathKey } from '../tasks/path-key.ts';
import type { Store } from '../store/index.ts';

/** The changes a report put on the wrong task may have made, and the command that makes each. */
const MOVABLE: Record<string, Command['kind']> = { report_progress: 'report_progress', claim_done: 'mark_done', request_extension: 'request_extension' };

/** A refused or questioned message this recent may be the one set right (nothing changed by it to undo). */
const LAST_MESSAGE_MS = 30 * 60_000;

export async function retargetCommands(
  deps: { store: Store; understand: Understand },
  speaker: Speaker,
  msg: { id: string; chatId: string | null; senderId: string; receivedAt: Date },
  command: Command,
  ctx: Parameters<Understand>[1],
): Promise<{ commands: Command[] } | { reply: ReplySpec }> {
  const from = command.from ?? null;
  const nothing = { reply: { key: 'undo-done' as const, data: { nothing: true, named: true, moved: true, from } } };
  const wrong = await resolveTask(deps.store, speaker, from, null);
  const wrongKey = pathKey(from ?? '');
  const change = wrong.kind === 'one' && speaker.personId
    ? (await deps.store.changes.find({ actorId: speaker.personId, taskIds: [wrong.task.id], actions: Object.keys(MOVABLE), from: new Date(ctx.now.getTime() - UNDO_WINDOW_MS) }, 1))[0]
    : undefined;
  if (change) {
    const said = change.messageId ? await deps.store.messages.get(change.messageId) : null;
    const redo = said?.text ? pick(await deps.understand(said.text, ctx), MOVABLE[change.action]!, wrongKey) : null;
    return redo ? { commands: [{ ...emptyCommand('undo'), task: from, what: change.action }, { ...redo, task: command.task }] } : nothing;
  }
  // nothing was changed: the speaker's message just before, refused or asked about, named the wrong task
  const before = await deps.store.messages.previousFrom(msg, LAST_MESSAGE_MS);
  if (!before?.text || !['refused', 'asked'].includes(before.outcome ?? '')) return nothing;
  const redo = pick(await deps.understand(before.text, ctx), null, wrongKey);
  return redo ? { commands: [{ ...redo, task: command.task }] } : nothing;
}

/** Of the words first said, the command about the wrong task (of `kind` when the change says which). */
function pick(read: Command | Command[], kind: Command['kind'] | null, wrongKey: string | null): Command | null {
  const commands = (Array.isArray(read) ? read : [read]).filter((c) => (kind ? c.kind === kind : Object.values(MOVABLE).includes(c.kind)));
  if (commands.length === 1 && (kind || pathKey(commands[0]!.task ?? '') === wrongKey)) return commands[0]!;
  return commands.find((c) => c.task !== null && pathKey(c.task) === wrongKey) ?? null;
}
