// Rules of official writing added for documents from other domains (教育, 生态环境, 农业农村,
// 应急管理, 政务服务, 城市管理, 食品安全, 文化旅游, 就业), as tables: task tables laid out in
// text, merged table cells, Word's automatic numbering, role words inside 责任单位 values,
// bare unit brackets, 第X部分 headings, shared unit lines under enumerations, closing
// paragraphs and page footers, and a few more date forms.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildPlan, importDocument } from '../../src/importer/index.ts';
import { textTables } from '../../src/importer/read-text-tables.ts';
import { tableTasks } from '../../src/importer/extract-table-tasks.ts';
import { htmlText, readHtml } from '../../src/importer/read-html.ts';
import { extractUnits } from '../../src/importer/extract-units.ts';
import { splitUnits } from '../../src/importer/split-units.ts';
import { extractDeadlines } from '../../src/importer/extract-deadlines.ts';
import { isChromeLine } from '../../src/importer/clean-chrome.ts';
import { unifyWidth } from '../../src/importer/clean-width.ts';
import { joinWrappedLines } from '../../src/importer/clean-wraps.ts';

const brief = (text: string) => buildPlan({ text }).tasks.map((t) => [t.path, t.title, t.units, t.deadlines.filter((d) => d.kind === 'date').map((d) => d.date)]);

describe('task tables in plain text', () => {
  it.each([
    ['tabs, with section rows pasted without tabs', '序号\t工作任务\t牵头单位\t完成时限\n一、粮食安全\n1\t稳定播种面积\t县农业农村局\t2025年10月底前\n\n2\t建设高标准农田\t县农业农村局\t2025年12月底前'],
    ['runs of spaces', '序号  工作任务  牵头单位  完成时限\n一、粮食安全\n1  稳定播种面积  县农业农村局  2025年10月底前\n2  建设高标准农田  县农业农村局  2025年12月底前\n\n县农业农村局\n2025年2月1日'],
    ['"|" between cells', '| 序号 | 工作任务 | 牵头单位 | 完成时限 |\n|---|---|---|---|\n一、粮食安全\n| 1 | 稳定播种面积 | 县农业农村局 | 2025年10月底前 |\n| 2 | 建设高标准农田 | 县农业农村局 | 2025年12月底前 |'],
    ['one cell per line', '序号\n工作任务\n牵头单位\n完成时限\n一、粮食安全\n1\n稳定播种面积\n县农业农村局\n2025年10月底前\n2\n建设高标准农田\n县农业农村局\n2025年12月底前\n\n主办：XX县人民政府'],
  ])('%s', (_name, text) => {
    const rows = textTables(text).flat().filter((r) => r.length > 1).slice(1);
    expect(rows.map((r) => r.filter(Boolean))).toEqual([
      ['1', '稳定播种面积', '县农业农村局', '2025年10月底前'],
      ['2', '建设高标准农田', '县农业农村局', '2025年12月底前'],
    ]);
  });

  it('joins a wrapped cell of a laid-out table to the row above, and reads rows typed with single spaces', () => {
    const text = '序号  工作任务                      牵头单位      完成时限\n1     开展校外培训机构专项治理，    县教体局      2025年6月底前\n      规范办学行为                  县市场监管局\n2     推进课后服务提质增效          县教体局      长期坚持\n3 建设智慧校园 县教体局 2025年底前\n\nXX县教体局';
    expect(textTables(text)[0]!.slice(1)).toEqual([
      ['1', '开展校外培训机构专项治理，规范办学行为', '县教体局、县市场监管局', '2025年6月底前'],
      ['2', '推进课后服务提质增效', '县教体局', '长期坚持'],
      ['3', '建设智慧校园', '县教体局', '2025年底前'],
    ]);
  });

  it('reads no units from a 牵头领导 column', async () => {
    const text = '序号\t重点工作\t牵头领导\t牵头单位\t完成时限\n1\t推进甲项工作\t张XX\t县发改局\t2025年6月底前\n2\t推进乙项工作\t李XX\t县住建局\t2025年9月底前';
    const plan = await importDocument(Buffer.from(text), { fileName: 'a.txt' });
    expect(plan.tasks.map((t) => [t.title, t.units, t.leadUnits])).toEqual([['推进甲项工作', ['县发改局'], ['县发改局']], ['推进乙项工作', ['县住建局'], ['县住建局']]]);
  });

  it('fits a row that left out an empty cell by what each cell is', () => {
    const [table] = textTables('序号\n重点工作\n工作目标\n责任单位\n完成时限\n1\n实施古村落保护\n县住建局、相关乡镇\n2025年11月底前');
    expect(table![1]).toEqual(['1', '实施古村落保护', '', '县住建局、相关乡镇', '2025年11月底前']);
  });

  it('imports such a table once, with its units, even when the text names units elsewhere', async () => {
    const text = '关于印发工作清单的通知\n一、提高认识。(县政府办负责)\n\n序号  工作任务  牵头单位  完成时限\n1  稳定播种面积  县农业农村局  2025年10月底前\n2  建设高标准农田  县农业农村局、县财政局  2025年12月底前\n';
    const plan = await importDocument(Buffer.from(text), { fileName: 'a.txt' });
    expect(plan.tasks.filter((t) => /播种|农田/.test(t.title)).map((t) => [t.path, t.title, t.units])).toEqual([
      ['1', '稳定播种面积', ['县农业农村局']], ['2', '建设高标准农田', ['县农业农村局', '县财政局']],
    ]);
  });
});

