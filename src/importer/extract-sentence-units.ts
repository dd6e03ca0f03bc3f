/**
 * Responsibility said in a sentence of the item rather than in a bracket or a field: a closing
 * "由A会同B等部门负责落实。" or "以上工作由A负责，B配合。", an opening "(一)由A负责，B配合，…", a later "…。由A牵头，B配合，…",
 * and unit names in 【】 opening the item. Split from extract-units, which reads these only
 * when the item has no bracket or field marker.
 */
import { splitUnits } from './split-units.ts';
import { bareUnitList } from './extract-bare-units.ts';
import { namesWithRoles, type Marked } from './unit-roles.ts';

/**
 * The closing sentence of an item in a 分工 document: "…的问题，由A会同B、C等部门负责落实。"
 * names the item's units as a bracket does. Only a sentence that starts with 由 after a
 * clause break and ends the item with its role word counts; "由财政部门负责保障…" does not.
 */
export function closingByMarkers(text: string): Marked[] {
  // only the item's last sentence can close it
  const t = text.trim();
  const lastStop = Math.max(t.lastIndexOf('。', t.length - 2), t.lastIndexOf('；', t.length - 2), t.lastIndexOf(';', t.length - 2));
  const last = t.slice(lastStop + 1);
  if (!last.includes('由')) return [];
  // "以上工作由A负责，B配合。" closing the item (or the items of a section) it follows
  const above = /^\s*(?:以上|上述)(?:各项)?(?:工作|任务|事项|措施)?由([^。；;，,()（）]{2,200}?)(牵头负责|负责|牵头)(?:[，,]\s*([^。；;，,()（）]{2,200}?)(配合|协助|协办|参与))?[。；;]?\s*$/.exec(last);
  if (above) {
    const lists = [above[1]!, above[3]].filter((x): x is string => Boolean(x));
    if (!lists.every((l) => l.split(/会同|、|，|,/).filter(Boolean).every((p) => splitUnits(p).length === 1))) return [];
    return [...namesWithRoles(above[1]!, /牵头/.test(above[2]!) ? 'lead' : 'owner'), ...(above[3] ? namesWithRoles(above[3], 'assist') : [])];
  }
  const m = /(?:^|[。；;，,:：])\s*由([^。；;，,()（）]{2,200}?)(?:(牵头负责落实|负责落实|牵头负责|负责|牵头落实|牵头)|等(?:有关|相关)?(?:部门|单位)([\u4e00-\u9fff]{2,12}))[。；;]?\s*$/.exec(last);
  if (!m) return [];
  // every piece of the list must be a unit name: "由财政部门负责保障…资金" is a sentence, not a list
  const pieces = m[1]!.split(/会同|、|，|,/).filter(Boolean);
  if (!pieces.every((p) => splitUnits(p).length === 1)) return [];
  return namesWithRoles(m[1]!, m[2] && /牵头/.test(m[2]) ? 'lead' : 'owner');
}

/** 由A负责(承办, 主办)，B、C配合: 承办 and 主办 name who carries the work, as 负责 does — no lead role. */
const OPENING = /^\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?由([^。；;，,()（）]{2,120}?)(牵头负责|负责|牵头|承办|主办)[，,]\s*(?:([^。；;，,()（）]{2,200}?)(配合|协助|协办|参与)[，,。；;])?/;

/**
 * The opening clause of an item: "(一)由A负责，B、C配合，加快…" names the item's units as a
 * bracket does. Only a clause that starts the item with 由 and ends at its role word counts, and
 * every piece of each list must be a unit name ("由财政部门负责保障…资金" is a sentence).
 */
export function openingByMarkers(text: string): Marked[] {
  // the clause opens the item, or the line after a heading that stands alone ("一、治理甲污染" / "由A承办，B配合。")
  const lines = text.trim().split('\n');
  const afterHeading = lines.length > 1 && lines[0]!.trim().length <= 40 && !/[。；;]/.test(lines[0]!) ? lines.slice(1).join('\n') : null;
  const m = OPENING.exec(text) ?? (afterHeading !== null ? OPENING.exec(afterHeading) : null);
  if (!m) return [];
  const lists = [m[1]!, m[3]].filter((x): x is string => Boolean(x));
  if (!lists.every((l) => l.split(/会同|、|，|,/).filter(Boolean).every((p) => splitUnits(p).length === 1))) return [];
  return [...namesWithRoles(m[1]!, /牵头/.test(m[2]!) ? 'lead' : 'owner'), ...(m[3] ? namesWithRoles(m[3], 'assist') : [])];
}

/**
 * A sentence of the item, after its heading, that gives both roles: "…。由A牵头，B、C配合，…" marks
 * roles as plainly as a bracket does. A single "由A负责，…" later in an item may be the subject of a
 * sentence and is not read (labelling rules §4).
 */
export function pairedByMarkers(text: string): Marked[] {
  const m = /[。；;]\s*由([^。；;，,()（）]{2,120}?)(牵头负责|牵头)[，,]\s*([^。；;，,()（）]{2,200}?)(配合|协助|协办|参与)(?=[，,。；;]|$)/.exec(text);
  if (!m) return [];
  if (![m[1]!, m[3]!].every((l) => l.split(/会同|、|，|,/).filter(Boolean).every((p) => splitUnits(p).length === 1))) return [];
  return [...namesWithRoles(m[1]!, 'lead'), ...namesWithRoles(m[3]!, 'assist')];
}

/**
 * A line of its own that is nothing but units and their role: "市财政局牵头落实", "市金融办、人民银行
 * 潍坊市中心支行分别牵头落实" (a table's unit cell read as text). Every piece must be a unit name.
 */
export function lineByMarkers(text: string): Marked[] {
  const out: Marked[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*([^。；;:：()（）]{2,200}?)(分别牵头落实|分别牵头负责|牵头负责落实|牵头落实|牵头负责|负责落实|分别牵头|分别负责|牵头|负责)[。；;]?\s*$/.exec(line);
    if (!m || !m[1]!.split(/会同|、|，|,/).filter(Boolean).every((p) => splitUnits(p).length === 1)) continue;
    out.push(...namesWithRoles(m[1]!, /牵头/.test(m[2]!) ? 'lead' : 'owner'));
  }
  return out;
}

/** "【县发改局】推进…": units in lenticular brackets opening the item, nothing but unit names. */
export function leadingBracketUnits(text: string): Marked[] {
  const m = /^\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?【([^【】]{2,80})】/.exec(text);
  return m ? bareUnitList(m[1]!) : [];
}

