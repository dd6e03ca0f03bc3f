/**
 * Items whose number runs into their title with no stop ("1优化就业创业服务", "2教育设施提升"), a
 * page that lost the "、" or a copy salted against scraping: lines counting up from 1, one after
 * another, are numbered again ("1、优化…"), as is one such line right under a heading. A number
 * followed by a measure or a time (3个项目, 1月底前) is a figure, not an item.
 */
const HEADING = /^\s*[一二三四五六七八九十]{1,3}[、,，.]/;
const BARE = /^(\s*)(\d{1,2})(?=[\u4e00-\u9fff])(?![年月日号时个项家所万亿千百名人户次件条天周季批座处倍成元米亩吨辆台套层栋期级类股公里])/;

export function numberBareItems(text: string): string {
  const out = text.split('\n');
  for (let i = 0; i < out.length; i += 1) {
    const m = BARE.exec(out[i]!);
    if (!m || m[2] !== '1') continue;
    // the run: 1, 2, 3 … on the lines that follow (other lines between are the items' text)
    const run = [i];
    for (let j = i + 1, next = 2; j < out.length; j += 1) {
      const n = BARE.exec(out[j]!);
      if (n && Number(n[2]) === next) { run.push(j); next += 1; } else if (n || HEADING.test(out[j]!) || /^\s*\d{1,2}[、.．]/.test(out[j]!)) break;
    }
    // one item alone counts when a heading stands right above it ("八,城市品质跃升工程" / "1开展…")
    const above = out.slice(0, i).reverse().find((l) => l.trim());
    if (run.length < 2 && !(above && HEADING.test(above))) continue;
    for (const j of run) out[j] = out[j]!.replace(BARE, '$1$2、');
    i = run[run.length - 1]!;
  }
  return out.join('\n');
}