describe('tables and lists in HTML and .docx', () => {
  it('repeats a cell merged across rows (rowspan) in each row it covers', () => {
    const { tables } = readHtml('<table><tr><td>序号</td><td>任务</td><td>牵头单位</td><td>完成时限</td></tr><tr><td>1</td><td>甲</td><td rowspan="2">区数据局</td><td>6月底前</td></tr><tr><td>2</td><td>乙</td><td>9月底前</td></tr></table>');
    expect(tables[0]!.slice(1)).toEqual([['1', '甲', '区数据局', '6月底前'], ['2', '乙', '区数据局', '9月底前']]);
  });

  it('reads a header over two rows (责任单位 spanning 牵头单位 | 配合单位)', async () => {
    const html = '<html><body><p>XX县2025年重点工作任务分工表</p><table><tr><th rowspan="2">序号</th><th rowspan="2">工作任务</th><th colspan="2">责任单位</th><th rowspan="2">完成时限</th></tr><tr><th>牵头单位</th><th>配合单位</th></tr><tr><td>1</td><td>推进甲项工作</td><td>县发改局</td><td>县财政局</td><td>2025年6月底前</td></tr></table></body></html>';
    const plan = await importDocument(Buffer.from(html), { fileName: 'a.html' });
    expect(plan.tasks.map((t) => [t.path, t.title, t.units, t.leadUnits, t.assistUnits])).toEqual([['1', '推进甲项工作', ['县发改局', '县财政局'], ['县发改局'], ['县财政局']]]);
  });

  it('writes the numbers of automatically numbered items (<ol>) of a .docx into the text', () => {
    const text = htmlText('<p>二、重点任务</p><ol><li><p>加强监管。(A局负责)</p><ol><li>细化清单</li></ol></li><li>2.已有编号</li><li><strong>优化</strong>服务</li></ol>', { numberLists: true });
    expect(text.split('\n').filter(Boolean)).toEqual(['二、重点任务', '1.加强监管。(A局负责)', '(1)细化清单', '2.已有编号', '3.优化服务']);
  });

  it('reads a .docx whose items use Word\'s automatic numbering', async () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const p = (t: string, numbered = false) => `<w:p>${numbered ? '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' : ''}<w:r><w:t>${t}</w:t></w:r></w:p>`;
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>');
    zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
    zip.file('word/_rels/document.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>');
    zip.file('word/numbering.xml', `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`);
    zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${p('临江县2025年工作方案')}${p('二、重点任务')}${p('推进厕所改造。年内完成。（县农业农村局负责）', true)}${p('治理生活污水。9月底前完成。（县生态环境分局负责）', true)}</w:body></w:document>`);
    const plan = await importDocument(await zip.generateAsync({ type: 'nodebuffer' }), { fileName: 'a.docx' });
    expect(plan.tasks.map((t) => [t.path, t.title, t.units, t.deadlines.map((d) => d.date)])).toEqual([
      ['二.1', '推进厕所改造', ['县农业农村局'], ['2025-12-31']], ['二.2', '治理生活污水', ['县生态环境分局'], ['2025-09-30']],
    ]);
  });

  it('reads a .docx table whose unit cell is merged down (w:vMerge)', async () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const c = (t: string, merge = '') => `<w:tc>${merge ? `<w:tcPr><w:vMerge${merge === 'restart' ? ' w:val="restart"' : ''}/></w:tcPr>` : ''}${p(t)}</w:tc>`;
    const tbl = `<w:tbl><w:tr>${c('序号')}${c('工作任务')}${c('牵头单位')}${c('完成时限')}</w:tr><w:tr>${c('1')}${c('建设平台')}${c('区数据局', 'restart')}${c('2025年6月底前')}</w:tr><w:tr>${c('2')}${c('归集数据')}${c('', 'continue')}${c('2025年9月底前')}</w:tr></w:tbl>`;
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
    zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
    zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${tbl}</w:body></w:document>`);
    const plan = await importDocument(await zip.generateAsync({ type: 'nodebuffer' }), { fileName: 't.docx' });
    expect(plan.tasks.map((t) => [t.path, t.units, t.deadlines.map((d) => d.date)])).toEqual([['1', ['区数据局'], ['2025-06-30']], ['2', ['区数据局'], ['2025-09-30']]]);
  });
});

