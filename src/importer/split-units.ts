/**
 * Splits a written list of responsible units into unit names, following the labelling
 * rules: split on 、，,；; and on 和/及/与 only where both sides are complete unit names;
 * never inside a name (住房和城乡建设局, 党委和人民政府); keep a collective whose parts
 * share a suffix whole (城乡一体化示范区、高新区党工委和管委会); drop 等/等有关部门 tails.
 */

import { isNationalBody } from './unit-names.ts';

/** Endings of organ names: what a responsible unit is called. */
const ORGAN = /(?:局|委|办|部|厅|院|所|站|股|中心|政府|办事处|委员会|公司|集团|队|会|处|科|室|馆|团|社|行|署|组|街道|单位|部门|机构|学校|党校|校|大学|中学|小学|高中|初中|学|幼儿园|园|医院|企业|银行|法院|检察院|监委|党工委|管委会|办公室|机关|党组|纪委|工会|妇联|团委|残联|科协|侨联|文联|工商联|联|协|台|报|所属|片区|园区|港|场|庭|段|中队|支部|党委|街道办|人大|政协|海关|税务|公安|消防|武警|军分区|气象|邮政|供电|电信|移动|联通|烟草|专班|(?:河|湖|林|田|路|山)长)$/;
/** Endings of places: a fragment that is only a place leans on a shared suffix. */
const PLACE = /(?:区|县|市|镇|乡|街道|旗|州|盟|村|社区|开发区|示范区|新区|高新区|园区|板块)$/;
/** Collective or generic responsible bodies that are units on their own. */
const COLLECTIVE = /^(?:各|有关|相关|其他|其它|市直|县直|区直|省直)|(?:有关部门|相关部门|有关单位|相关单位|成员单位|各部门|各单位)$/;

/** A (redacted) person with a post: 王XX副县长, 张XX同志. */
const PERSON = /^[\u4e00-\u9fff]{1,2}(?:XX|××|某某)(?:[\u4e00-\u9fff]{0,6}(?:长|书记|主任|同志|委员|助理))?$/;

/** Whether a string reads as the name of a responsible unit. */
export function isUnitName(s: string): boolean {
  if (s.length < 2 || s.length > 40) return false;
  if (/^(?:部门|单位|机构|企业|学校|医院|社会|政府|群众)$/.test(s)) return false; // a generic word, not a name
  if (/(?:实施|落实|推进|执行|配合|负责|牵头|参与|参加|协助|开展|完成|办理|指导|督促)$/.test(s)) return false; // a clause, not a name
  // work done to a body ("建成启用区级老年活动中心", "新增养老服务中心3个") names the work, not a unit
  if (s.length >= 6 && /^(?:建成|新建|新增|启用|推进|开展|完成|打造|实施|加快|加强|完善|提升|改造|扩建|组织|举办|推动|创建)/.test(s)) return false;
  // nor does a sentence of how far it has got ("目前正在进行主体装修阶段")
  if (/^(?:目前|现在|正在|已经|截至|截止)/.test(s)) return false;
  // a question mark ends a sentence; one between Chinese characters stands for a lost character ("县秸秆禁?办")
  if (/[。！？!]/.test(s) || /\?(?![\u3400-\u9fff?])|(?<![\u3400-\u9fff?])\?/.test(s)) return false;
  if (/(?:要|将|应|应当|需要|进行|推进|加强|开展|完善|建立|落实)[\u4e00-\u9fff]{2,}$/.test(s) && !ORGAN.test(s)) return false;
  // "市委宣传部(市网信办)", "县卫生健康局〔县药监办〕": a name with its second name in
  // brackets is judged by the first
  const bare = s.replace(/(?:[(（][^()（）]*[)）]|〔[^〔〕]*〕)$/, '');
  if (bare !== s && bare.length >= 2 && isUnitName(bare)) return true;
  return ORGAN.test(s) || PLACE.test(s) || COLLECTIVE.test(s) || isNationalBody(s) || (/X{2}|×{2}/.test(s) && !PERSON.test(s));
}

/** A name that ends as a body does (局, 委, 中心 …, a collective, a national body), not only as a place ("区县"). */
export function isBodyName(s: string): boolean {
  return ORGAN.test(s) || COLLECTIVE.test(s) || isNationalBody(s);
}

