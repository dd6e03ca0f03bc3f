// §9 checker for plan-import gold labels (batch p).
// usage: NODE_PATH=/tmp/plab/node_modules node check.js [dir] [suffix]
//   suffix defaults to ".json"
const fs = require('fs'), path = require('path');
const OpenCC = require('opencc-js');
const tw2cn = OpenCC.Converter({ from: 'tw', to: 'cn' });
const dir = process.argv[2] || __dirname;
const suffix = process.argv[3] || '.json';
const ws = s => String(s).replace(/\s+/g, '');
// parenthesised pinyin (ASCII or fullwidth brackets holding only latin letters, tone marks allowed)
const PINYIN = /[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+ ?[)）]/g;
const unifyBr = s => s.replace(/（/g, '(').replace(/）/g, ')');
function views(raw) {
  return [unifyBr(ws(raw)), unifyBr(ws(tw2cn(raw).replace(PINYIN, ''))), unifyBr(ws(tw2cn(raw.replace(PINYIN, '')))), unifyBr(ws(tw2cn(raw)))];
}
function realDate(d) {
  if (typeof d !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const [y, m, day] = d.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, day));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === day;
}
let files = 0, bad = 0, total = 0;
const names = fs.readdirSync(dir).filter(f => f.endsWith('.txt')).map(f => f.slice(0, -4)).sort();
for (const name of names) {
  const jf = path.join(dir, name + suffix);
  if (!fs.existsSync(jf)) { console.log(`MISSING ${name}${suffix}`); bad++; continue; }
  files++;
  const V = views(fs.readFileSync(path.join(dir, name + '.txt'), 'utf8'));
  const has = s => { const w = unifyBr(ws(s)); if (!w) return false; const wc = unifyBr(ws(tw2cn(s))); return V.some(v => v.includes(w) || v.includes(wc)); };
  const errs = [];
  let g;
  try { g = JSON.parse(fs.readFileSync(jf, 'utf8')); } catch (e) { console.log(`FAIL ${name}: bad JSON ${e.message}`); bad++; continue; }
  const d = g.doc || {};
  for (const k of ['title', 'issuer', 'docNumber', 'issuedAt']) if (!(k in d)) errs.push(`doc.${k} missing`);
  for (const k of ['issuedAt', 'publishedAt']) if (d[k] != null && !realDate(d[k])) errs.push(`doc.${k} not a real date: ${d[k]}`);
  if (!Array.isArray(g.tasks)) errs.push('tasks not an array');
  const seen = new Set();
  for (const t of g.tasks || []) {
    total++;
    const id = t.path;
    for (const k of ['path', 'title', 'leadUnits', 'assistUnits', 'units', 'deadlines', 'targets', 'recurring'])
      if (!(k in t)) errs.push(`${id}: ${k} missing`);
    if (seen.has(id)) errs.push(`duplicate path ${id}`); seen.add(id);
    if (!has(t.title)) errs.push(`${id}: title not in text: ${t.title}`);
    for (const u of t.units || []) if (!has(u)) errs.push(`${id}: unit not in text: ${u}`);
    if (new Set(t.units).size !== (t.units || []).length) errs.push(`${id}: repeated unit`);
    for (const u of [...(t.leadUnits || []), ...(t.assistUnits || [])]) if (!(t.units || []).includes(u)) errs.push(`${id}: lead/assist not in units: ${u}`);
    for (const x of t.targets || []) if (!has(x)) errs.push(`${id}: target not in text: ${x}`);
    const pairs = new Set();
    for (const dl of t.deadlines || []) {
      if (!has(dl.raw)) errs.push(`${id}: deadline raw not in text: ${dl.raw}`);
      if (dl.date !== null) {
        if (!realDate(dl.date)) errs.push(`${id}: not a real date ${dl.date}`);
        const m = String(dl.raw).match(/((?:19|20)\d\d)\s*[年\/.-]/);
        if (m && !String(dl.date).startsWith(m[1])) errs.push(`${id}: date ${dl.date} disagrees with raw ${dl.raw}`);
      }
      const key = dl.raw + '|' + dl.date;
      if (pairs.has(key)) errs.push(`${id}: duplicate deadline ${key}`); pairs.add(key);
    }
    if (![null, 'yearly', 'quarterly', 'monthly'].includes(t.recurring)) errs.push(`${id}: bad recurring ${t.recurring}`);
  }
  if (errs.length) { bad++; console.log(`FAIL ${name}`); errs.forEach(e => console.log('   ' + e)); }
  else console.log(`ok   ${name} (${(g.tasks || []).length} tasks)`);
}
console.log(`${files} files, ${total} tasks, ${bad} failing`);
process.exit(bad ? 1 : 0);
