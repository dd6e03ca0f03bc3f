/**
 * Unit lists in a bracket without any role word, closing an item: "(县发改局、县财政局)".
 * Split from extract-units so the strict test that keeps asides out stays in one place.
 */
import { splitTopLevel, splitUnits } from './split-units.ts';

/** Endings of government bodies, strict enough for a bracket with no role word. */
const GOV_UNIT = /^(?:[\u4e00-\u9fffXx×]{2,24}(?:局|委|厅|办|部|政府|办事处|委员会|管委会|党工委|中心|室|股|队|公司|社|联|团|行|署|处|科)|[\u4e00-\u9fffXx×]{1,24}(?:法院|检察院))$/;

/** A collective of bodies: "省直有关部门", "县直各单位", "各市、县人民政府". */
const COLLECTIVE_BODY = /^(?:[\u4e00-\u9fff]{1,8}(?:有关|相关|各)(?:部门|单位)|各[\u4e00-\u9fff、]{1,12}(?:政府|部门|单位|管委会|办事处))$/;

/**
 * A time closing a unit bracket: a date ("2025年6月底前", "6月底"), an ongoing or recurring
 * cycle ("长期坚持", "每季度", "定期"), or a seasonal point with no date ("春节前", "汛期前").
 */
export const BRACKET_TIME = /(?:力争|确保|于|在)?(?:20(?:\d{2}|__|××|XX)年|\d{1,2}月|年底|年内|今年|明年|[上下]半年|第?[一二三四]季度|长期|持续|常态化|定期|每(?:年|半年|季度?|月|周|旬|学期)|(?:春节|元旦|国庆|汛期|汛前|开学|中秋|清明)(?:前|期间|后))/;

/**
 * "(县发改局、县财政局)" closing an item: a bracket that lists nothing but unit names, with
 * no role word, names the item's units as plainly as "(…负责)" does. Asides such as
 * "(含民营医院)", "(以下简称…)", "(每千人6批次)" are not unit lists.
 */
export function bareUnitList(inner0: string): { name: string; role: 'owner' }[] {
  // "(县发改局、县财政局，2025年6月底前)": the time after the list is read as a deadline
  const timeless = inner0.replace(new RegExp(`[，,；;]\\s*${BRACKET_TIME.source}[^()（）]*$`), '');
  // "(甲司长办公室/乙局)": names apart by "/" where every piece is a body
  const inner = /[/／]/.test(timeless) && timeless.split(/[/／]/).every((p) => GOV_UNIT.test(p.trim())) ? timeless.replace(/\s*[/／]\s*/g, '、') : timeless;
  if (/\d|以下|简称|含|包括|例如|如|即|其中|等|或|试点|《/.test(inner)) return [];
  const parts = splitTopLevel(inner, /[、，,；;]/).map((p) => p.trim());
  const names = splitUnits(inner);
  const gov = (p: string) => GOV_UNIT.test(p.replace(/[(（][^()（）]*[)）]$/, '')) || COLLECTIVE_BODY.test(p);
  if (parts.every(gov)) return names.length === parts.length ? names.map((name) => ({ name, role: 'owner' as const })) : [];
  // a collective written with 、 ("各市、县人民政府") is one name: every name, not every piece, is a body,
  // and no piece of the bracket is left out
  const bare = (x: string) => x.replace(/[、，,；;\s]/g, '');
  // ("镇江新区、高新区管委会": the parts lean on one suffix, the name is judged whole)
  if (!names.length || !names.every((n) => gov(n.replace(/、/g, ''))) || bare(names.join('')) !== bare(inner)) return [];
  return names.map((name) => ({ name, role: 'owner' as const }));
}
