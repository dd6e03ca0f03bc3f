/**
 * Runs a parsed scenario in a world and checks every expectation against what the message
 * did (PostgreSQL, not wording). Returns the failures, each with its line in the file.
 */
import { pathKey } from '../../src/tasks/path-key.ts';
import { inNamedPlan } from '../../src/commands/resolve-task.ts';
import { actionLabel } from '../../src/render/labels.ts';
import type { Expect, Scenario } from './scenario.ts';
import { createWorld, type Said, type World } from './world.ts';

type TaskRow = { id: string; state: string; percent: number; dueDate: Date | null; pausedUntil: Date | null; planId: string; plan: { title: string; pausedUntil: Date | null } };

const STATE: Record<string, string> = { open: 'open', claimed: 'claimed_done', done: 'done', cancelled: 'cancelled' };
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

async function findTask(w: World, ref: string): Promise<TaskRow | null> {
  const m = /^[〔【［[《]([^〕】］\]》]+)[〕】］\]》](.+)$/.exec(ref);
  const key = pathKey(m ? m[2]! : ref);
  if (!key) throw new Error(`not a task reference: ${ref}`);
  const rows = await w.t.db.task.findMany({ where: { pathKey: key }, select: { id: true, state: true, percent: true, dueDate: true, pausedUntil: true, planId: true, plan: { select: { title: true, pausedUntil: true } } } });
  const chosen = m ? rows.filter((r) => inNamedPlan(r.plan.title, m[1]!)) : rows.filter((r) => r.planId === w.demoPlanId);
  return chosen[0] ?? null;
}

async function snapshot(w: World): Promise<string> {
  // a draft (an import or a 交办 awaiting 确认) holds no task anyone works on yet
  const rows = await w.t.db.task.findMany({ where: { plan: { status: { not: 'draft' } } }, select: { id: true, state: true, percent: true, dueDate: true, pausedUntil: true }, orderBy: { id: 'asc' } });
  return JSON.stringify(rows);
}

