/**
 * Field labels written in other shapes than "责任单位：…", so that one grammar reads them all:
 * a label in lenticular brackets ("【牵头单位】县发改局【配合单位】县财政局", "【完成时限】6月底前"),
 * a unit label stated with 为 ("责任单位为县发改局、县财政局。") when what follows it up to
 * the stop is a list of unit names and nothing else, and a unit label alone on its line without
 * its colon ("责任单位" / "县文广旅局") when the next line is such a list.
 */
import { isUnitName, splitTopLevel } from './split-units.ts';
import { columnKind } from './table-cells.ts';

/** Labels of a responsibility or time field, by their endings. */
const FIELD_WORD = '[\\u4e00-\\u9fff]{0,6}(?:单位|部门|科室|处室|股室|领导|责任人|时限|时间|期限|节点)';
const BRACKETED = new RegExp(`【\\s*(${FIELD_WORD})\\s*】\\s*[:：]?\\s*`, 'g');
const UNIT_WORD = '(?:牵头|配合|责任|主责|协办|参与|承办|实施|落实|协同)(?:单位|部门)';
const LABEL_LINE = new RegExp(`^[ \\t]*(${UNIT_WORD})[ \\t]*\\n[ \\t]*([^\\n:：]{2,120})$`, 'gm');
const STATED_WITH_WEI = new RegExp(`(^|[。；;(（\\n]\\s*)(${UNIT_WORD})为([^。；;()（）\\n]{2,120})(?=[。；;)）]|\\n|$)`, 'g');

/** Rewrites 【label】 and "label为list" fields as "label：…"; other text is returned as is. */
export function colonLabels(text: string): string {
  let out = text.includes('【') ? text.replace(BRACKETED, (_all, label: string) => `${label}：`) : text;
  if (/(?:单位|部门)\s*\n/.test(out)) {
    out = out.replace(LABEL_LINE, (all, label: string, list: string) => {
      // not a table's header cells one a line ("牵头单位" / "责任单位")
      const pieces = splitTopLevel(list, /[、，,]/).map((p) => p.trim());
      return pieces.length && pieces.every((p) => isUnitName(p) && !columnKind(p)) ? `${label}：${list}` : all;
    });
  }
  if (/(?:单位|部门)为/.test(out)) {
    out = out.replace(STATED_WITH_WEI, (all, before: string, label: string, list: string) => {
      const pieces = splitTopLevel(list, /[、，,]/).map((p) => p.trim().replace(/等$/, ''));
      return pieces.length && pieces.every(isUnitName) ? `${before}${label}：${list}` : all;
    });
  }
  return out;
}
