// Checker for first-label gold files (§9 of import-labeling.md).
// usage: node check.js [dir]   (opencc-js resolved from NODE_PATH or /tmp/mfind/node_modules)
const fs = require('fs'), path = require('path');
const dir = process.argv[2] || __dirname;
let conv = null;
function getConv() {
  if (conv) return conv;
  let OpenCC;
  try { OpenCC = require('opencc-js'); } catch (e) { OpenCC = require('/tmp/mfind/node_modules/opencc-js'); }
  conv = OpenCC.Converter({ from: 'tw', to: 'cn' });
  return conv;
}
const norm = s => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
const looksTraditional = t => /[與為區縣鄉鎮國務發單開關進時號]/.test(t) && (t.match(/[與為區縣鄉鎮國務發單開關進時號]/g) || []).length > 20;
function prepText(raw) {
  let t = raw;
  if (looksTraditional(t)) {
    t = getConv()(t);
    t = t.replace(/\(([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü\s]+)\)/g, ''); // drop parenthesised pinyin
  }
  return norm(t);
}
function realDate(d) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d); if (!m) return false;
  const dt = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return dt.getUTCFullYear() === +m[1] && dt.getUTCMonth() === +m[2] - 1 && dt.getUTCDate() === +m[3];
}
let bad = 0, files = 0;
for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.json') && !f.endsWith('.second.json') && !f.endsWith('.final.json'))) {
  const name = f.replace(/\.json$/, '');
  const txtPath = path.join(dir, name + '.txt');
  if (!fs.existsSync(txtPath)) continue;
  files++;
  const errs = [];
  const text = prepText(fs.readFileSync(txtPath, 'utf8'));
  const g = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  const has = s => text.includes(norm(s));
  if (!g.doc || !Array.isArray(g.tasks)) errs.push('missing doc/tasks');
  for (const k of ['title', 'issuer', 'docNumber', 'issuedAt']) if (!(k in g.doc)) errs.push('doc.' + k + ' missing');
  if (g.doc.issuedAt && !realDate(g.doc.issuedAt)) errs.push('doc.issuedAt not a real date');
  const paths = new Set();
  for (const t of g.tasks) {
    const id = t.path;
    for (const k of ['path', 'title', 'leadUnits', 'assistUnits', 'units', 'deadlines', 'targets', 'recurring']) if (!(k in t)) errs.push(`${id}: ${k} missing`);
    if (paths.has(id)) errs.push(`${id}: duplicate path`); paths.add(id);
    if (!has(t.title)) errs.push(`${id}: title not in text: ${t.title}`);
    const us = new Set(t.units);
    if (us.size !== t.units.length) errs.push(`${id}: repeated unit`);
    for (const u of t.units) if (!has(u)) errs.push(`${id}: unit not in text: ${u}`);
    for (const u of [...t.leadUnits, ...t.assistUnits]) if (!us.has(u)) errs.push(`${id}: lead/assist not in units: ${u}`);
    const seen = new Set();
    for (const d of t.deadlines) {
      if (!has(d.raw)) errs.push(`${id}: deadline raw not in text: ${d.raw}`);
      if (d.date !== null && !realDate(d.date)) errs.push(`${id}: bad date ${d.date}`);
      const ym = /(\d{4})年/.exec(d.raw);
      if (ym && d.date && d.date.slice(0, 4) !== ym[1]) errs.push(`${id}: date ${d.date} disagrees with raw ${d.raw}`);
      const key = d.raw + '|' + d.date; if (seen.has(key)) errs.push(`${id}: duplicate deadline ${key}`); seen.add(key);
    }
    for (const x of t.targets) if (!has(x)) errs.push(`${id}: target not in text: ${x}`);
    if (![null, 'yearly', 'quarterly', 'monthly'].includes(t.recurring)) errs.push(`${id}: bad recurring`);
  }
  if (errs.length) { bad++; console.log('FAIL', name); errs.forEach(e => console.log('  ', e)); }
  else console.log('ok  ', name, `(${g.tasks.length} tasks)`);
}
console.log(`${files} files, ${bad} failing`);
process.exit(bad ? 1 : 0);
