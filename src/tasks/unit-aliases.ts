/**
 * Unit names and their aliases: 区卫生健康局 = 区卫健局 = 卫健局 = 卫生健康局 = 卫健. Used by the
 * importer (one Unit record across plans) and by the chat parser (卫健局 → 区卫生健康局).
 * Short cores without an organisation ending (卫健, 医保, 财政) are aliases too; the parser
 * accepts them only where they stand alone, so 财政补助机制 does not name 区财政局.
 */

/**
 * Administrative prefixes that a short name drops: 区, 市, 县, 佛山市高明区 … but not the 市
 * of 市场监管局 nor the 区 of 区域; 区委编办 → 编办 (the party committee's office).
 */
const LEVEL_PREFIX = /^(?:[^市区县]{0,8}?(?:省|市|自治州|盟)(?![场域]))?(?:[^市区县]{0,6}?(?:区|县|旗)(?![域]))?(?:委(?=.{2}))?/;

/** Common official abbreviations (full → short). */
const ABBREVIATIONS: [RegExp, string][] = [
  [/卫生健康/g, '卫健'],
  [/卫生和计划生育/g, '卫计'],
  [/医疗保障/g, '医保'],
  [/发展和改革|发展改革/g, '发改'],
  [/人力资源和社会保障|人力资源社会保障/g, '人社'],
  [/住房和城乡建设|住房城乡建设/g, '住建'],
  [/市场监督管理/g, '市场监管'],
  [/自然资源和规划/g, '自然资源'],
  [/教育体育/g, '教体'],
  [/文化广电旅游体育/g, '文广旅体'],
  [/文化广电旅游/g, '文广旅'],
  [/工业和信息化/g, '工信'],
  [/科学技术/g, '科技'],
  [/退役军人事务/g, '退役军人'],
  [/应急管理/g, '应急'],
  [/政务服务数据管理|政务服务和数据管理/g, '政数'],
  [/城市管理和综合执法/g, '城管'],
  [/城市管理/g, '城管'],
  [/交通运输/g, '交通'],
  [/科技工业信息化/g, '科工信'],
  [/机构编制委员会办公室/g, '编办'],
  [/深化医药卫生体制改革领导小组办公室/g, '医改办'],
];

/**
 * The same pairs read the other way — a short form and each full form (区委编办 is also
 * 区委机构编制委员会办公室), and the full forms one for another (人力资源社会保障 = 人力资源和社会保障).
 */
const SPELLINGS: string[][] = ABBREVIATIONS.map(([re, short]) => [short, ...re.source.split('|')]);

/** Extra spoken forms of a short name: 市场监管局 → 市监局, 卫健局 → 卫健委, 政务数据局 → 数据局, 医保分局 → 医保局. */
const VARIANTS: [RegExp, string][] = [
  [/^市场监管局$/, '市监局'],
  [/^卫健局$/, '卫健委'],
  [/^政务数据局$/, '政数局'],
  [/^(?:政务数据|政数)局$/, '数据局'],
  [/^(.{2,4})分局$/, '$1局'],
  [/^文广旅体?局$/, '文旅局'],
];

function stripLevel(name: string): string {
  const stripped = name.replace(LEVEL_PREFIX, '');
  return stripped.length >= 2 ? stripped : name;
}

/** Every alias a unit is known by, the name itself first, without duplicates. */
export function unitAliases(name: string): string[] {
  const out = new Set<string>([name]);
  const bare = stripLevel(name);
  out.add(bare);
  for (const base of [name, bare]) {
    let short = base;
    for (const [re, to] of ABBREVIATIONS) short = short.replace(re, to);
    out.add(short);
    for (const [re, to] of VARIANTS) if (re.test(short)) out.add(short.replace(re, to));
    // 区卫生健康局 → 区卫健局 and 卫健局; 医疗保障分局 → 医保分局 and 医保
    const core = short.replace(/(?:分局|局|委员会|委|办公室|办事处|办|中心|厅|人民政府|政府)$/, '');
    if (core.length >= 2 && core !== short && !/^[区市县](?![场域])/.test(core)) out.add(core);
  }
  for (const base of [name, bare]) {
    for (const forms of SPELLINGS) {
      const written = forms.slice().sort((a, b) => b.length - a.length).find((f) => base.includes(f));
      if (written) for (const f of forms.slice(1)) if (f !== written && !base.includes(f)) out.add(base.replace(written, f));
    }
  }
  for (const a of collectiveForms(name)) out.add(a);
  return [...out].filter((a) => a.length >= 2);
}

/**
 * The street offices or towns taken together (各街道办事处, 街道办, 各镇政府, 各镇人民政府) are
 * also called by the short forms people use for them in chat: 街道办, 街道, 各街道, 街道办事处;
 * 各镇, 镇政府, 镇里, 各乡镇 (a bare 乡镇 is left alone: 乡镇卫生院 is content, not a unit). A named one (东城街道办事处, 明城镇人民政府) is not collective and keeps its own.
 */
function collectiveForms(name: string): string[] {
  const bare = stripLevel(name).replace(/\s+/g, '');
  if (/^各?街道(?:办事处|办)?$/.test(bare)) return ['街道办事处', '各街道办事处', '街道办', '各街道办', '街道', '各街道'];
  if (/^各?(?:镇|乡镇)(?:人民)?(?:政府)?$/.test(bare)) return ['各镇', '镇政府', '各镇政府', '镇人民政府', '各镇人民政府', '镇里', '各乡镇'];
  return [];
}

/** A key under which two spellings of the same unit meet: no spaces, unified brackets. */
export function unitKey(name: string): string {
  return name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}
