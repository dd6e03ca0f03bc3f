// Checker for plan-import gold labels (import-labeling.md §9).
// usage: node check.js [dir]   (needs opencc-js resolvable, e.g. NODE_PATH=/tmp/jlab/node_modules)
const fs = require('fs'), path = require('path');
const OpenCC = require('opencc-js');
const tw2cn = OpenCC.Converter({ from: 'tw', to: 'cn' });
const dir = process.argv[2] || __dirname;
const ws = s => s.replace(/\s+/g, '');
// parenthesised pinyin: ASCII or fullwidth parens holding latin letters (with tone marks) only
const PINYIN = /[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+[)）]/g;
function norm(text) { return ws(tw2cn(text).replace(PINYIN, '')); }
function realDate(d) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const [y, m, day] = d.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, day));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === day;
}
let bad = 0, files = 0, tasks = 0;
for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.json')).sort()) {
  const name = f.slice(0, -5), txtf = path.join(dir, name + '.txt');
  if (!fs.existsSync(txtf)) continue;
  files++;
  const errs = [];
  const raw = fs.readFileSync(txtf, 'utf8');
  const T = norm(raw), T0 = ws(raw);
  const has = s => { const w = ws(s); return w.length > 0 && (T.includes(ws(tw2cn(w))) || T.includes(w) || T0.includes(w)); };
  let g;
  try { g = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')); } catch (e) { console.log(`${f}: bad JSON ${e.message}`); bad++; continue; }
  const d = g.doc || {};
  for (const k of ['title', 'issuer', 'docNumber', 'issuedAt']) if (!(k in d)) errs.push(`doc.${k} missing`);
  for (const k of ['issuedAt', 'publishedAt']) if (d[k] != null && !realDate(d[k])) errs.push(`doc.${k} not a real date: ${d[k]}`);
  const seen = new Set();
  for (const t of g.tasks || []) {
    tasks++;
    const id = t.path;
    for (const k of ['path', 'title', 'leadUnits', 'assistUnits', 'units', 'deadlines', 'targets', 'recurring']) if (!(k in t)) errs.push(`${id}: ${k} missing`);
    if (seen.has(id)) errs.push(`duplicate path ${id}`); seen.add(id);
    if (!has(t.title)) errs.push(`${id}: title not in text: ${t.title}`);
    for (const u of t.units) if (!has(u)) errs.push(`${id}: unit not in text: ${u}`);
    if (new Set(t.units).size !== t.units.length) errs.push(`${id}: repeated unit`);
    for (const u of [...t.leadUnits, ...t.assistUnits]) if (!t.units.includes(u)) errs.push(`${id}: lead/assist not in units: ${u}`);
    for (const x of t.targets) if (!has(x)) errs.push(`${id}: target not in text: ${x}`);
    const pairs = new Set();
    for (const dl of t.deadlines) {
      if (!has(dl.raw)) errs.push(`${id}: deadline raw not in text: ${dl.raw}`);
      if (dl.date !== null) {
        if (!realDate(dl.date)) errs.push(`${id}: bad date ${dl.date}`);
        const m = dl.raw.match(/(20\d\d)年/);
        if (m && !dl.date.startsWith(m[1])) errs.push(`${id}: date ${dl.date} disagrees with raw ${dl.raw}`);
      }
      const key = dl.raw + '|' + dl.date; if (pairs.has(key)) errs.push(`${id}: duplicate deadline ${key}`); pairs.add(key);
    }
    if (![null, 'yearly', 'quarterly', 'monthly'].includes(t.recurring)) errs.push(`${id}: bad recurring ${t.recurring}`);
  }
  if (errs.length) { bad++; console.log(`FAIL ${name}`); errs.forEach(e => console.log('   ' + e)); }
  else console.log(`ok   ${name} (${(g.tasks || []).length} tasks)`);
}
console.log(`${files} files, ${tasks} tasks, ${bad} failing`);
process.exit(bad ? 1 : 0);