describe('unit markers of other documents', () => {
  it.each([
    ['责任单位：区人社局牵头，区财政局、区税务局配合', ['区人社局', '区财政局', '区税务局'], ['区人社局'], ['区财政局', '区税务局']],
    ['责任单位：区人社局、区工信局、区商务局等按职责分工负责', ['区人社局', '区工信局', '区商务局'], [], []],
    ['责任单位：区人社局（牵头）、区科技局', ['区人社局', '区科技局'], ['区人社局'], []],
    ['……工作机制。（市市场监管局、市商务局、市教育局）', ['市市场监管局', '市商务局', '市教育局'], [], []],
    ['……(市市场监管局、市商务局按职责分工负责，各区县(市)人民政府落实)', ['市市场监管局', '市商务局', '各区县(市)人民政府'], [], []],
    ['……(县发改局为牵头单位，县财政局为配合单位)', ['县发改局', '县财政局'], ['县发改局'], ['县财政局']],
    ['……(县应急局主责，县消防救援大队协同)', ['县应急局', '县消防救援大队'], ['县应急局'], ['县消防救援大队']],
    ['……(市委宣传部(市网信办)、市食安办负责)', ['市委宣传部(市网信办)', '市食安办'], [], []],
    ['……(区生态环境分局牵头，区水利局、区住建局及各镇(街道)配合)', ['区生态环境分局', '区水利局', '区住建局', '各镇(街道)'], ['区生态环境分局'], ['区水利局', '区住建局', '各镇(街道)']],
    ['……(区人社局、区委党校、区职业技术学校负责)', ['区人社局', '区委党校', '区职业技术学校'], [], []],
    ['……(牵头部门：县应急局；协同部门：县公安局)', ['县应急局', '县公安局'], ['县应急局'], ['县公安局']],
    ['……。(县发改局、县财政局，2025年6月底前)', ['县发改局', '县财政局'], [], []],
    ['……。(县人社局、各乡镇人民政府，春节前)', ['县人社局', '各乡镇人民政府'], [], []],
    ['……。(县公安局、县检察院，长期坚持)', ['县公安局', '县检察院'], [], []],
    ['……。(县市场监管局负责，每季度)', ['县市场监管局'], [], []],
    ['牵头单位：县发改局(责任人：李XX)\n配合单位：县财政局(联系电话：13800000000)', ['县发改局', '县财政局'], ['县发改局'], ['县财政局']],
    ['责任单位：县住建局牵头，各乡镇(街道)具体实施', ['县住建局', '各乡镇(街道)'], ['县住建局'], []],
    ['……(县发改局负责组织实施)', ['县发改局'], [], []],
    ['……(县发改局负总责，县财政局协助)', ['县发改局', '县财政局'], [], ['县财政局']],
    ['……(王XX副县长牵头，县发改局负责)', ['县发改局'], [], []],
    ['全年抽检8000批次(每千人6批次)。', [], [], []],
    ['覆盖各级医疗机构(含民营医院)。', [], [], []],
    ['实行部门联动(部门协同)。', [], [], []],
  ])('%s', (text, units, lead, assist) => {
    expect(extractUnits(unifyWidth(text))).toEqual({ units, leadUnits: lead, assistUnits: assist });
  });

  it.each([
    ['县发改局会同县财政局', ['县发改局', '县财政局']],
    ['县水利局和各乡镇', ['县水利局', '各乡镇']],
  ])('splits %s', (list, names) => expect(splitUnits(list)).toEqual(names));
});

