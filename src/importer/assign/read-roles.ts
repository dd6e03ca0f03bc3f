/**
 * The units a 交办 names and their roles, by the grammar of an assignment sentence:
 *   请A牵头、B配合 · 由A牵头，B、C配合 · A会同B研究 (A leads, B assists) · 牵头单位：A；配合单位：B
 *   交给A / 由A负责 / 请A抓紧 (A is responsible, no role: 负责 is not a role).
 * Units are runs of names joined by 、和及与; a role word right after a run (牵头, 配合, 协助,
 * 参与) or right before it (牵头单位:, 配合单位:, 会同, 协助, 配合) gives the whole run that role.
 * A unit the text reports to or consults (报A, 向A汇报, 征求A意见, 抄送A) is not assigned.
 * A name shaped like a unit that the directory does not hold is returned as unknown, never guessed.
 */
import { findUnits, type UnitEntry, type UnitHit } from '../../commands/parse/unit.ts';
import type { Span } from '../../commands/parse/spans.ts';

export interface RoleReading {
  units: string[];
  leadUnits: string[];
  assistUnits: string[];
  /** names in assignee position the directory does not know (as written) */
  unknownUnits: string[];
  spans: Span[];
}

type Role = 'lead' | 'assist' | 'plain';

const JOIN = /^\s*(?:、|,|，|和|及|以及|与|同|跟|\/|\s)\s*$/;
const LEAD_AFTER = /^\s*(?:等(?:单位|部门|有关单位|相关单位)?)?\s*(?:牵头|为牵头单位|作为牵头单位|负总责|抓总|主办|主抓)/;
const ASSIST_AFTER = /^\s*(?:等(?:单位|部门|有关单位|相关单位)?)?\s*(?:配合|协助|协办|参与|协同|共同配合|做好配合|全力配合|积极配合|予以配合|为配合单位|作为配合单位)/;
const LEAD_BEFORE = /(?:牵头单位|牵头部门|主办单位|主责单位|牵头)\s*[:：为是]?\s*$/;
/** Bare 配合/协助 before a unit says who is helped (请供电公司配合城管局): that unit has no role. */
const ASSIST_BEFORE = /(?:配合单位|协办单位|参与单位|配合部门|会同)\s*[:：为是]?\s*$/;
/** The unit is told or consulted, not assigned: 报A, 向A汇报, 抄送A, 征求A意见, 经A审核. */
const NOT_ASSIGNED_BEFORE = /(?:报|报送|上报|呈报|报请|提请|抄送|抄报|提交|反馈|向|征求|听取|经|送|请示|汇报给)\s*$/;
/** A body convening a meeting (区政府第45次常务会议, 区政府专题会议) is the source, not an assignee. */
const CONVENER_AFTER = /^\s*(?:第[\d一二三四五六七八九十百]+次|常务|常委|专题|全体|党组|办公)?\s*(?:会议|常务会|办公会|专题会|全体会|常委会)/;
/** A unit after the work's verb is its object (完成街道综合执法队伍编制核定), not who does it. */
const WORK_VERB = /(?:完成|开展|制定|做好|核定|清理|摸清|排查|修订|出台|建立)/;
/** A forwarded message opens with its sender's name or post (「办公室：…」, 「王XX：…」). */
const QUOTED_SENDER = /[「“"『][^「“"『:：」”"』\n]{1,8}[:：]/g;
const NOT_ASSIGNED_AFTER = /^\s*(?:意见|审核|审定|审批|备案|批准|同意|汇报|报告|批复|的意见|研究同意)/;
/** Shapes of an assignee a directory may not hold: after 请/由/交给/责成 and before 牵头/负责/配合. */
const ASSIGNEE_SLOT = /(?:请|由|交给|交由|转|责成|指定|明确)\s*([\u4e00-\u9fff]{2,14}?(?:局|委|办|院|中心|政府|街道|镇|公司|集团|队|站|所|部|署|处|会))(?=\s*(?:牵头|负责|配合|会同|抓紧|研究|办理|落实|[,，、和及]))/g;

/** Reads assignees and roles; `taken` are spans already read as something else (a signature). */
export function readRoles(s: string, directory: UnitEntry[], taken: Span[] = []): RoleReading {
  const hits = findUnits(s, directory, [...taken, ...senderSpans(s)]).filter((h) => assigned(s, h));
  const runs = toRuns(s, hits);
  const roles = runs.map((run) => roleOf(s, run));
  // A会同B: the runs before the first 会同 run in its sentence lead when they have no role of their own
  runs.forEach((run, i) => {
    if (roles[i] !== 'assist' || !/会同\s*$/.test(s.slice(Math.max(0, run[0]!.start - 4), run[0]!.start))) return;
    for (let j = i - 1; j >= 0 && !/[。;；\n]/.test(s.slice(runs[j]![runs[j]!.length - 1]!.end, run[0]!.start)); j -= 1) {
      if (roles[j] === 'plain') roles[j] = 'lead';
    }
  });
  const units: string[] = [];
  const leadUnits: string[] = [];
  const assistUnits: string[] = [];
  const add = (list: string[], n: string) => { if (!list.includes(n)) list.push(n); };
  runs.forEach((run, i) => run.forEach((h) => {
    add(units, h.name);
    if (roles[i] === 'lead') add(leadUnits, h.name);
    if (roles[i] === 'assist' && !leadUnits.includes(h.name)) add(assistUnits, h.name);
  }));
  const spans = hits.map((h) => ({ start: h.start, end: h.end }));
  return { units, leadUnits, assistUnits: assistUnits.filter((u) => !leadUnits.includes(u)), unknownUnits: unknownNames(s, hits, directory), spans };
}

function assigned(s: string, h: UnitHit): boolean {
  // a level the alias left outside (报区政府 matched as 政府) belongs to the name
  const before = s.slice(Math.max(0, h.start - 5), h.start).replace(/[区市县]$/, '');
  if (NOT_ASSIGNED_BEFORE.test(before) && !/(?:交给|交由|转)\s*$/.test(before)) return false;
  if (CONVENER_AFTER.test(s.slice(h.end, h.end + 10))) return false;
  const clause = s.slice(0, h.start).split(/[,，。;；:：\n]/).pop() ?? '';
  if (WORK_VERB.test(clause) && !/(?:、|和|及|与|会同|配合|协助|由|请)\s*$/.test(clause)) return false;
  return !NOT_ASSIGNED_AFTER.test(s.slice(h.end, h.end + 6));
}

/** Spans of forwarded senders' names, which are not assignees. */
function senderSpans(s: string): Span[] {
  return [...s.matchAll(QUOTED_SENDER)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

function toRuns(s: string, hits: UnitHit[]): UnitHit[][] {
  const runs: UnitHit[][] = [];
  for (const h of hits) {
    const last = runs[runs.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && JOIN.test(s.slice(prev.end, h.start))) last.push(h);
    else runs.push([h]);
  }
  return runs;
}

function roleOf(s: string, run: UnitHit[]): Role {
  const first = run[0]!;
  const last = run[run.length - 1]!;
  const after = s.slice(last.end, last.end + 12);
  const before = s.slice(Math.max(0, first.start - 8), first.start);
  if (LEAD_AFTER.test(after)) return 'lead';
  if (ASSIST_AFTER.test(after)) return 'assist';
  if (LEAD_BEFORE.test(before)) return 'lead';
  if (ASSIST_BEFORE.test(before)) return 'assist';
  return 'plain';
}

/** Names in an assignee slot that no directory unit covers: the draft asks about them. */
function unknownNames(s: string, hits: UnitHit[], directory: UnitEntry[]): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(ASSIGNEE_SLOT)) {
    const start = m.index + m[0].length - m[1]!.length;
    const end = start + m[1]!.length;
    if (hits.some((h) => h.start < end && start < h.end)) continue;
    if (findUnits(m[1]!, directory).length) continue;
    const name = m[1]!.replace(/^(?:各|有关|相关)/, '');
    if (/^(?:各|有关|相关|我|本|你|贵)/.test(m[1]!) || name.length < 3) continue;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}
