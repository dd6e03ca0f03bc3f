/**
 * Scenario files (test/scenarios/*.chat): a conversation on the demo plan, read like a chat
 * log, each message followed by what must then be true — the kind of reply, which task changed
 * and how, who was told, what the history says — never the exact wording.
 *
 *   # 标题（first line）
 *   @ 2026-12-07 10:00                         the clock (default); later "@ +1d", "@ +2h"
 *   plan: second                               also import and activate test/scenarios/plans/second.txt
 *   groups: 医疗保障分局、区财政局                bind console groups for these units
 *   policy 二（一）: {"evidenceRequired": true}    the task's policy overrides (销号需佐证材料), set before the talk
 *
 *   领导: 同意销号                                a private chat
 *   张三@区卫生健康局 [区卫生健康局群]: 二（一）已办结   in a group ([领导群] for the leaders')
 *   领导 [领导群] ↩: 同意                          ↩ quotes the bot's last message in that chat
 *   领导 [领导群] ⊡ 销号                           ⊡ clicks the button 销号 on the bot's last card in that chat
 *                                               that shows it (once decided, a card shows none: a second
 *                                               ⊡ 销号 clicks the old card again, as a double click does);
 *                                               a click's answer is the card it updated, or the words it said;
 *   领导 [领导群] ⊡ 同意 二（三）                   the same, on the last card whose title names that task
 *   管理员: <<review                              the message is the whole text of test/scenarios/plans/review.txt (a pasted plan)
 *     → nothing                                 done | asked | refused | nothing | not_understood | answered
 *     = 二（一） open 0%                          state (open|claimed|done|cancelled) [N%] [due YYYY-MM-DD] [paused|not paused]
 *     = 〔第二方案〕二（四） claimed
 *     told: 区卫生健康局、领导群 | told: nobody     where the turn's notices went
 *     says: 待销号 / 2027年                       facts the answer must contain (dates, paths, reasons)
 *     not says: 已销号
 *     notice 领导群 says: 区财政局                 what a notice of this turn to that place says (with any
 *                                               reminder the turn set off at once, e.g. a 任务通知)
 *     history 二（一）: 退回 by 领导 reason 材料不全   the task's latest recorded action
 *     unchanged                                 no task changed state, progress, deadline or pause
 *     plan 《医改》: archived                      a plan's status
 *     reminders 二（二）: none | some              queued reminders for the task
 *     evidence 二（一）: 2                          佐证材料 attached to the task (count)
 *     link 领导 二（一）: 2                         the turn's private notice to 领导 carries a link that
 *                                               opens the task's page with that many files, each downloadable
 *     signed 一（一） 区行政审批局: yes | no      whether that unit has signed for (签收) the task
 *
 *   ⏰ 提醒                                     the reminders due by the clock are sent (reconcile from
 *     told: 区市场监管局、区发展改革局             the start of today, then every queued reminder whose slot
 *     notice 区市场监管局 says: 催报                has come); told / notice … says / not says check what went
 *                                              where (says without a place: all of them together)
 *
 *   张三@区卫生健康局: [file test/fixtures/evidence/现场照片1.png] 2.3 佐证材料
 *                                               sends a file (path from the repository root), with the
 *                                               words after ] sent along with it (a caption; may be empty);
 *                                               [file 21MB 扫描件.pdf] sends a made-up PDF of that size;
 *                                               with ↩ the file answers (quotes) the bot's last message there
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PLANS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'plans');

export type Outcome = 'done' | 'asked' | 'refused' | 'nothing' | 'not_understood' | 'answered';

export type Expect =
  | { line: number; kind: 'outcome'; outcome: Outcome }
  | { line: number; kind: 'task'; ref: string; state?: 'open' | 'claimed' | 'done' | 'cancelled'; percent?: number; due?: string; paused?: boolean }
  | { line: number; kind: 'told'; places: string[] }
  | { line: number; kind: 'says'; facts: string[]; negated: boolean; place?: string }
  | { line: number; kind: 'history'; ref: string; action: string; by?: string; reason?: string }
  | { line: number; kind: 'unchanged' }
  | { line: number; kind: 'plan'; title: string; status: 'active' | 'archived' | 'draft' }
  | { line: number; kind: 'reminders'; ref: string; some: boolean }
  | { line: number; kind: 'signed'; ref: string; unit: string; signed: boolean }
  | { line: number; kind: 'evidence'; ref: string; count: number }
  | { line: number; kind: 'link'; person: string; ref: string; count: number };

export interface Turn {
  line: number;
  who: string;
  /** null: private chat; else the group's name (领导群 or a unit) */
  group: string | null;
  quote: boolean;
  /** ⊡: `text` is the label of a button on the bot's last card in that chat, clicked */
  click?: boolean;
  text: string;
  expects: Expect[];
  /** ⏰: not a message; the reminders due by the clock are sent */
  reminders?: boolean;
}