describe('deadlines of other documents', () => {
  const ctx = { planYear: 2025, notBefore: '2025-02-01' };
  it.each([
    ['三季度末前离校未就业高校毕业生帮扶就业率达到90%', [['三季度末前', '2025-09-30']]],
    ['2025年三季度末前完成建设', [['2025年三季度末前完成', '2025-09-30']]],
    ['20XX年10月底前建成示范园区', [['20XX年10月底前', null]]],
    ['完成时限：2025.6', [['2025.6', '2025-06-30']]],
    ['完成时限：2025.09.30前', [['2025.09.30前', '2025-09-30']]],
    ['完成时限：二季度', [['二季度', '2025-06-30']]],
    ['完成时限：2025年度', [['2025年度', '2025-12-31']]],
    ['2025年3月启动，6月底前完成', [['6月底前完成', '2025-06-30']]],
    ['每季度开展一次检查', []],
  ])('%s', (text, want) => expect(extractDeadlines(text, ctx).filter((d) => d.kind !== 'recurring').map((d) => [d.raw, d.date])).toEqual(want));
});

describe('outline of other documents', () => {
  it('reads 第一/二/三部分 as the top level, 一、 sections under a part keeping their own paths', () => {
    expect(brief('第一部分 工作目标\n全年新增就业1万人。\n第二部分 重点任务\n一、稳岗\n(一)落实政策。(区人社局负责)\n(二)加强服务。(区工信局负责)\n第三部分 保障措施\n(一)加强领导。成立领导小组。\n(二)加强督导。每季度通报。(区督查室负责)')).toEqual([
      ['一.(一)', '落实政策', ['区人社局'], []], ['一.(二)', '加强服务', ['区工信局'], []], ['三.(二)', '加强督导', ['区督查室'], []],
    ]);
  });

  it('reads a 【牵头单位：…】 block before the item text, and leaves it out of the title', () => {
    expect(brief('二、重点任务\n(一)【牵头单位：县发改局；配合单位：县财政局】推进项目建设。2025年6月底前完成。\n(二)推进乙。(县住建局负责)')).toEqual([
      ['二.(一)', '推进项目建设', ['县发改局', '县财政局'], ['2025-06-30']], ['二.(二)', '推进乙', ['县住建局'], []],
    ]);
  });

  it('takes ①② under a heading with one 责任单位 line as one task', () => {
    expect(brief('二、主要任务\n(一)专项整治\n1.危险化学品安全。\n①开展排查，2024年9月底前完成。\n②推进园区整治。\n责任单位：县应急局、县工信局\n2.消防安全。排查隐患。(县消防救援大队负责)')).toEqual([
      ['二.(一).1', '危险化学品安全', ['县应急局', '县工信局'], ['2024-09-30']], ['二.(一).2', '消防安全', ['县消防救援大队'], []],
    ]);
  });

  it('takes (1)(2) sentences closed by one bracket after the last 。 as one task', () => {
    expect(brief('二、主要任务\n(一)落实政策。\n(1)落实稳岗返还。\n(2)落实扩岗补助。（区人社局牵头，区财政局配合）\n(二)加强服务。(区工信局负责)')).toEqual([
      ['二.(一)', '落实政策', ['区人社局', '区财政局'], []], ['二.(二)', '加强服务', ['区工信局'], []],
    ]);
  });

  it('keeps a 督办 item\'s 办结时限 after its 承办单位/协办单位 lines', () => {
    expect(brief('一、常务会议议定事项\n1.关于推进供热工程的事项。\n责任领导：王XX\n承办单位：县住建局\n协办单位：县财政局\n办结时限：2025年3月31日\n县政府督查室 联系电话：0000-1234567')).toEqual([
      ['一.1', '关于推进供热工程的事项', ['县住建局', '县财政局'], ['2025-03-31']],
    ]);
  });

  it('keeps the content after a heading that carries the units, up to a closing paragraph', () => {
    const plan = buildPlan({ text: '二、重点任务\n(一)推进供水工程(县水利局牵头)\n2025年9月底前完成主体工程。\n各单位要于每月25日前报送进展。' });
    expect(plan.tasks.map((t) => [t.units, t.deadlines.filter((d) => d.kind === 'date').map((d) => d.date), t.recurring])).toEqual([[['县水利局'], ['2025-09-30'], null]]);
  });

  it('leaves a closing paragraph and the page footer out of the last task', () => {
    const plan = buildPlan({ text: '二、重点任务\n1.加强宣传。开展活动。(区河长办负责)\n各镇要于每季度末将进展报送区河长办。\n主办单位：XX区人民政府办公室 ICP备案号：X ICP备0000号' });
    expect(plan.tasks.map((t) => [t.units, t.recurring])).toEqual([[['区河长办'], null]]);
  });

  it('drops page footers and maps ⑴/⒈ to outline markers', () => {
    expect(['网站标识码：4114000001', '主办：XX县人民政府办公室 ICP备案号：X ICP备0000号', '网站地图 | 联系我们', '主办单位：XX县人民政府办公室  承办单位：XX县大数据中心'].every(isChromeLine)).toBe(true);
    expect(isChromeLine('承办单位：县住建局')).toBe(false);
    expect(unifyWidth('⑴落实政策\n⒉推进建设')).toBe('(1)落实政策\n2.推进建设');
  });
});

