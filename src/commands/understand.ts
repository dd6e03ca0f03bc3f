/**
 * Text → Command: the parser's intent and slots, with the conversation's own commands
 * (leader decisions, admin settings, dialogue answers) taking precedence when present; a
 * message about several tasks gives one command per task.
 */
import { parse } from './parse/index.ts';
import { taskSegments } from './parse/task-segments.ts';
import type { Command } from './command.ts';
import type { Understand } from '../conversation/handle-message.ts';

/** One command, or one per task when the message is about several tasks (parse/task-segments.ts). */
export const understand: Understand = (text, ctx): Command | Command[] => {
  const parts = taskSegments(text);
  return parts ? parts.map((p) => understandOne(p, ctx)) : understandOne(text, ctx);
};

function understandOne(text: string, ctx: Parameters<Understand>[1]): Command {
  const r = parse(text, ctx);
  const base: Command = { kind: r.intent, ...r.slots };
  const c = r.command;
  if (!c) return base;
  switch (c.kind) {
    case 'decide_extension': return { ...base, kind: c.kind, approve: c.approve, task: c.task, date: c.date, reason: c.reason };
    case 'return_done': return { ...base, kind: c.kind, task: c.task, reason: c.reason };
    case 'bind_group': return { ...base, kind: c.kind, unit: c.unit, leaders: c.leaders };
    case 'set_role': return { ...base, kind: c.kind, person: c.person, role: c.role, unit: c.unit };
    case 'pause_reminders': return { ...base, kind: c.kind, task: c.task, unit: c.unit, date: c.date };
    case 'resume_reminders': return { ...base, kind: c.kind, task: c.task, unit: c.unit };
    case 'reminder_policy': return { ...base, kind: c.kind, task: c.task, policy: { action: c.action, plan: c.plan, set: c.set } };
    case 'bulletin': return { ...base, kind: c.kind, window: c.window };
    case 'choose': return { ...base, kind: c.kind, index: c.index };
    case 'export_ledger': return { ...base, kind: c.kind, unit: c.unit };
    case 'dashboard':
    case 'my_tasks':
    case 'confirm':
    case 'cancel': return { ...base, kind: c.kind };
  }
}