export type Step = { kind: 'clock'; at: string; line: number } | { kind: 'turn'; turn: Turn };

export interface Scenario {
  file: string;
  title: string;
  start: string;
  plans: string[];
  groups: string[];
  /** task policy overrides set before the conversation (demo plan tasks) */
  policies?: { ref: string; json: Record<string, unknown> }[];
  steps: Step[];
}

const OUTCOMES = new Set(['done', 'asked', 'refused', 'nothing', 'not_understood', 'answered']);
const STATES: Record<string, 'open' | 'claimed' | 'done' | 'cancelled'> = { open: 'open', claimed: 'claimed', done: 'done', cancelled: 'cancelled', 办理中: 'open', 待销号: 'claimed', 已销号: 'done' };

export const DEFAULT_START = '2026-12-07T10:00:00+08:00';

function fail(file: string, line: number, why: string): never {
  throw new Error(`${file}:${line}: ${why}`);
}

function parseExpect(file: string, line: number, s: string): Expect {
  let m: RegExpExecArray | null;
  if ((m = /^→\s*(\S+)$/.exec(s))) {
    if (!OUTCOMES.has(m[1]!)) fail(file, line, `unknown outcome ${m[1]}`);
    return { line, kind: 'outcome', outcome: m[1] as Outcome };
  }
  if ((m = /^=\s*(\S+)\s+(.+)$/.exec(s))) {
    const e: Extract<Expect, { kind: 'task' }> = { line, kind: 'task', ref: m[1]! };
    const words = m[2]!.split(/\s+/);
    for (let i = 0; i < words.length; i += 1) {
      const w = words[i]!;
      if (STATES[w]) e.state = STATES[w];
      else if (/^\d+%$/.test(w)) e.percent = Number(w.slice(0, -1));
      else if (w === 'due') e.due = words[(i += 1)];
      else if (w === 'paused') e.paused = true;
      else if (w === 'not' && words[i + 1] === 'paused') { e.paused = false; i += 1; }
      else fail(file, line, `unknown task fact "${w}"`);
    }
    return e;
  }
  if ((m = /^told:\s*(.+)$/.exec(s))) return { line, kind: 'told', places: m[1]!.trim() === 'nobody' ? [] : m[1]!.split(/[、,，]\s*/).map((x) => x.trim()) };
  if ((m = /^(?:notice\s+(\S+)\s+)?(not says|says):\s*(.+)$/.exec(s))) return { line, kind: 'says', place: m[1], negated: m[2] === 'not says', facts: m[3]!.split(/\s+\/\s+/).map((x) => x.trim()) };
  if ((m = /^history\s+(\S+):\s*(\S+)(?:\s+by\s+(\S+))?(?:\s+reason\s+(.+))?$/.exec(s))) return { line, kind: 'history', ref: m[1]!, action: m[2]!, by: m[3], reason: m[4]?.trim() };
  if (s === 'unchanged') return { line, kind: 'unchanged' };
  if ((m = /^plan\s+《(.+)》:\s*(active|archived|draft)$/.exec(s))) return { line, kind: 'plan', title: m[1]!, status: m[2] as 'active' };
  if ((m = /^reminders\s+(\S+):\s*(none|some)$/.exec(s))) return { line, kind: 'reminders', ref: m[1]!, some: m[2] === 'some' };
  if ((m = /^signed\s+(\S+)\s+(\S+):\s*(yes|no)$/.exec(s))) return { line, kind: 'signed', ref: m[1]!, unit: m[2]!, signed: m[3] === 'yes' };
  if ((m = /^evidence\s+(\S+):\s*(\d+)$/.exec(s))) return { line, kind: 'evidence', ref: m[1]!, count: Number(m[2]) };
  if ((m = /^link\s+(\S+)\s+(\S+):\s*(\d+)$/.exec(s))) return { line, kind: 'link', person: m[1]!, ref: m[2]!, count: Number(m[3]) };
  fail(file, line, `cannot read expectation "${s}"`);
}

