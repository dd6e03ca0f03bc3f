/**
 * One message about several tasks, split into one message per task, so each is understood
 * and acted on by itself instead of only the first task counting:
 *   "2.3已完成，2.4进度50%"          → "2.3已完成" | "2.4进度50%"
 *   "2.3、2.4 都已办结"              → "2.3 都已办结" | "2.4 都已办结"
 *   "2.3和2.4现在什么情况"           → "2.3现在什么情况" | "2.4现在什么情况"
 * Only task paths count (keywords are too loose to cut on), and only where every path after
 * the first starts a clause (after ，；。 or a line break) or all paths stand together in a
 * list; otherwise the message stays whole ("2.3进度70%，比2.1快" is about 2.3). Only the reply
 * counts, not a quoted reminder (a reminder listing five tasks answered with "收到" is one ack).
 */
import { splitMessage } from './message.ts';
import { rawSlice } from './normalise.ts';
import { findTaskRefs } from './task-ref.ts';

const LIST_JOINER = /^\s*(?:、|,|，|和|及|与|以及|跟|\/)\s*$/;
const CLAUSE_END = /[,，;；。.!！\n]\s*$/;
const MAX_TASKS = 10;

export function taskSegments(text: string): string[] | null {
  const msg = splitMessage(text);
  const n = msg.body;
  // 第3项 alone may count anything; 第二部分第四项 names a task as plainly as 二（四）
  const refs = findTaskRefs(n).filter((r) => !r.text.startsWith('第') || /部分|大项|章|节/.test(r.text));
  if (refs.length < 2 || refs.length > MAX_TASKS) return null;
  const s = n.s;
  const keys = new Set(refs.map((r) => r.text.replace(/\s+/g, '')));
  if (keys.size !== refs.length) return null;

  const between = refs.slice(1).map((r, i) => s.slice(refs[i]!.end, r.start));
  if (between.every((b) => LIST_JOINER.test(b))) {
    const rest = rawSlice(n, refs.at(-1)!.end, s.length).replace(/^\s*(?:都|均|全部|皆)?/, (m) => (m.trim() ? ' ' : m));
    return refs.map((r) => `${r.text}${rest}`.trim());
  }
  if (refs.slice(1).every((r) => CLAUSE_END.test(s.slice(0, r.start)))) {
    return refs.map((r, i) => rawSlice(n, r.start, refs[i + 1]?.start ?? s.length).replace(/[\s,，;；。.]+$/u, '').trim());
  }
  return null;
}
