/**
 * What a table's words are: a header cell's column (序号, 工作任务, 牵头单位, 完成时限, 分管领导,
 * 进展情况 …) and a body cell's content (a time, a person, a list of units). Shared by the
 * readers of tables laid out in text (read-text-tables, extract-flat-tables) and by
 * extract-table-tasks.
 */
import { isUnitName, splitUnits } from './split-units.ts';
import { ASSIST_WORD } from './unit-roles.ts';

export type ColKind = 'seq' | 'task' | 'category' | 'lead' | 'owner' | 'assist' | 'person' | 'time' | 'status' | 'other';

/** What a header cell names; null when the cell is no header word. */
export function columnKind(cell: string): ColKind | null {
  // a note after the column's name ("进度情况(必填项,请在…中选择一项填写)") is not part of it
  const h = cell.replace(/\s+/g, '').replace(/(?<=[\u4e00-\u9fff]{2})[(（][^()（）]*(?:填|选择|必填|选填|注)[^()（）]*[)）]$/, '');
  // a table's title ("2016年民生实事目标任务分解表") names no column
  // nor does a section row ("一、主要目标") after the header
  // a long header names a report column ("目前完成情况、存在问题及下一步工作措施"), never a task's
  if (h.length > 14 && h.length <= 30 && !/[。；;]/.test(h) && /情况|问题|措施|进展|备注/.test(h) && /^(?:目前|当前|截至|工作|推进|完成|落实|进展|存在|主要)/.test(h)) return 'status';
  // (before a title's words: a schedule by period ("月度工作计划", "分阶段安排": "4月:完成…") gives the times of the work, although it ends as a plan's title does)
  if (/^(?:月度|季度|年度|阶段|分月|分季度|分阶段)(?:工作)?(?:计划|安排)$/.test(h)) return 'time';
  if (!h || h.length > 14 || /(?:表|清单|方案|计划|通知|要点)$/.test(h) || /^[一二三四五六七八九十]{1,3}、/.test(h)) return null;
  // nor a title naming its issuer before the year ("某局2031年甲任务落实情况"); a column may open with its year
  if (/^[\u4e00-\u9fff]{2,}(?:19|20)\d{2}年/.test(h)) return null;
  if (/^(?:序号|序|编号|No\.?)$/i.test(h)) return 'seq';
  // "2018年度", "2019年": a column of what is due in that year
  if (/^(?:19|20)\d{2}\s*年度$/.test(h)) return 'time';
  if (/领导|责任人|负责人|联系人|分管|包保|领衔/.test(h)) return 'person';
  // the office that scores or assesses the work (评分部门, 考评单位) is not responsible for it
  if (/^(?:评分|考评|评价|考核评价)(?:部门|单位)$/.test(h)) return 'other';
  if (/牵头/.test(h) && /单位|部门|科室|股室|处室/.test(h)) return 'lead';
  if (/^牵头$/.test(h)) return 'lead';
  if (ASSIST_WORD.test(h)) return 'assist';
  if (/单位|部门|科室|股室|处室|主体|承办/.test(h)) return 'owner';
  // a progress column (当前进度, 完成进度, 形象进度) reports, it sets no deadline; 进度安排, 时间进度 and a
  // planned one (2023年目标进度, 计划进度, 进度要求) are times
  if (/(?:目标|计划|预期|年度)进度|进度(?:目标|要求|计划)/.test(h)) return 'time';
  // "考核指标", "目标指标": in a table with a unit column, the indicator a unit must reach is its task
  if (/^(?:考核|目标|任务|工作|绩效)指标$/.test(h)) return 'task';
  // columns that describe how the work is done or watched, and a month-by-month schedule beside a 完成时限
  if (/^(?:监督|考核|推进|工作)方式$|^(?:实施|工作)步骤$|^决策依据$|序时进度$/.test(h)) return 'other';
  if (/(?:完成|推进|落实|办理|执行|实施)情况|^是否|状况|状态|进展|进度[(（]|^(?:当前|目前|实际|总体|最新|完成|形象|工程|项目)?进度(?:情况)?$|百分比|问题|困难|下一步|备注|说明|成效|评价|得分/.test(h)) return 'status';
  if (/时限|时间|期限|节点|进度安排|计划安排|完成年限|截止/.test(h)) return 'time';
  // a column that sorts the rows (事项分类, 项目类别, 工作类型) holds no task, however its head begins
  if (/^(?:指标|考核项目)$|(?:类别|分类|领域|板块|类型)$/.test(h)) return 'category';
  if (/任务|工作|事项|实事|项目|名称|举措|措施|内容|目标|^(?:具体|主要)要求$/.test(h)) return 'task';
  if (/地点|金额|投资|万元|规模|地址/.test(h)) return 'other';
  return null;
}

/** A time cell: short, a time from its start, and at most a few words of action after it ("5月底前动工", "9月投入使用", "全年"). */
const TIME_START = /^(?:[①-⑳]|\d\.)?(?:力争|确保|于|在|到)?(?:20\d{2}\s*(?:年\s*(?:\d{1,2}\s*月?(?:份)?\s*(?:\d{1,2}日)?)?|[.\-/]\d{1,2}(?:[.\-/]\d{1,2})?|$)|\d{1,2}\s*(?:[-—~至到]\s*\d{1,2}\s*)?月(?:份)?(?:\d{1,2}日)?|全年|年内|年底|年末|长期|持续|常态|每(?:年|季度?|月|周)|[上下]半年|第?[一二三四]季度)(?:[上中下]旬|初|中|底|末)?(?:前|以前|之前)?/;
/** A cell that opens with a time, whatever follows ("一季度开工,宏图路年内完成工程量的50%"). */
export function startsWithTime(s0: string): boolean {
  return Boolean(TIME_START.exec(s0.replace(/\s+/g, ''))?.[0]);
}

export function isTimeCell(s0: string): boolean {
  const s = s0.replace(/\s+/g, '');
  const m = TIME_START.exec(s);
  if (!m || !m[0]) return false;
  const rest = s.slice(m[0].length).replace(/[。；;，,]$/, '');
  return rest.length <= 6 || /^(?:[①-⑳;；，,]|\d\.)/.test(rest) && s.length <= 80;
}

/** A person's name as a 分管领导 cell holds it: two to four Han characters (or two names run together), not a unit. */
export function isPersonCell(s0: string): boolean {
  const s = s0.replace(/\s+/g, '');
  return /^[\u4e00-\u9fff]{2,4}$/.test(s) && !isUnitName(s) && !splitUnits(s).length && !/[局委办部室股队院站所馆中心会司]/.test(s.slice(-1));
}

/** A cell of unit names: every listed part reads as a unit ("县水务局", "市住建局,各县(区)政府"). */
export function isUnitCell(s: string): boolean {
  // a list may close with a stop ("区财政局、区民政局。"); one name with a stop may be a sentence
  // ("迁建县政务服务中心。"), which kindsOfCell weighs
  const t = s.replace(/\s+/g, '').replace(/(?<=[、，,；;].*)[。；;，,]+$/, '');
  if (!t || t.length > 120 || /。./.test(t)) return false;
  const parts = t.split(/[、，,；;]/).filter(Boolean);
  const named = (p: string) => isUnitName(p.replace(/(?:等(?:有关|相关)?(?:部门|单位)?|牵头|配合|负责|落实|参与|协助|协办)$/, ''));
  if (parts.length > 0 && parts.every(named)) return true;
  // names apart by spaces only ("市委社会工作部 市广播电视台 市地震局"): each piece a name
  const spaced = spacedNames(s);
  return spaced !== null && spaced.every(named);
}

/** The pieces of a cell whose names stand apart by spaces, or null when it has no space between pieces. */
function spacedNames(s: string): string[] | null {
  const pieces = s.trim().split(/[\s、，,；;]+/).filter(Boolean);
  return /\S\s+\S/.test(s.trim()) && pieces.length > 1 ? pieces : null;
}

/**
 * A unit cell as one list: names apart by spaces get a "、" ("市甲局 市乙局" → "市甲局、市乙局"),
 * a name wrapped at a space is joined again ("区发改 局" → "区发改局").
 */
export function unitCellText(s: string): string {
  const spaced = spacedNames(s);
  return spaced && spaced.every((p) => isUnitName(p)) ? spaced.join('、') : s.replace(/\s+/g, '');
}
