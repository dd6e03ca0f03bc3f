/**
 * The grammar of an admin's corrections to a plan's tasks, before or after activation:
 *
 *   correction := [LEAD_IN] [REF] [的] clause (SEP clause)*   — no REF: the draft's only task
 *   LEAD_IN    := 改一下 | 修改一下 | 调整一下 | 更正一下 …
 *   clause     := FIELD (VERB | ：| space) VALUE        — the first clause needs a VERB
 *               | VALUE ROLE                            — after a separator: 人社局配合, 财政局牵头
 *   FIELD      := 牵头单位 | 配合单位 | 责任单位 | 完成时限 | 标题 …  (words, by field)
 *   VERB       := 改为 | 调整为 | 变更为 | 更正为 | 修改为 | 改成 …
 *   removal    := (删除 | 删去 | 去掉 | 移除) REF  ·  (恢复 | 还原) REF
 *   page       := 下一页 | 上一页 | 第N页
 *
 * "3.2 牵头单位改为市场监管局，配合单位 区财政局" is two clauses: a clause starts only where a
 * field word follows a separator, so a value may itself hold 、 or ，(区财政局、区委编办). What
 * the values mean (which units, which day) is read later, against the unit directory and the
 * plan's year (commands/correction-values.ts); here they are text.
 */
import { pathKey } from '../../tasks/path-key.ts';

export type CorrectionField = 'lead' | 'assist' | 'units' | 'due' | 'title';

export interface FieldEdit { field: CorrectionField; value: string }

export type Correction =
  | { kind: 'edit'; task: string | null; edits: FieldEdit[] }
  | { kind: 'remove'; task: string; restore: boolean }
  | { kind: 'page'; step: number; page?: number };

/** Field words, longest first within each field; the alternation is built longest-first overall. */
const FIELD_WORDS: Record<CorrectionField, string[]> = {
  lead: ['牵头责任单位', '牵头单位', '牵头部门', '主责单位', '牵头'],
  assist: ['配合单位', '配合部门', '协办单位', '协助单位', '参与单位', '协同单位', '配合'],
  units: ['责任单位', '责任部门', '承办单位', '负责单位', '办理单位', '落实单位', '主办单位'],
  due: ['完成时限', '完成时间', '完成期限', '完成日期', '办结时限', '办结时间', '截止时间', '截止日期', '截止期限', '时间节点', '时限', '期限'],
  title: ['任务名称', '任务标题', '标题', '名称', '题目'],
};
const FIELD_OF = new Map(Object.entries(FIELD_WORDS).flatMap(([f, ws]) => ws.map((w) => [w, f as CorrectionField])));
const FIELD = [...FIELD_OF.keys()].sort((a, b) => b.length - a.length).join('|');
const VERB = '(?:改为|改成|改作|调整为|调整成|变更为|变更成|更正为|更改为|修改为|修正为|更新为|换成|换为|定为|应为)';
/** A task reference: 3.2, 三（二）, 二.(三).1, 第3项. */
const REF = '(?:[一二三四五六七八九十]+[、.．]?[（(][一二三四五六七八九十]+[)）](?:[.．]?\\d+)?|\\d{1,3}(?:[.．]\\d{1,3}){0,3})';

const LEAD_IN = '(?:(?:再)?(?:改|修改|调整|更正|修正|变更)一下|(?:改|更正|修改)\\s*[:：])\\s*[，,：:]?\\s*';
const EDIT_RE = new RegExp(`^(?:${LEAD_IN})?(?:请|麻烦)?(?:把|将)?\\s*(?:(?:第)?(${REF})\\s*(?:项|条)?(?:任务)?\\s*(?:的)?)?\\s*((?:${FIELD})[\\s\\S]*)$`);
/** A later clause written as the unit and its role (，人社局配合): the field word after the value. */
const ROLE_AFTER = /([，,；;]\s*)([\u4e00-\u9fff、]{2,24}?)(配合|协助|协办|牵头|负责)(?=$|[，,；;。])/g;
const FIELD_OF_ROLE: Record<string, string> = { 配合: '配合单位', 协助: '配合单位', 协办: '配合单位', 牵头: '牵头单位', 负责: '责任单位' };
const CLAUSE_START = new RegExp(`(?:^|[，,；;。\\n]\\s*)(?:并且?|另外|同时|且)?\\s*(${FIELD})(\\s*${VERB}|\\s*[:：]|\\s+)?`, 'g');
const REMOVE_RE = new RegExp(`^(?:请|麻烦)?(?:把|将)?\\s*(删除|删去|删掉|去掉|移除|去除|恢复|还原|撤销删除|取消删除)\\s*(?:第)?(${REF})\\s*(?:项|条)?(?:任务)?\\s*(?:删除|删去|删掉|去掉)?[。.！!]?$`);
const REMOVE_AFTER_RE = new RegExp(`^(?:请|麻烦)?(?:把|将)\\s*(?:第)?(${REF})\\s*(?:项|条)?(?:任务)?\\s*(删除|删去|删掉|去掉|移除|恢复|还原)(?:掉)?[。.！!]?$`);
const PAGE_RE = /^(?:请)?(?:(下一页|下页|后一页|往后翻|再往后|上一页|上页|前一页|往前翻)|第\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*页)[。.！!]?$/;

/** A correction, a removal or a page turn written in `text`, or null when the text is none of these. */
export function readCorrection(text0: string): Correction | null {
  const text = text0.normalize('NFKC').trim().replace(/[。.！!]+$/, '');
  const p = PAGE_RE.exec(text);
  if (p) {
    if (p[2]) return { kind: 'page', step: 0, page: Number(pathKey(p[2]) ?? 1) };
    return { kind: 'page', step: /下|后/.test(p[1]!) ? 1 : -1 };
  }
  const r = REMOVE_RE.exec(text);
  if (r) return { kind: 'remove', task: r[2]!, restore: /恢复|还原|撤销|取消/.test(r[1]!) };
  const ra = REMOVE_AFTER_RE.exec(text);
  if (ra) return { kind: 'remove', task: ra[1]!, restore: /恢复|还原/.test(ra[2]!) };
  const m = EDIT_RE.exec(text);
  if (!m) return null;
  const edits = clauses(m[2]!.replace(ROLE_AFTER, (_, sep: string, value: string, role: string) => `${sep}${FIELD_OF_ROLE[role]} ${value}`));
  return edits ? { kind: 'edit', task: m[1] ?? null, edits } : null;
}

/** The clauses of the text after the reference; null unless the first names a field with a verb. */
function clauses(s: string): FieldEdit[] | null {
  const starts = [...s.matchAll(CLAUSE_START)];
  if (!starts.length || starts[0]!.index !== 0 || !starts[0]![2] || !new RegExp(`^${VERB}$`).test(starts[0]![2].trim())) return null;
  // a field word inside a value without a separator or a verb after it is part of the value
  const heads = starts.filter((h, i) => i === 0 || h[2]);
  const edits: FieldEdit[] = [];
  heads.forEach((h, i) => {
    const from = h.index! + h[0].length;
    const to = i + 1 < heads.length ? heads[i + 1]!.index! : s.length;
    const value = s.slice(from, to).trim().replace(/^[:：]\s*/, '').replace(/[，,；;。\s]+$/, '');
    if (value) edits.push({ field: FIELD_OF.get(h[1]!)!, value });
  });
  return edits.length ? edits : null;
}