async function checkOne(w: World, e: Expect, said: Said, before: string): Promise<string | null> {
  switch (e.kind) {
    case 'evidence': {
      const t = await findTask(w, e.ref);
      if (!t) return `no task ${e.ref}`;
      const n = await w.t.db.evidence.count({ where: { taskId: t.id } });
      return n === e.count ? null : `${n} files attached to ${e.ref}, not ${e.count}`;
    }
    case 'link': {
      const t = await findTask(w, e.ref);
      if (!t) return `no task ${e.ref}`;
      const notice = said.notices.find((n) => n.place === `私信${e.person}`);
      const url = notice && /https?:\/\/\S+/.exec(notice.text)?.[0];
      if (!url) return `no private notice with a link to ${e.person}`;
      if (!w.open) return 'this world cannot open links';
      const logged = await w.t.db.evidenceDownload.count();
      const why = await w.open(url, t.id, e.count);
      if (why) return why;
      const after = await w.t.db.evidenceDownload.count();
      return after - logged === e.count ? null : `${after - logged} downloads logged, not ${e.count}`;
    }
    case 'outcome':
      return said.outcome === e.outcome ? null : `expected the reply to be "${e.outcome}", it was "${said.outcome}"`;
    case 'task': {
      const t = await findTask(w, e.ref);
      if (!t) return `no task ${e.ref}`;
      const wrong: string[] = [];
      if (e.state && t.state !== STATE[e.state]) wrong.push(`state ${t.state}, not ${STATE[e.state]}`);
      if (e.percent !== undefined && t.percent !== e.percent) wrong.push(`progress ${t.percent}%, not ${e.percent}%`);
      if (e.due && day(t.dueDate) !== e.due) wrong.push(`due ${day(t.dueDate)}, not ${e.due}`);
      // paused as the reminders see it: the task's own pause or its plan's, whichever lasts longer
      const until = [t.pausedUntil, t.plan.pausedUntil].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
      if (e.paused !== undefined && (until !== null && until > w.clock.now()) !== e.paused) wrong.push(e.paused ? 'not paused' : `paused until ${until?.toISOString()}`);
      return wrong.length ? `${e.ref}: ${wrong.join(', ')}` : null;
    }
    case 'told': {
      const got = [...said.told].sort().join('、') || 'nobody';
      const want = [...e.places].sort().join('、') || 'nobody';
      return got === want ? null : `told ${got}, expected ${want}`;
    }
    case 'says': {
      // a task is one fact however its number is written: 二（一） = 二.(一) = 2.1
      const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/[一二三四五六七八九十]+[.．、]?[（(][一二三四五六七八九十]+[)）](?:[.．]\d+)?/g, (p) => `〈${pathKey(p)}〉`);
      const text = e.place ? said.notices.filter((n) => n.place === e.place).map((n) => n.text).join('\n') : said.answer;
      if (e.place && !text) return `no notice to ${e.place}`;
      const bad = e.facts.filter((f) => squash(text).includes(squash(f)) === e.negated);
      const what = e.place ? `the notice to ${e.place}` : 'the answer';
      return bad.length ? `${what} ${e.negated ? 'says' : 'does not say'} ${bad.map((b) => `"${b}"`).join(', ')}` : null;
    }
    case 'history': {
      const t = await findTask(w, e.ref);
      if (!t) return `no task ${e.ref}`;
      const last = await w.t.db.auditLog.findFirst({ where: { taskId: t.id, action: { not: 'ack' } }, orderBy: { at: 'desc' } });
      if (!last) return `${e.ref} has no history`;
      const wrong: string[] = [];
      const label = actionLabel(last.action);
      // 直接销号 is a 销号; 撤销 is the undo
      // the words a writer uses for an action: 进度 (进度报送), 办结 (办结申请), 暂停 (暂停提醒), 同意延期 (延期批准), 不同意延期 (延期驳回)
      const said = e.action.replace(/^不同意(.+)$/, '$1驳回').replace(/^同意(.+)$/, '$1批准');
      const named = label === e.action || last.action === e.action || label.endsWith(e.action) || label.startsWith(said) || (e.action === '撤销' && last.action === 'undo');
      if (!named) wrong.push(`last action ${label} (${last.action}), not ${e.action}`);
      if (e.by && last.actorName !== e.by) wrong.push(`by ${last.actorName}, not ${e.by}`);
      const reason = (last.detail as { reason?: string | null } | null)?.reason ?? null;
      if (e.reason && !(reason ?? '').includes(e.reason)) wrong.push(`reason "${reason}", not "${e.reason}"`);
      return wrong.length ? `${e.ref} history: ${wrong.join(', ')}` : null;
    }
    case 'unchanged':
      return (await snapshot(w)) === before ? null : 'a task changed';
    case 'plan': {
      const plans = await w.t.db.plan.findMany({ select: { title: true, status: true } });
      const p = plans.find((x) => x.title.includes(e.title));
      return !p ? `no plan 《${e.title}》` : p.status === e.status ? null : `plan 《${e.title}》 is ${p.status}, not ${e.status}`;
    }
    case 'reminders': {
      const t = await findTask(w, e.ref);
      if (!t) return `no task ${e.ref}`;
      const n = await w.t.db.reminderItem.count({ where: { taskId: t.id, reminder: { state: 'queued', slot: { gte: w.clock.now() } } } });
      return (n > 0) === e.some ? null : `${e.ref} has ${n} queued reminders`;
    }
    case 'signed': {
      const t = await findTask(w, e.ref);
      if (!t) return `no task ${e.ref}`;
      const a = await w.t.db.assignment.findFirst({ where: { taskId: t.id, unit: { name: e.unit } } });
      if (!a) return `${e.unit} has no part in ${e.ref}`;
      return (a.signedAt !== null) === e.signed ? null : `${e.unit} has ${a.signedAt ? '' : 'not '}signed for ${e.ref}`;
    }
  }
}

function advance(w: World, at: string): void {
  const m = /^\+(\d+)\s*([dhm])$/.exec(at);
  if (m) w.clock.advance(Number(m[1]) * { d: 86400_000, h: 3600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm']);
  else w.clock.set(`${at.replace(' ', 'T')}:00+08:00`);
}

/** Runs the scenario; every failed expectation is one line "file:line: message said → why". */
export async function runScenario(sc: Scenario, make: (sc: Scenario) => Promise<World> = createWorld): Promise<string[]> {
  const w = await make(sc);
  const failures: string[] = [];
  try {
    for (const [i, step] of sc.steps.entries()) {
      if (step.kind === 'clock') { advance(w, step.at); continue; }
      const t = step.turn;
      const before = await snapshot(w);
      let said: Said;
      try {
        said = t.reminders ? await w.runReminders() : await w.say(t.who, t.group, t.text, t.quote, t.click);
      } catch (e) {
        // a step the world cannot play (a click on a card that is not there) stops the conversation:
        // every fact of this step and the ones after it is unmet, none counts as held
        const unchecked = sc.steps.slice(i).flatMap((s) => (s.kind === 'turn' ? s.turn.expects : []));
        failures.push(`${sc.file}:${t.line}: the conversation stopped: ${(e as Error).message}`);
        failures.push(...unchecked.slice(1).map((x) => `${sc.file}:${x.line}: not checked (the conversation stopped)`));
        break;
      }
      for (const e of t.expects) {
        const why = await checkOne(w, e, said, before);
        if (why) failures.push(`${sc.file}:${e.line}: ${t.who}「${[...t.text].length > 60 ? `${[...t.text].slice(0, 60).join('')}…` : t.text}」 → ${why}\n    answer: ${said.answer.replace(/\n/g, ' ⏎ ').slice(0, 400)}`);
      }
      w.clock.advance(60_000);
    }
  } finally {
    await w.close();
  }
  return failures;
}
