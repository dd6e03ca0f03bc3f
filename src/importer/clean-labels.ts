/**
 * Field labels written in other shapes than "责任单位：…", so that one grammar reads them all:
 * a label in lenticular brackets ("【牵头单位】县发改局【配合单位】县财政局", "【完成时限】6月底前"),
 * a unit label stated with 为 ("责任单位为县发改局、县财政局。") when what follows it up to
 * the stop is a list of unit names and nothing else, a unit label alone on its line without
 * its colon ("责任单位" / "县文广旅局") when the next line is such a list, and fields written as
 * numbered sub-items ("(二)责任单位:市甲局" under the item they belong to).
 */
import { isUnitName, splitTopLevel } from './split-units.ts';
import { columnKind } from './table-cells.ts';

/** Labels of a responsibility or time field, by their endings. */
const FIELD_WORD = '[\\u4e00-\\u9fff]{0,6}(?:单位|部门|科室|处室|股室|领导|责任人|时限|时间|期限|节点)';
const BRACKETED = new RegExp(`【\\s*(${FIELD_WORD})\\s*】\\s*[:：]?\\s*`, 'g');
const UNIT_WORD = '(?:牵头|配合|责任|主责|协办|参与|承办|实施|落实|协同)(?:单位|部门)';
const LABEL_LINE = new RegExp(`^[ \\t]*(${UNIT_WORD})[ \\t]*\\n[ \\t]*([^\\n:：]{2,120})$`, 'gm');
const STATED_WITH_WEI = new RegExp(`(^|[。；;(（\\n]\\s*)(${UNIT_WORD})为([^。；;()（）\\n]{2,120})(?=[。；;)）]|\\n|$)`, 'g');

/** A numbered line that is a field: "(二)责任单位:市甲局", "(四)项目内容及任务分解:". */
const NUMBERED_FIELD = /^(\s*)[(（][一二三四五六七八九十]{1,2}[)）]\s*(?=([\u4e00-\u9fff]{2,10})\s*[:：])/;
const FIELD_LABEL = new RegExp(`^${FIELD_WORD}$`);
/** A line that opens an outline item: "三、…", "(二)…". */
const OUTLINE_HEAD = /^\s*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,2}[)）])/;

/**
 * An item laid out as numbered fields — "(一)责任领导:…" "(二)责任单位:…" "(三)协办单位:…" "(六)完成时限:…"
 * under "三、实施甲工程" — is one task with those fields, not six: in a run of numbered "label:" lines
 * of which two or more name a responsibility or a time, the numbers go and the fields stay.
 */
function unnumberFields(text: string): string {
  const lines = text.split('\n');
  let run: number[] = [];
  let headed = false;
  const flush = () => {
    const fields = run.filter((i) => FIELD_LABEL.test(NUMBERED_FIELD.exec(lines[i]!)![2]!));
    // (before any heading, a page that starts inside an item: "(六)完成时限:2008年内" is the tail of an item the page lost)
    if (fields.length >= 2 || (!headed && fields.length >= 1)) {
      run.forEach((i, k) => {
        lines[i] = lines[i]!.replace(NUMBERED_FIELD, '$1');
        // a field whose value follows on its own lines ("(四)项目内容及任务分解:" / "1、新建…" / "2、…"):
        // those lines are its value, an enumeration inside the field, not items of the outline
        if (!/[:：]\s*$/.test(lines[i]!)) return;
        const end = run[k + 1] ?? lines.length;
        const value: string[] = [];
        for (let j = i + 1; j < end && !OUTLINE_HEAD.test(lines[j]!); j += 1) {
          if (lines[j]!.trim()) value.push(lines[j]!.trim());
          lines[j] = '';
        }
        lines[i] = `${lines[i]!.trimEnd()}${value.join(' ')}`;
      });
    }
    run = [];
  };
  lines.forEach((line, i) => {
    if (NUMBERED_FIELD.test(line)) run.push(i);
    // a numbered line that is no field, or a heading, ends the run; lines between fields continue one
    else if (OUTLINE_HEAD.test(line)) {
      flush();
      headed = true;
    }
  });
  flush();
  return lines.join('\n');
}

/** Rewrites 【label】 and "label为list" fields as "label：…", and numbered fields as fields; other text is returned as is. */
export function colonLabels(text0: string): string {
  const text = /[(（][一二三四五六七八九十]{1,2}[)）]\s*[\u4e00-\u9fff]{2,10}\s*[:：]/.test(text0) ? unnumberFields(text0) : text0;
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
