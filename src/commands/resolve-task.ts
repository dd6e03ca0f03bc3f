/**
 * Turns a task reference into tasks visible to the speaker: by path in any notation, by
 * position (第3项 in the unit's list) or by title keywords. Never guesses: two matches
 * are returned as choices for the conversation to ask about.
 */
import type { Store } from '../store/index.ts';
import type { TaskListRow } from '../store/tasks.ts';
import { chineseToInt, pathKey, pathsIn } from '../tasks/path-key.ts';
import { seesEverything, type Speaker } from './speaker.ts';
import { shortPlanTitle } from '../tasks/plan-title.ts';
import { rankTitles } from './title-match.ts';

export type Resolved = { kind: 'one'; task: TaskListRow } | { kind: 'many'; tasks: TaskListRow[] } | { kind: 'none'; ref: string | null };

/** A reference to one task by id, used when the user picked from numbered choices. */
export const TASK_ID_REF = '#task:';

const FILLERS = /(?:那项|那个|那条|那块|这项|这个|这条|那一项|这一项|任务|工作|事项|的)$/;

export function scopeOf(s: Speaker): { unitId?: string } {
  return seesEverything(s) ? {} : { unitId: s.unitId ?? '__none__' };
}

/** A title this long written out in full names its task ("加强基层医疗卫生人才队伍建设申请延期…"). */
const MIN_TITLE = 6;
const squash = (s: string) => s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');

/** The visible task (finished ones included) whose whole title the message writes out; the longest title wins. */
async function byTitleIn(store: Store, scope: { unitId?: string }, text: string): Promise<TaskListRow[]> {
  const said = squash(text);
  if (said.length < MIN_TITLE) return [];
  const hits = await store.tasks.titledIn(said, scope, MIN_TITLE);
  const longest = Math.max(0, ...hits.map((t) => squash(t.title).length));
  return hits.filter((t) => squash(t.title).length === longest);
}

export interface ResolveOptions {
  /** the plan named with the reference (〔医改〕二（四）): its title or short title, or part of it */
  plan?: string | null;
  /** false: finished plans too (a pending request of a plan switched off can still be decided) */
  activeOnly?: boolean;
}

export async function resolveTask(store: Store, speaker: Speaker, ref: string | null, quote: string | null, text: string | null = null, opts: ResolveOptions = {}): Promise<Resolved> {
  const found = await resolveInScope(store, speaker, ref, quote, text, opts);
  if (!opts.plan || found.kind === 'none') return found;
  const inPlan = (found.kind === 'one' ? [found.task] : found.tasks).filter((t) => inNamedPlan(t.plan.title, opts.plan!));
  return pick(inPlan, ref ?? opts.plan);
}

/** A plan named by (part of) its title or its short title, as lists print it (〔深化医药卫生体制改革〕). */
export function inNamedPlan(title: string, named: string): boolean {
  const n = named.replace(/…$/, '');
  return title.includes(n) || shortPlanTitle(title).replace(/…$/, '').includes(n) || n.includes(shortPlanTitle(title).replace(/…$/, ''));
}

async function resolveInScope(store: Store, speaker: Speaker, ref: string | null, quote: string | null, text: string | null, opts: ResolveOptions): Promise<Resolved> {
  const scope = { ...scopeOf(speaker), ...(opts.activeOnly === false ? { activeOnly: false } : {}) };
  if (!ref && quote) {
    // a reminder names each task once as listed and again in its example (「1.2 进度70%」), in
    // another notation: the same task either way. Several tasks: ask among those only.
    const keys = [...new Set(pathsIn(quote).map((p) => pathKey(p)).filter((k) => k !== null))];
    if (keys.length === 1) ref = keys[0]!;
    else if (keys.length > 1) {
      const listed = (await Promise.all(keys.map((k) => store.tasks.byPathKey(k, scope)))).flat();
      const unique = [...new Map(listed.map((t) => [t.id, t])).values()];
      if (unique.length) return pick(unique, keys.join('、'));
    }
  }
  if (!ref && text) {
    const named = await byTitleIn(store, scope, text);
    if (named.length) return pick(named, text);
  }
  if (!ref) return { kind: 'none', ref: null };
  if (ref.startsWith(TASK_ID_REF)) {
    const t = await store.tasks.byId(ref.slice(TASK_ID_REF.length));
    const visible = t && (!scope.unitId || t.assignments.some((a) => a.unit.id === scope.unitId));
    return visible ? { kind: 'one', task: t } : { kind: 'none', ref };
  }
  const ordinal = /^第\s*([0-9一二三四五六七八九十百]+)\s*[项个条]$/.exec(ref.normalize('NFKC'));
  if (ordinal) {
    const n = chineseToInt(ordinal[1]!);
    const byPath = await store.tasks.byPathKey(String(n), scope);
    if (byPath.length === 1 && !speaker.unitId) return { kind: 'one', task: byPath[0]! };
    // 第4项 is the 4th line of 我的任务 (open tasks, as listed) or the unit's item numbered (四)
    // in the plan; when the two differ, ask
    const all = await store.tasks.list(scope, { take: 500 });
    const byPosition = n ? all.filter((t) => t.state === 'open' || t.state === 'claimed_done')[n - 1] : undefined;
    const byNumber = all.filter((t) => t.pathKey.split('.').at(-1) === String(n));
    const candidates = [...new Map([...(byPosition ? [byPosition] : []), ...byNumber].map((t) => [t.id, t])).values()].sort((a, b) => all.indexOf(a) - all.indexOf(b));
    return candidates.length ? pick(candidates, ref) : { kind: 'none', ref };
  }
  const key = pathKey(ref);
  if (key) return pick(await store.tasks.byPathKey(key, scope), ref);
  const word = ref.replace(FILLERS, '').trim();
  if (word.length < 2) return { kind: 'none', ref };
  const found = await store.tasks.byKeywords([word], scope);
  return found.length === 1 ? pick(found, ref) : byOwnWords(store, scope, word, ref, found);
}

/**
 * A title in the speaker's own words (医保支付改革, 人材队伍建设, 急救能力建设): the visible tasks
 * ranked by title-match.ts — among those containing the words when several do — acting on a
 * clear winner and asking among the close ones.
 */
async function byOwnWords(store: Store, scope: { unitId?: string }, word: string, ref: string, found: TaskListRow[]): Promise<Resolved> {
  const pool: { id: string; title: string; text?: string | null }[] = found.length ? found : await store.tasks.titles(scope);
  const ranking = rankTitles(word, pool);
  if (ranking.kind === 'nothing') return pick(found, ref);
  const ids = ranking.kind === 'winner' ? [ranking.best.item.id] : ranking.close.map((s) => s.item.id);
  const tasks = (await Promise.all(ids.map((id) => store.tasks.byId(id)))).filter((t) => t !== null);
  return pick(tasks, ref);
}

function pick(tasks: TaskListRow[], ref: string): Resolved {
  if (tasks.length === 1) return { kind: 'one', task: tasks[0]! };
  if (tasks.length === 0) return { kind: 'none', ref };
  return { kind: 'many', tasks };
}
