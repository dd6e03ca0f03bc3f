// Checker for plan-import gold labels (§9 of import-labeling.md).
// Usage: node check.js [dir]   (needs opencc-js; NODE_PATH=/tmp/kcheck/node_modules)
const fs = require('fs'), path = require('path');
let OpenCC; try { OpenCC = require('opencc-js'); } catch (e) { OpenCC = require('/tmp/kcheck/node_modules/opencc-js'); }
const conv = OpenCC.Converter({ from: 'tw', to: 'cn' });
const dir = process.argv[2] || __dirname;
const norm = s => s.replace(/\s+/g, '');
// remove parenthesised pinyin like (jié) (guó) ; keep real brackets
const stripPinyin = s => s.replace(/[(（]([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+)[)）]/g, '');
const unifyBr = s => s.replace(/（/g, '(').replace(/）/g, ')');
function realDate(d) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d); if (!m) return false;
  const dt = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return dt.getUTCFullYear() == +m[1] && dt.getUTCMonth() == +m[2] - 1 && dt.getUTCDate() == +m[3];
}
let bad = 0, files = 0;
for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.json')).sort()) {
  const name = f.replace(/\.json$/, ''); const txtp = path.join(dir, name + '.txt');
  const errs = [];
  if (!fs.existsSync(txtp)) { console.log('MISSING TXT', name); bad++; continue; }
  files++;
  const raw = fs.readFileSync(txtp, 'utf8');
  const hay = unifyBr(norm(raw)), hayCn = unifyBr(norm(stripPinyin(conv(raw))));
  const occurs = s => { const n = unifyBr(norm(s)); return n.length > 0 && (hay.includes(n) || hayCn.includes(n)); };
  let g; try { g = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')); } catch (e) { console.log('BAD JSON', f, e.message); bad++; continue; }
  if (!g.doc || !Array.isArray(g.tasks)) errs.push('missing doc/tasks');
  for (const k of ['title', 'issuer', 'docNumber', 'issuedAt']) if (!(k in g.doc)) errs.push('doc.' + k + ' missing');
  for (const k of ['issuedAt', 'publishedAt']) if (g.doc[k] && !realDate(g.doc[k])) errs.push('doc.' + k + ' not a real date');
  const paths = new Set();
  for (const t of g.tasks) {
    const id = t.path;
    for (const k of ['path', 'title', 'leadUnits', 'assistUnits', 'units', 'deadlines', 'targets', 'recurring']) if (!(k in t)) errs.push(id + ': missing ' + k);
    if (paths.has(id)) errs.push('duplicate path ' + id); paths.add(id);
    if (!occurs(t.title)) errs.push(id + ': title not in text: ' + t.title);
    const us = new Set(t.units);
    if (us.size !== t.units.length) errs.push(id + ': repeated unit');
    for (const u of t.units) if (!occurs(u)) errs.push(id + ': unit not in text: ' + u);
    for (const u of [...t.leadUnits, ...t.assistUnits]) if (!us.has(u)) errs.push(id + ': lead/assist not in units: ' + u);
    const seen = new Set();
    for (const d of t.deadlines) {
      if (!occurs(d.raw)) errs.push(id + ': deadline raw not in text: ' + d.raw);
      if (d.date !== null) {
        if (!realDate(d.date)) errs.push(id + ': bad date ' + d.date);
        const y = /(\d{4})年/.exec(d.raw); if (y && d.date.slice(0, 4) !== y[1]) errs.push(id + ': year mismatch ' + d.raw + ' ' + d.date);
      }
      const key = d.raw + '|' + d.date; if (seen.has(key)) errs.push(id + ': duplicate deadline ' + key); seen.add(key);
    }
    for (const x of t.targets) if (!occurs(x)) errs.push(id + ': target not in text: ' + x);
    if (![null, 'yearly', 'quarterly', 'monthly'].includes(t.recurring)) errs.push(id + ': bad recurring');
  }
  if (errs.length) { bad++; console.log('FAIL', name); errs.forEach(e => console.log('   ', e)); }
  else console.log('ok  ', name, '(' + g.tasks.length + ' tasks)');
}
console.log(files + ' files, ' + bad + ' failing'); process.exit(bad ? 1 : 0);