/** A name that ends as a body's or a place's name does ("各县(区)人民政府", "各乡镇"), as against one cut short ("各县(区)人民"). */
export function isWholeName(s: string): boolean {
  const bare = s.replace(/(?:[(（][^()（）]*[)）])+$/, '');
  // a level and one character ("市协" of 市科协…) is the start of a name, 市委 apart
  if (/^[省市县区镇乡][\u4e00-\u9fff]$/.test(bare) && !/委$/.test(bare)) return false;
  return ORGAN.test(bare) || PLACE.test(bare) || /(?:有关部门|相关部门|有关单位|相关单位|成员单位|各部门|各单位)$/.test(bare) || isNationalBody(bare);
}

/** Top-level split of `s` on the given separators, not inside brackets. */
export function splitTopLevel(s: string, seps: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(' || ch === '（' || ch === '【' || ch === '[' || ch === '《' || ch === '〔') depth += 1;
    else if (ch === ')' || ch === '）' || ch === '】' || ch === ']' || ch === '》' || ch === '〕') depth = Math.max(0, depth - 1);
    if (depth === 0 && seps.test(ch)) { out.push(cur); cur = ''; continue; }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** Trailing 等 / 等有关部门 / 等部门 after listed units, and leading 由/及/和. */
function tidy(name: string): string {
  return name
    .replace(/\s+/g, '')
    .replace(/^(?:由|及|和|与|以及|会同|请)/, '')
    .replace(/(?:等(?:有关|相关|其他)?(?:部门|单位|机构)?(?:按照?职责分工)?|按照?职[责能](?:分工)?(?:分别)?|分别|共同|具体)$/, '')
    .replace(/[。，,；;：:、\s]+$/, '')
    // "市公安消防支队主要领导" under 责任单位及责任人: the unit, not its leader (a person is no unit)
    .replace(/(?<=[\u4e00-\u9fff]{2})(?:主要|分管)(?:领导|负责人|负责同志)$/, '')
    .replace(/^[，,；;：:、\s]+/, '');
}

/** An organ name, also with a bracketed tail (各镇(街道)) or as a collective (各乡镇). */
function organLike(s: string): boolean {
  const bare = s.replace(/(?:[(（][^()（）]*[)）]|〔[^〔〕]*〕)$/, '');
  return ORGAN.test(bare) || (/^各/.test(s) && (ORGAN.test(bare) || PLACE.test(bare)));
}

/** Splits "A和B" where both halves are complete unit names (A局及B单位), not 住房和城乡建设局. */
function splitConjunction(s: string): string[] {
  for (const m of s.matchAll(/以及|会同|和|及|与/g)) {
    const left = s.slice(0, m.index);
    const right = s.slice(m.index! + m[0].length);
    // (a place after 和 may open a collective that a later name closes: "…政府和A开发区、B新区管委会")
    if (left.length < 3 || (right.length < 3 && !/^各./.test(right)) || !organLike(left) || !(organLike(right) || (PLACE.test(right) && /(?:政府|管委会|党工委|办事处)$/.test(left)))) continue;
    if (/(?:党委|党工委|区委|县委|市委|镇委|乡委)$/.test(left) && /^(?:人民政府|政府|管委会)/.test(right)) continue;
    return [left, ...splitConjunction(right)];
  }
  return [s];
}

/**
 * Merges place-only fragments into the following place+organ fragment: "A区、B区党工委和管委会",
 * and a collective whose places are listed before one organ: "各市、县〔市、区〕政府",
 * "各县、区人民政府(管委会)", "各市(州)、县(市、区)教育局" (a short place such as 各市 or 县 is no
 * unit by itself).
 */
/** A zone named after its place, with its organ: 龙南经济技术开发区管委会, 滨海高新区党工委. */
const ZONE_ORGAN = /^[\u4e00-\u9fff]{2,3}(?:经济技术开发区|经济开发区|高新技术产业开发区|高新区|开发区|新区|工业园区|园区)(?:管委会|党工委|管理委员会)$/;

function mergeSharedSuffix(parts: string[]): string[] {
  const out: string[] = [];
  let pending: string[] = [];
  // a bare place name without its level ("江岸、江汉、汉阳、武昌区人民政府") leans on the level of the last
  const bareName = (q: string) => /^[\u4e00-\u9fff]{2,3}$/.test(q) && !ORGAN.test(q) && !PLACE.test(q) && !COLLECTIVE.test(q) && !isNationalBody(q);
  // a place's aside ("各市(州)", "县(市、区、特区)") is no part of what the place is
  const noAside = (q: string) => q.replace(/[(（〔][^()（）〔〕]{1,12}[)）〕]/g, '');
  for (const p of parts) {
    if ((PLACE.test(noAside(p)) && !ORGAN.test(noAside(p))) || bareName(p)) { pending.push(p); continue; }
    // the organ the places share: a government ("政府") or a department of each ("教育局")
    const lean = /^(.*?(区|县|市|镇|乡|街道|旗))(?:[(（〔][^()（）〔〕]{1,12}[)）〕])?(?:党工委|管委会|人民政府|政府|办事处|党委|[\u4e00-\u9fff]{1,8}(?:局|委员会|委|办公室|办)$)/.exec(p);
    // "各县市、区政府": the last is only a level's government, so the levels before it share it;
    // "赣州、龙南经济技术开发区管委会": zones named after places share the zone and its organ
    const levelsOnly = lean !== null && /^[县市区乡镇](?:人民)?政府$/.test(p) && pending.every((q) => /^各?[县市区乡镇]+$/.test(noAside(q)));
    const zones = ZONE_ORGAN.test(p) && pending.every((q) => /^[\u4e00-\u9fff]{2,3}$/.test(noAside(q)));
    if (pending.length && (levelsOnly || zones || (lean && pending.every((q) => noAside(q).endsWith(lean[2]!) || /^各?[\u4e00-\u9fff]$/.test(noAside(q)) || bareName(q))))) {
      out.push([...pending, p].join('、'));
    } else {
      out.push(...pending, p);
    }
    pending = [];
  }
  return [...out, ...pending];
}

/**
 * 等 closes a list of names: "A、B等有关部门和单位" is A and B; what follows "等和" / "等及"
 * is one more unit when it is one ("A、B等和各省级人民政府" adds the collective).
 */
function closeAtDeng(list: string): string {
  // 等 of a word (高等学校, 中等职业学校, 同等) closes nothing
  return list.replace(/(?<![高中初同平对均])等(?:[省市县区乡镇]级?|国家|中央)?(?:有关|相关|其他|各)?(?:部门|单位|机构|方面)?(?:和|及|以及|与)?(?:有关|相关|其他)?(?:部门|单位|机构)?(?=(和|及|以及|与)?(.*)$)/g, (all: string, _c: string, rest: string, at: number, whole: string) => {
    const before = whole.slice(0, at).split(/[、，,；;]/).pop() ?? '';
    if (!isUnitName(tidy(before))) return all;
    // the tail after 等: a unit of its own becomes one more list item; anything else is dropped
    const tailUnit = /(?:和|及|以及|与)$/.test(all) || /^(?:和|及|以及|与|[、，,；;])/.test(rest ?? '');
    return tailUnit ? '、' : '、\u0000';
  }).replace(/、\u0000.*$/, '');
}

/** A generic word after a collective ("县直有关部门、单位") completes it: the two are one unit. */
function joinGenericTails(parts: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (prev && /^(?:单位|部门|机构|企业|组织)$/.test(p) && COLLECTIVE.test(prev)) out[out.length - 1] = `${prev}、${p}`;
    else out.push(p);
  }
  return out;
}

/** Splits a unit list as written into names, in order, without repeats. */
export function splitUnits(list0: string): string[] {
  const list = /(?<![高中初同平对均])等/.test(list0) ? closeAtDeng(list0) : list0;
  const parts0 = splitTopLevel(list, /[、，,；;]/)
    .flatMap((p) => {
      const ws = p.trim().split(/\s+/).map(tidy);
      return ws.length > 1 && ws.every(isUnitName) ? ws : [tidy(p)];
    })
    .flatMap(splitConjunction)
    .map(tidy)
    .filter(Boolean);
  const parts = joinGenericTails(parts0);
  const merged = mergeSharedSuffix(parts).filter((p) => isUnitName(p) || /、(?:单位|部门|机构|企业|组织)$/.test(p));
  return [...new Set(merged)];
}