export function parseScenario(file: string, text = readFileSync(file, 'utf8')): Scenario {
  const lines = text.split(/\r?\n/);
  const sc: Scenario = { file, title: '', start: DEFAULT_START, plans: [], groups: [], steps: [] };
  let turn: Turn | null = null;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const s = raw.trim();
    if (!s) return;
    if (s.startsWith('#')) { if (!sc.title) sc.title = s.replace(/^#+\s*/, ''); return; }
    if (/^\s/.test(raw) && turn) { turn.expects.push(parseExpect(file, line, s)); return; }
    let m: RegExpExecArray | null;
    if ((m = /^@\s*(.+)$/.exec(s))) {
      const at = m[1]!.trim();
      if (!sc.steps.length && /^\d{4}-/.test(at)) sc.start = `${at.replace(' ', 'T')}:00+08:00`.replace(/:00:00\+08:00$/, ':00+08:00');
      else sc.steps.push({ kind: 'clock', at, line });
      return;
    }
    if ((m = /^⏰\s*(.*)$/.exec(s))) {
      turn = { line, who: '⏰', group: null, quote: false, text: m[1]!.trim() || '提醒', expects: [], reminders: true };
      sc.steps.push({ kind: 'turn', turn });
      return;
    }
    if ((m = /^plan:\s*(.+)$/.exec(s))) { sc.plans.push(m[1]!.trim()); return; }
    if ((m = /^policy\s+(\S+):\s*(\{.*\})$/.exec(s)) && !sc.steps.length) { (sc.policies ??= []).push({ ref: m[1]!, json: JSON.parse(m[2]!) as Record<string, unknown> }); return; }
    if ((m = /^groups:\s*(.+)$/.exec(s))) { sc.groups.push(...m[1]!.split(/[、,，]\s*/).map((x) => x.trim())); return; }
    if ((m = /^(\S+?)\s*(?:\[([^\]]+)\])?\s*⊡\s*[:：]?\s*(\S.*)$/.exec(s))) {
      const group = m[2] ? m[2].replace(/群$/, '') || m[2] : null;
      turn = { line, who: m[1]!, group: group === '领导' ? '领导群' : group, quote: false, click: true, text: m[3]!.trim(), expects: [] };
      sc.steps.push({ kind: 'turn', turn });
      return;
    }
    if ((m = /^(\S+?)\s*(?:\[([^\]]+)\])?\s*(↩)?\s*[:：]\s?(.*)$/.exec(s))) {
      const group = m[2] ? m[2].replace(/群$/, '') || m[2] : null;
      const pasted = /^<<\s*([\w-]+)$/.exec(m[4]!.trim());
      const said = pasted ? readFileSync(path.join(PLANS, `${pasted[1]}.txt`), 'utf8') : m[4]!;
      turn = { line, who: m[1]!, group: group === '领导' ? '领导群' : group, quote: Boolean(m[3]), text: said, expects: [] };
      sc.steps.push({ kind: 'turn', turn });
      return;
    }
    fail(file, line, `cannot read "${s}"`);
  });
  if (!sc.title) fail(file, 1, 'a scenario starts with "# title"');
  const turns = sc.steps.filter((s) => s.kind === 'turn');
  if (!turns.length) fail(file, 1, 'no messages');
  for (const t of turns) if (t.kind === 'turn' && !t.turn.expects.length) fail(file, t.turn.line, 'a message without expectations');
  return sc;
}
