/**
 * A recogniser of the names of Chinese government bodies, beyond the organ suffixes that
 * split-units reads (局, 委, 办 …): the State Council's departments and the party and mass
 * bodies cited beside them, by full and short name, from the maintained list in
 * data/state-council-departments.json (with its source); and the splitting of names that a
 * table lost its separators between ("文化宣传股文化馆", "区文广旅游体育局钱江世纪城").
 */
import departments from './data/state-council-departments.json' with { type: 'json' };

interface Body { full: string; short?: string[]; until?: string }

const NAMES: ReadonlySet<string> = new Set(
  (departments.groups as { bodies: Body[] }[]).flatMap((g) => g.bodies.flatMap((b) => [b.full, ...(b.short ?? [])])),
);

/** Is this the full or short name of a State Council department (or a body cited with them)? */
export function isNationalBody(name: string): boolean {
  return NAMES.has(name) || (/^国家/.test(name) && NAMES.has(name.slice(2)));
}

/** Ends of a complete body or place name after which a run-together list may be cut. */
const CUT_AFTER = /(?:局|委|办|部|厅|室|科|处|股|馆|站|所|院|队|社|团|台|银行|分行|支行|署|中心|公司|集团|政府|办事处|管委会|党工委|街道|镇|乡|度假区|开发区|园区|新区|示范区|世纪城|新城|科技城)$/;
/** Places that stand as units in a list (a 度假区, a 新城 and its 管委会). */
const PLACE_PIECE = /(?:度假区|开发区|园区|新区|示范区|世纪城|新城|科技城|镇|乡|街道)$/;
/** Words that continue a name rather than start one: 县人民政府|办公室, 市发展和改革委|员会, 区政府|有关部门. */
const CONTINUES = /^(?:有关|相关|其他|其它|各(?:部门|单位|科室|处室|股室|成员单位)|会|门|理|长|级|公室|员会|事处|办公室|委员会|员会|办事处|督查室|交警|大队|中队|支队|分局|分中心|分公司|人民政府|政府|党委|管委会|党工委|党组|机关|分局|支队|大队|中队|派出所|直属|所属|下属|服务中心|管理局|管理处|管理站|事务中心|工作部|指挥部|领导小组)/;

/**
 * Names run together without a separator, cut where one complete name ends and another
 * begins; null when the string does not read as two or more names (then it is one name).
 * Every piece must be a name of at least three characters that does not merely continue the
 * one before, and a place piece must be a plain place name (not "住房和城乡").
 */
export function splitRunTogether(s: string, isName: (x: string) => boolean): string[] | null {
  if (s.length < 6 || /[、，,；;\s]/.test(s) || isNationalBody(s)) return null;
  const failed = new Set<number>();
  const cuts = (from: number): string[] | null => {
    if (from === s.length) return [];
    if (failed.has(from)) return null;
    for (let end = from + 3; end <= s.length; end += 1) {
      if (end < s.length && s.length - end < 3) continue;
      const piece = s.slice(from, end);
      // a name never opens with a conjunction: "各州(市)党委|和政府" is one name
      if (end < s.length && (!CUT_AFTER.test(piece) || CONTINUES.test(s.slice(end)) || /^[和与及]/.test(s.slice(end)) || /[和与及]|城乡$/.test(piece.slice(-4)) || (/社$/.test(piece) && /^区/.test(s.slice(end))))) continue;
      // "区城管大队|法制办": a short office name closing the string, without a place of its own, is
      // an office inside the body before it (its 办, 科, 室 or 股), not a second unit
      if (end < s.length && /^[\u4e00-\u9fff]{1,2}[办科室股]$/.test(s.slice(end)) && !/^[省市县区镇乡]/.test(s.slice(end))) continue;
      // "各乡镇|卫生院": a collective of places qualifies the organ after it (each township's health centre)
      if (end < s.length && /^各[\u4e00-\u9fff]{1,4}$/.test(piece) && /(?:乡镇|镇|乡|街道|县|区|市|村|社区)$/.test(piece)) continue;
      if (!isName(piece) && !isNationalBody(piece) && !PLACE_PIECE.test(piece)) continue;
      const rest = cuts(end);
      if (rest) return [piece, ...rest];
    }
    failed.add(from);
    return null;
  };
  const pieces = cuts(0);
  return pieces && pieces.length > 1 ? pieces : null;
}
