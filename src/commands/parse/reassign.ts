/**
 * 改派 — moving a task, or one unit's part of it, to another unit:
 *   "2.3 改由区民政局牵头", "二（三）改派给民政局", "把二（三）交给民政局办", "将2.3转交民政局办理",
 *   "2.3 卫健局的部分改由民政局负责", "2.3 由卫健局改为民政局".
 * Pure: the task as written, the units named (canonical when the directory knows them, else as
 * written, so the answer can say which it does not know), and the role the new unit takes.
 */
import { normalise } from './normalise.ts';
import { findUnits, type UnitEntry } from './unit.ts';

export interface Reassignment {
  /** the task reference as written */
  task: string;
  /** the unit whose part moves (null: the whole task moves to the new units) */
  from: string | null;
  to: string[];
  /** names in the new unit's place the directory does not know */
  unknown: string[];
  role: 'lead' | 'assist' | 'owner';
}

const TASK = '([一二三四五六七八九十]+[.．、]?[（(][一二三四五六七八九十]+[)）](?:[.．]\\d+)?|\\d{1,3}(?:[.．]\\d{1,3}){0,3}|第\\d{1,3}项)';
const NAME = '([\\u4e00-\\u9fff、]{2,30}?)';
const ROLE_END = '(牵头|负责|配合|协助|承办|办理|办|处理|落实)?(?:办理|落实|处理)?[。.!！]?$';
const FORMS: RegExp[] = [
  // 2.3 改由X牵头 / 2.3 改派给X / 2.3 调整为由X负责
  new RegExp(`^${TASK}\\s*(?:的)?(?:任务|事项)?\\s*(?:改由|改派给?|改派至|改交|转由|调整为由|调整由|换成|改为由)${NAME}${ROLE_END}`),
  // 把2.3交给X办 / 将二（三）转交X办理 / 把2.3改由X牵头
  new RegExp(`^(?:把|将)${TASK}\\s*(?:的)?(?:任务|事项)?\\s*(?:改)?(?:交给|交由|改由|转给|转交|转由|改派给?|调整给)${NAME}${ROLE_END}`),
];
/** 2.3 卫健局的部分改由民政局负责 / 2.3 由卫健局改为民政局: one unit's part moves. */
const PART = new RegExp(`^${TASK}\\s*(?:由)?${NAME}(?:的部分|承担的部分|那部分|的工作)?\\s*(?:改由|改为|换成|改派给?|调整为)${NAME}${ROLE_END}`);

const ROLE: Record<string, Reassignment['role']> = { 牵头: 'lead', 配合: 'assist', 协助: 'assist' };

export function readReassign(text: string, units: UnitEntry[]): Reassignment | null {
  const s = normalise(text).s.replace(/\s+/g, ' ').trim().replace(/^@\S+\s*/, '');
  const part = PART.exec(s);
  if (part) {
    const from = namesIn(part[2]!, units);
    const to = namesIn(part[3]!, units);
    if (from.known.length === 1 && (to.known.length || to.unknown.length)) return { task: part[1]!, from: from.known[0]!, to: to.known, unknown: to.unknown, role: ROLE[part[4] ?? ''] ?? 'owner' };
  }
  for (const re of FORMS) {
    const m = re.exec(s);
    if (!m) continue;
    const to = namesIn(m[2]!, units);
    if (!to.known.length && !to.unknown.length) continue;
    return { task: m[1]!, from: null, to: to.known, unknown: to.unknown, role: ROLE[m[3] ?? ''] ?? 'owner' };
  }
  return null;
}

/** Units named in a list (民政局、区残联): those the directory knows, and the rest as written. */
function namesIn(list: string, units: UnitEntry[]): { known: string[]; unknown: string[] } {
  const known: string[] = [];
  const unknown: string[] = [];
  for (const piece of list.split(/、|和|及/).map((p) => p.trim()).filter(Boolean)) {
    const hit = findUnits(piece, units)[0];
    if (hit && hit.end - hit.start >= piece.length - 1) { if (!known.includes(hit.name)) known.push(hit.name); }
    else if (/(?:局|委|办|院|中心|政府|街道|镇|公司|集团|队|站|所|部|处|会)$/.test(piece)) unknown.push(piece);
  }
  return { known, unknown };
}
