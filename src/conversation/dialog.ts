/**
 * Open questions the bot asked (which task? what date?) and how the next message from the
 * same person in the same chat answers them. Stored in PostgreSQL (dialogs), not memory.
 */
import type { Command } from '../commands/command.ts';
import { TASK_ID_REF } from '../commands/resolve-task.ts';

export const DIALOG_TTL_MS = 30 * 60_000;

export function dialogKey(platform: string, chatId: string | null, userId: string): string {
  return `${platform}:${chatId ?? '-'}:${userId}`;
}

export type DialogOutcome = { command: Command; consumed: boolean } | { invalidChoice: true; count: number };

/**
 * Applies a pending dialogue to a new message: a numbered choice picks a task for the
 * remembered command; missing extension details are merged. Anything else starts afresh.
 */
export function applyDialog(pending: { kind: string; payload: unknown } | null, cmd: Command, text: string): DialogOutcome {
  if (!pending) return { command: cmd, consumed: false };
  const payload = pending.payload as { command?: Command; taskIds?: string[] };
  if (pending.kind === 'choose_task' && payload.command && payload.taskIds) {
    if (cmd.kind !== 'choose') return { command: cmd, consumed: cmd.kind !== 'unknown' };
    const id = payload.taskIds[(cmd.index ?? 0) - 1];
    if (!id) return { invalidChoice: true, count: payload.taskIds.length };
    return { command: { ...payload.command, task: `${TASK_ID_REF}${id}` }, consumed: true };
  }
  if (pending.kind === 'extension_missing' && payload.command) {
    const prev = payload.command;
    const fresh = cmd.kind === 'request_extension' && cmd.task !== null;
    if (fresh) return { command: cmd, consumed: true };
    if (cmd.kind === 'cancel') return { command: { ...cmd }, consumed: true };
    const reason = prev.reason ?? cmd.reason ?? (prev.date || cmd.date ? stripDateWords(text) : stripConnective(text)) ?? null;
    return { command: { ...prev, date: prev.date ?? cmd.date, reason: reason || null }, consumed: true };
  }
  return { command: cmd, consumed: false };
}

const CONNECTIVE = /^(?:原因是|原因：|原因:|理由是|理由：|理由:|因为|由于|因)/;

function stripConnective(text: string): string | null {
  const rest = text.trim().replace(CONNECTIVE, '').replace(/[。！!，,；;\s]+$/, '').trim();
  return rest.length >= 2 ? rest : null;
}

function stripDateWords(text: string): string | null {
  return stripConnective(text.replace(/^(?:延期|延到|申请)?[^，,。；;]*?(?:\d{1,2}月\d{0,2}日?|月底|年底|季度末)[前]?[，,。；;\s]*/, ''));
}
