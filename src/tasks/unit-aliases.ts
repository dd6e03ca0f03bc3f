/**
 * Unit names and their aliases: 区卫生健康局 = 区卫健局 = 卫健局 = 卫生健康局. Used by the
 * importer (one Unit record across plans) and by the chat parser (卫健局 → 区卫生健康局).
 */

/** Administrative prefixes that a short name drops: 区, 市, 县, 佛山市高明区 … */
const LEVEL_PREFIX = /^(?:.{0,8}?(?:省|市|自治州|州|盟))?(?:.{0,6}?(?:区|县|旗))?/;

/** Common official abbreviations (full → short). */
const ABBREVIATIONS: [RegExp, string][] = [
  [/卫生健康/g, '卫健'],
  [/医疗保障/g, '医保'],
  [/发展和改革/g, '发改'],
  [/人力资源和社会保障/g, '人社'],
  [/住房和城乡建设/g, '住建'],
  [/市场监督管理/g, '市场监管'],
  [/自然资源和规划/g, '自然资源'],
  [/教育体育/g, '教体'],
  [/文化广电旅游体育/g, '文广旅体'],
  [/工业和信息化/g, '工信'],
  [/生态环境/g, '生态环境'],
  [/机构编制委员会办公室/g, '编办'],
  [/深化医药卫生体制改革领导小组办公室/g, '医改办'],
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
    // 区卫生健康局 → 区卫健局 and 卫健局; 医疗保障分局 → 医保分局 and 医保
    const core = short.replace(/(?:分局|局|委员会|委|办公室|办|中心|厅)$/, '');
    if (core.length >= 2 && core !== short) out.add(core);
  }
  return [...out].filter((a) => a.length >= 2);
}

/** A key under which two spellings of the same unit meet: no spaces, unified brackets. */
export function unitKey(name: string): string {
  return name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}