describe('hard-wrapped text (copied out of a PDF)', () => {
  const full = '　　（一）实施农村供水规模化建设。加快推进城乡供水一体化工程建设，20';
  it('joins a full-width line that does not end a sentence to the next, but not before an item or a field', () => {
    const lines = [
      '二、重点任务', full, '25年6月底前完成县第二水厂扩建主体工程，10月底前完成配套管网铺设并通', '水。（县水利局牵头，县发改局配合）',
      ...Array.from({ length: 8 }, (_, i) => `　　（${'二三四五六七八九'[i]}）推进工程标准化改造。对全县68处小型集中供水工程实施标准化改`),
      '责任单位：县水利局',
    ];
    const out = joinWrappedLines(unifyWidth(lines.join('\n'))).split('\n');
    expect(out[1]).toBe(unifyWidth(`${full}25年6月底前完成县第二水厂扩建主体工程，10月底前完成配套管网铺设并通水。（县水利局牵头，县发改局配合）`));
    expect(out[out.length - 1]).toBe('责任单位：县水利局');
    expect(out).toHaveLength(11);
  });
  it('whatever the width, runs a line left inside a bracket or a date on into the next', () => {
    expect(joinWrappedLines('1.完善预警机制。(县应急局牵\n头，县气象局配合)\n2.加强值守。')).toBe('1.完善预警机制。(县应急局牵头，县气象局配合)\n2.加强值守。');
    expect(joinWrappedLines('落实安置政策，1\n0月底前完成。')).toBe('落实安置政策，10月底前完成。');
    expect(joinWrappedLines('完成时限：2026年\n1月底前')).toBe('完成时限：2026年1月底前');
    expect(joinWrappedLines('完成时限：2026年1月\n底前')).toBe('完成时限：2026年1月底前');
    expect(joinWrappedLines('3.开展排查整治。(1)5月底前完成排查；\n(2)建立台账。')).toBe('3.开展排查整治。(1)5月底前完成排查；(2)建立台账。');
    expect(joinWrappedLines('3.开展排查整治。\n(1)完成排查；\n(2)建立台账。')).toBe('3.开展排查整治。\n(1)完成排查；\n(2)建立台账。');
    expect(joinWrappedLines('序号\t任务\t时限\n1\t开展排查\t2025年6月')).toBe('序号\t任务\t时限\n1\t开展排查\t2025年6月');
  });
  it('leaves text with lines of varied length alone', () => {
    const text = '一、重点任务\n（一）加强监管。完善制度\n（二）优化服务\n二、保障措施';
    expect(joinWrappedLines(text)).toBe(text);
  });
});

describe('a task table whose 重点任务 cell is merged over several rows', () => {
  it('takes each row\'s 具体措施 as its task, and keeps a 重点任务 filled in on every row as the task', () => {
    const merged = [['序号', '重点任务', '具体措施', '牵头单位', '完成时限'],
      ['1', '强化源头治理', '开展农药残留专项整治', '区农业农村局', '2025年10月底前'],
      ['2', '', '加强受污染耕地安全利用', '区农业农村局', '2025年12月底前'],
      ['3', '严格过程监管', '开展风险分级管理', '区市场监管局', '2025年11月30日前']];
    expect(tableTasks(merged).map((t) => [t.path, t.title])).toEqual([['1', '开展农药残留专项整治'], ['2', '加强受污染耕地安全利用'], ['3', '开展风险分级管理']]);
    const own = [['序号', '工作任务', '具体内容', '责任单位'],
      ['1', '实施古村落保护', '完成10个村修缮', '县住建局'],
      ['2', '推进厕所改造', '完成500户改造', '县农业农村局']];
    expect(tableTasks(own).map((t) => t.title)).toEqual(['实施古村落保护', '推进厕所改造']);
  });
});
