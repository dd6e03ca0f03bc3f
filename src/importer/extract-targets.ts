/**
 * Quantified targets of an item (labelling rules §6), kept verbatim so they can be asked
 * about later: percentages and ratios, counts, grades, time spans, frequencies. Numbers
 * that name a set ("18项…核心制度", "五大中心"), money, dates and slogans are not targets.
 * Each target is a clause between Chinese separators, with leading date phrases removed.
 */

/** A number with what makes it a level or a quantity to reach. */
const QUANTITY = /\d+(?:\.\d+)?\s*(?:%|‰|：\d|:\d)|(?:达到|提高到|提升到|降低到|下降到|控制在|不少于|不低于|不超过|不高于|大于|小于|高于|低于|至少|精确到|以上|以内|以下|左右)|每[\d一二两三四五六七八九十百千万]+[^，。；]{0,8}(?:配置|配备|建设|设置|不少于|至少)|\d+(?:\.\d+)?\s*(?:个|家|所|支|名|人|台|辆|张|间|项|级|次|种|处|座|条|套|批|万|千米|公里|平方米|亩|分钟|小时|天|床)/;
const HAS_NUMBER = /\d|[一二两三四五六七八九十百千万]+(?:个|家|所|次|级)/;
const NOT_TARGET = /万元|亿元|千元|元\b|资金|经费|\d+项[^，。；]{0,12}(?:制度|措施|任务|行动|工程)|“[^”]*\d[^”]*”/;
const LEADING_DATE = /^(?:力争|确保|争取)?(?:到|在|于)?(?:20\d{2}年(?:\d{1,2}月)?(?:底|末)?(?:前)?|年内|年底前?)[，,]?/;

/** Quantified target clauses of an item, verbatim, in order, without repeats. */
export function extractTargets(text: string): string[] {
  const out: string[] = [];
  const clauses = text.replace(/[(（][^()（）]*(?:负责|牵头|配合)[)）]/g, '').split(/[，。；;,\n]|[：:](?!\d)/);
  for (const raw of clauses) {
    const c = raw.trim().replace(LEADING_DATE, '').replace(/^(?:实现|落实|确保|力争|使|并|其中)/, '').trim();
    if (c.length < 4 || c.length > 80) continue;
    if (!HAS_NUMBER.test(c) || !QUANTITY.test(c)) continue;
    if (NOT_TARGET.test(c)) continue;
    if (/^\d{4}年|^(?:\d{1,2}月)/.test(c) && !/%|达到|不少于/.test(c)) continue;
    const stripped = c.replace(/20\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末)?(?:前)?/g, '');
    if (!/\d/.test(stripped) && !/[一二两三四五六七八九十]+(?:个|家|所|次|级)/.test(stripped)) continue;
    if (!out.includes(c)) out.push(c);
  }
  return out;
}
