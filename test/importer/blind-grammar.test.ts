// Rules of the language added after the blind corpus (issue 15), each as a table of made-up
// inputs → outputs: the grammar of responsibility clauses (等 closing a list, collectives
// written with 、, rule clauses, document-wide rules, closing 由…负责 sentences, brackets cut
// off by the end of a text), the recogniser of unit names (the State Council's departments,
// names run together in a flattened table), tables flattened to text, 实施步骤 steps, excerpts,
// squashed texts and time fields. No string here is copied from a corpus document.
import { describe, expect, it } from 'vitest';
import { buildPlan, importDocument } from '../../src/importer/index.ts';
import { proseNotCsv } from '../../src/importer/index.ts';
import { commonUnitRules, extractUnits } from '../../src/importer/extract-units.ts';
import { isUnitName, splitUnits } from '../../src/importer/split-units.ts';
import { isNationalBody, splitRunTogether } from '../../src/importer/unit-names.ts';
import { columnKind, flatTables, isTimeCell } from '../../src/importer/extract-flat-tables.ts';
import { extractDeadlines } from '../../src/importer/extract-deadlines.ts';
import { splitSquashed } from '../../src/importer/clean-squashed.ts';
import { textTables } from '../../src/importer/read-text-tables.ts';
import { joinChunks } from '../../src/importer/clean-chunks.ts';
import { splitOwnedItems } from '../../src/importer/split-owned-items.ts';
import { unifyWidth } from '../../src/importer/clean-width.ts';
import { markerOf, segment } from '../../src/importer/segment.ts';
import { isChromeLine } from '../../src/importer/clean-chrome.ts';

const brief = (text: string) => buildPlan({ text }).tasks.map((t) => [t.path, t.title, t.units, t.deadlines.filter((d) => d.date).map((d) => d.date)]);

describe('unit lists: 等 closes the list, collectives stay whole', () => {
  it.each([
    ['A局、B委等', ['A局', 'B委']],
    ['县民政局、县财政局等有关部门', ['县民政局', '县财政局']],
    ['县民政局、县财政局等有关部门和单位', ['县民政局', '县财政局']],
    ['市教育局、市卫健委等和各区县人民政府', ['市教育局', '市卫健委', '各区县人民政府']],
    ['省交通厅、省水利厅等省有关部门和各设区市人民政府', ['省交通厅', '省水利厅', '各设区市人民政府']],
    ['省农业厅等,各市县政府', ['省农业厅', '各市县政府']],
    ['高等院校', ['高等院校']],
    ['区直有关部门、单位', ['区直有关部门、单位']],
    ['省级有关单位和各市、县〔市、区〕政府', ['省级有关单位', '各市、县〔市、区〕政府']],
    ['各县、区人民政府(管委会)', ['各县、区人民政府(管委会)']],
    ['各乡镇政府、街道办', ['各乡镇政府', '街道办']],
    ['市商务局、区人民政府', ['市商务局', '区人民政府']],
  ])('%s', (list, names) => {
    expect(splitUnits(list)).toEqual(names);
  });
});

describe('responsibility clauses', () => {
  const units = (text: string, opts = {}) => {
    const a = extractUnits(text, opts);
    return [a.units, a.leadUnits, a.assistUnits];
  };
  it.each([
    ['a rule clause after 。 names no unit', '推进甲事项。(县发改局、县财政局负责。列第一位者为牵头单位，其他有关单位按职责分工负责，下同)', [['县发改局', '县财政局'], [], []]],
    ['a rule clause after a comma names no unit', '推进乙事项。(县商务局、县统计局等负责，列第一位者为牵头单位，下同)', [['县商务局', '县统计局'], [], []]],
    ['a common-unit rule in the bracket keeps the item\'s own units', '推进丙事项。(县住建局牵头，县自然资源局参与。以下各项均需各乡镇人民政府落实，不再列出)', [['县住建局', '县自然资源局'], ['县住建局'], ['县自然资源局']]],
    ['〔…〕 as the bracket of units', '推进丁事项。〔县应急局牵头，县消防大队参与〕', [['县应急局', '县消防大队'], ['县应急局'], ['县消防大队']]],
    ['a verb completing the role word', '推进戊事项。(县水利局牵头督办，县农业农村局配合)', [['县水利局', '县农业农村局'], ['县水利局'], ['县农业农村局']]],
    ['按职责分工 and a verb', '推进己事项。(县教体局、县卫健委等县有关部门和各镇人民政府按职责分工落实)', [['县教体局', '县卫健委', '各镇人民政府'], [], []]],
    ['a document number in 〔〕 is no bracket', '按照县政办〔2024〕3号文件要求推进。(县政府办负责)', [['县政府办'], [], []]],
    ['a bracket cut off by the end of the text', '推进庚事项。(县环保局、县工信局牵头督导，县公安局、县交通局、', [['县环保局', '县工信局', '县公安局', '县交通局'], ['县环保局', '县工信局'], []]],
    ['a closing 由X会同Y…负责 sentence', '关于完善乙制度的问题，由县发改局会同县财政局、县统计局等部门负责落实。', [['县发改局', '县财政局', '县统计局'], [], []]],
    ['a closing 由X…等部门 + verb', '关于丙问题，由县农业农村局会同县林业局等部门研究提出意见。', [['县农业农村局', '县林业局'], [], []]],
    ['由 + a sentence is no marker', '财政资金由县财政局负责统筹保障各项工作所需经费。', [[], [], []]],
  ])('%s', (_name, text, expected) => {
    expect(units(text)).toEqual(expected);
  });

  it.each([
    ['以下均需X落实，不再列出', '(A局负责。以下均需各街道办事处落实，不再列出)', ['各街道办事处']],
    ['以下…措施均需X落实，不再单独列出', '(甲委负责。以下政策措施均需各区人民政府、开发区管委会落实，不再单独列出)', ['各区人民政府', '开发区管委会']],
    ['具体任务均涉及X，不再做分工', '〔责任单位：乙局。具体任务均涉及相关县(市)人民政府，不再做分工，下同。〕', ['相关县(市)人民政府']],
    ['no rule', '(丙局负责)', []],
  ])('document-wide common units: %s', (_name, text, expected) => {
    expect(commonUnitRules(text).flatMap((r) => r.units)).toEqual(expected);
  });

  it('applies a stated common unit to every later item (以下…), and to the stating item too where it says so (均涉及…下同); the first-listed lead to all', () => {
    const text = [
      '一、重点任务',
      '(一)推进甲工作。开展甲项。(县发改局、县财政局负责。列第一位者为牵头单位，下同。以下均需各乡镇人民政府落实，不再列出)',
      '(二)推进乙工作。开展乙项。(县住建局负责)',
      '(三)推进丙工作。开展丙项。(县交通局、县公安局负责)',
    ].join('\n');
    const plan = buildPlan({ text });
    expect(plan.tasks.map((t) => [t.path, t.units, t.leadUnits])).toEqual([
      ['一.(一)', ['县发改局', '县财政局'], ['县发改局']],
      ['一.(二)', ['县住建局', '各乡镇人民政府'], ['县住建局']],
      ['一.(三)', ['县交通局', '县公安局', '各乡镇人民政府'], ['县交通局']],
    ]);
    const same = buildPlan({ text: text.replace('以下均需各乡镇人民政府落实，不再列出', '具体任务均涉及各乡镇人民政府，不再做分工，下同') });
    expect(same.tasks.map((t) => t.units)).toEqual([['县发改局', '县财政局', '各乡镇人民政府'], ['县住建局', '各乡镇人民政府'], ['县交通局', '县公安局', '各乡镇人民政府']]);
  });
});

describe('the recogniser of unit names', () => {
  // working groups (专班) and the chiefs of the 河长制/林长制 systems are responsible bodies (batch e)
  it.each([['全县招商各专班', true], ['河长', true], ['各级林长', true], ['班长', false], ['专班工作', false]])('%s names a responsible body: %s', (name, yes) => {
    expect(isUnitName(name)).toBe(yes);
  });
  it.each([
    ['发展改革委', true], ['人力资源社会保障部', true], ['国家中医药局', true], ['共青团中央', true],
    ['国家林草局', true], ['银保监会', true], ['发展改革', false], ['居民消费价格', false],
  ])('%s is a State Council body or one cited with them: %s', (name, yes) => {
    expect(isNationalBody(name) || (yes && isUnitName(name))).toBe(yes);
  });

  it('knows short names that no organ suffix gives away', () => {
    expect(isUnitName('共青团中央')).toBe(true);
  });

  it.each([
    ['宣传股图书馆', ['宣传股', '图书馆']],
    ['县商务局某某新城东港镇', ['县商务局', '某某新城', '东港镇']],
    ['区委办公室区财政局', ['区委办公室', '区财政局']],
    ['县人民政府办公室', null],
    ['市发展和改革委员会', null],
    ['住房和城乡建设局', null],
    ['各街道办事处', null],
    ['县公安局交警大队', null],
    ['县安委会办公室', null],
  ])('names run together: %s', (s, pieces) => {
    expect(splitRunTogether(s, isUnitName)).toEqual(pieces);
  });
});

describe('tables flattened to text', () => {
  it.each([
    ['序号', 'seq'], ['重点工作', 'task'], ['分管县领导', 'person'], ['责任领导', 'person'], ['牵头责任单位', 'lead'],
    ['责任单位', 'owner'], ['配合单位', 'assist'], ['完成时限', 'time'], ['进度安排', 'time'], ['完成情况', 'status'],
    ['指标', 'category'], ['2025年重点民生实事分解表', null],
    // progress and state columns report; they set no deadline (batch e)
    ['当前进度', 'status'], ['1-10月推进情况', 'status'], ['是否达标', 'status'], ['完成状况', 'status'],
  ])('header word %s', (word, kind) => {
    expect(columnKind(word)).toBe(kind);
  });

  it.each([
    ['10月底前', true], ['2025 年 6 月底前', true], ['全年', true], ['6月底前开工', true], ['9月建成投用', true],
    ['①3月底前，完成设计。②6月底前，完成招标。', true], ['县住建局', false], ['全年接待游客100万人次以上。', false],
  ])('time cell %s', (cell, yes) => {
    expect(isTimeCell(cell)).toBe(yes);
  });

  it('reads a table with one cell per line: several unit lines, a person column, a sub-row with its own date, sparse 序号', () => {
    const text = [
      '2025年重点民生实事分解表', '序号', '民生实事', '分管领导', '责任单位', '完成时限',
      '3', '新建甲路。', '王某某', '县交通局', '县城投公司', '6月底前开工',
      '7', '改造乙小区。', '李某', '县住建局', '5月底前动工', '完成丙工程。', '11月底前',
    ].join('\n');
    expect(brief(text)).toEqual([
      ['3', '新建甲路', ['县交通局', '县城投公司'], ['2025-06-30']],
      ['7', '改造乙小区', ['县住建局'], ['2025-05-31', '2025-11-30']],
    ]);
  });

  it('reads a table whose cells end with "|", with a wrapped header word and a category column', () => {
    const text = ['序号 |', '类别 |', '工作任务 |', '责任 |', '科室 |', '完成时限 |', '1 |', '公共服务 |', '开展甲活动。 |', '文化股 |', '12月底前 |', '2 |', '开展乙活动。 |', '体育股 |', '全年 |'].join('\n');
    const grid = flatTables(text)[0]!;
    expect(grid).toEqual([['序号', '工作任务', '责任单位', '完成时限'], ['1', '开展甲活动。', '文化股', '12月底前'], ['2', '开展乙活动。', '体育股', '全年']]);
  });

  it('reads a table laid out with spaces under a spaced-out header', () => {
    const text = '某某年量化任务分工\n序号 工 作 任 务 牵头部门\n1 城镇新增就业500人以上 人力资源社会保障部\n2 新开工保障房1000套 住房城乡建设部';
    expect(brief(text).map((t) => [t[0], t[1], t[2]])).toEqual([['1', '城镇新增就业500人以上', ['人力资源社会保障部']], ['2', '新开工保障房1000套', ['住房城乡建设部']]]);
  });

  it('reads a progress column as no time, and a bracket its writer left open ends with its cell', () => {
    const text = ['某县民生实事进度表', '序号', '项目内容', '当前进度', '牵头单位', '备注',
      '1', '新建甲园。', '80%(甲园滞后)', '县教育局', '市实事', '2', '改造乙路。', '50%(乙段未开工', '县交通局', '县实事', '3', '建成丙馆。', '95%', '县文广局', '县实事'].join('\n');
    expect(brief(text)).toEqual([['1', '新建甲园', ['县教育局'], []], ['2', '改造乙路', ['县交通局'], []], ['3', '建成丙馆', ['县文广局'], []]]);
  });

  it('takes the cells of a "|" table whole: a second unit cell is the next unit column', () => {
    const text = ['序号 |', '主要任务 |', '分管 领导 |', '牵头 单位 |', '配合单位 |', '推进情况 |', '1 |', '新建甲站。 |', '王某 |', '城管局 |', '市政局、相关街道 |', '已完成30%。 |'].join('\n');
    const plan = buildPlan({ text });
    expect(plan.tasks.map((t) => [t.path, t.leadUnits, t.assistUnits])).toEqual([['1', ['城管局'], ['市政局', '相关街道']]]);
  });

  it('reads 部门分工：A牵头，B、C配合 as a responsibility field', () => {
    expect(extractUnits('1.甲指标增长5%。\n分管领导：某某\n部门分工：省甲委牵头，各地、各部门配合。')).toMatchObject({ leadUnits: ['省甲委'], assistUnits: ['各地', '各部门'] });
  });

  it('cuts unit names that ran together and says so on the task', () => {
    const plan = buildPlan({ text: ['序号', '工作任务', '责任单位', '1', '办好甲展览。', '宣传股图书馆', '2', '办好乙展览。', '文物股'].join('\n') });
    expect(plan.tasks[0]!.units).toEqual(['宣传股', '图书馆']);
    expect(plan.tasks[0]!.warnings.join()).toMatch(/没有分隔符/);
    expect(plan.tasks[1]!.warnings).toEqual([]);
  });

  it('leaves out a last row cut off before its unit cell, and says so', () => {
    const text = ['序号 | 工作任务 | 责任单位 |', '1 | 修建甲桥。 | 县交通局 |', '2 | 修建乙桥。 | 县交通局 |', '3 | 修建丙桥，完善'].join('\n');
    const plan = buildPlan({ text });
    expect(plan.tasks.map((t) => t.path)).toEqual(['1', '2']);
    expect(plan.warnings.join()).toMatch(/截断/);
  });
});

describe('time fields and deadlines', () => {
  const ctx = { planYear: 2025, notBefore: null };
  const dates = (s: string) => extractDeadlines(s, ctx).map((d) => d.date);
  it.each([
    ['完成时限：全年', ['2025-12-31']],
    ['完成时限：2024', ['2024-12-31']],
    ['进度安排：①3月底前，召开会议，明确2025年目标。②6月底前，出台办法。', ['2025-03-31', '2025-06-30']],
    ['完成时限：2月上旬前', ['2025-02-10']],
    // the year of planned work ("2024年计划新建…") is due at its end; a start year is not
    ['2024年计划新建甲路10公里。', ['2024-12-31']],
    ['2024年起实施乙制度。', []],
  ])('%s', (text, expected) => {
    expect(dates(text)).toEqual(expected);
  });

  it.each([
    ['the year written earlier in the item, when the title gives none', { planYear: 2025, yearFromTitle: false }, ['2024-05-31', '2024-09-30']],
    ['the title\'s year first', { planYear: 2025, yearFromTitle: true }, ['2024-05-31', '2025-09-30']],
    ['the notice\'s year when the item writes none', { planYear: 2025, yearFromTitle: false }, ['2025-09-30'], '9月底前完成乙项。'],
    ['no year anywhere: no date', { planYear: null }, [null], '9月底前完成乙项。'],
  ])('a month without a year: %s', (_name, c, expected, text = '2024年5月底前完成甲项；9月底前完成乙项。') => {
    expect(extractDeadlines(text, { ...c, notBefore: null }).map((d) => d.date)).toEqual(expected);
  });
});

describe('outlines of excerpts, steps and squashed texts', () => {
  it('reads an excerpt that starts at item 5, then (四), as items at the top', () => {
    const text = '某镇宣传工作方案\n为做好宣传工作，制定本方案。\n5.组织演练。各村每年开展1次演练。\n6.开展评比。年底评选先进集体。\n(四)收集资料。于2025年11月30日前报送总结。';
    expect(brief(text).map((t) => [t[0], t[1], t[3]])).toEqual([['5', '组织演练', []], ['6', '开展评比', []], ['(四)', '收集资料', ['2025-11-30']]]);
  });

  it('reads an item of an extract that states its own units although its number does not follow on', () => {
    const text = '三、措施\n(一)甲方面。\n(二)乙方面。\n6.推行丙办法。在全县推行丙办法。(牵头单位:县甲局;责任单位:各乡镇人民政府)\n(三)丁方面。\n1.开展戊工作。开展戊工作。(县乙局负责)';
    expect(brief(text).filter((t) => (t[2] as string[]).length).map((t) => [t[0], t[2]])).toEqual([['三.(二).6', ['县甲局', '各乡镇人民政府']], ['三.(三).1', ['县乙局']]]);
  });

  it('does not start an outline at a lone "10." heading with no sibling after it', () => {
    const root = segment('前言。\n10.某某工作\n一段正文。');
    expect(root.children).toEqual([]);
  });

  it('gives the steps of 实施步骤 as tasks in a document that names no units, each due when its phase ends', () => {
    const text = '某单位垃圾分类实施方案\n一、工作目标\n实现分类全覆盖。\n二、实施步骤\n(一)准备阶段(2025年3月1日至4月15日)\n1.制定方案。明确职责。\n2.召开动员会。部署工作。\n(二)实施阶段(2025年4月16日至10月31日)\n1.配齐设施。完成配置。';
    expect(brief(text)).toEqual([
      ['二.(一).1', '制定方案', [], ['2025-04-15']],
      ['二.(一).2', '召开动员会', [], ['2025-04-15']],
      ['二.(二).1', '配齐设施', [], ['2025-10-31']],
    ]);
  });

  it('reads 第一阶段 … as outline items, but not when the phases run inline in one paragraph', () => {
    expect(markerOf('第二阶段：推进阶段。全面推进。')?.seg).toBe('第二阶段');
    expect(markerOf('第一阶段(1月)：部署。第二阶段(2月)：推进。')).toBeNull();
  });

  it('breaks a squashed text before its outline markers, and turns Р marks into paragraph breaks', () => {
    const body = '为做好工作，制定本方案。'.repeat(80);
    const squashed = `某方案${body}一、总体要求坚持原则。(一)加强甲。内容甲。1、开展甲一。内容。2、开展甲二。内容。二、重点任务(一)推进乙。内容乙。`;
    expect(splitSquashed(squashed).split('\n').map((l) => l.slice(0, 6))).toEqual(['某方案为做好', '一、总体要求', '(一)加强甲', '1、开展甲一', '2、开展甲二', '二、重点任务', '(一)推进乙']);
    expect(splitSquashed('甲工作。Р三、实施步骤Р第一阶段启动。')).toBe('甲工作。\n三、实施步骤\n第一阶段启动。');
    expect(splitSquashed(`一段很长的正文。${'内容，'.repeat(400)}其中(一)项是例子。`)).not.toContain('\n');
  });

  it('unifies small form punctuation used as outline markers', () => {
    expect(unifyWidth('1﹒推进甲项﹐落实乙项')).toBe('1.推进甲项，落实乙项');
  });
});

describe('annexes that are no task lists', () => {
  it('reads no tasks from an indicator system or a contact list, and reads an annexed task list', () => {
    const text = [
      '关于印发某考核方案的通知', '一、重点任务', '(一)完善考核制度。建立年度考核。(县卫健局负责)', '(二)加强数据核查。2025年6月底前完成。(县卫健局、县医保局负责)',
      '附件1：考核指标体系', '一、质量安全', '1.▲甲类手术占比', '2.▲乙类患者人次数', '二、运营效率', '3.丙类收入占比',
      '附件2', '联系人及联系方式', '1.县卫健局 王某 1234567',
      '附件3：重点任务清单', '1.建设丁平台。(县数据局负责)',
    ].join('\n');
    expect(brief(text).map((t) => [t[0], t[1], t[2]])).toEqual([
      ['一.(一)', '完善考核制度', ['县卫健局']], ['一.(二)', '加强数据核查', ['县卫健局', '县医保局']], ['1', '建设丁平台', ['县数据局']],
    ]);
  });
});

describe('prose with ASCII commas is not a CSV table', () => {
  it('tells prose from a CSV', () => {
    expect(proseNotCsv([['序号', '任务', '单位'], ['1', '推进甲', '县财政局'], ['2', '推进乙', '县民政局']])).toBe(false);
    expect(proseNotCsv([['一、总体要求'], ['按照部署', '结合实际', '制定本方案。'], ['1.推进甲项。加强乙', '落实丙', '完善丁。(县财政局负责)'], ['2.推进戊', '深化己。(县民政局负责)']])).toBe(true);
  });

  it('imports such a text as plain text', async () => {
    const text = '序号任务责任单位说明如下,共两项,请落实。\n一、重点任务\n1.推进甲项,加强乙项,落实丙项。(县财政局负责)\n2.推进丁项,深化戊项。(县民政局负责)\n';
    const plan = await importDocument(Buffer.from(text), { fileName: 'plan.txt' });
    expect(plan.tasks.map((t) => [t.path, t.units])).toEqual([['一.1', ['县财政局']], ['一.2', ['县民政局']]]);
  });
});

describe('rules from batch f (made-up inputs)', () => {
  it('首位单位为牵头单位 is a rule for the document, in any of its wordings, never a unit', () => {
    for (const rule of ['首位单位为牵头单位,下同', '排名第一的为牵头单位，下同', '第一位单位为牵头单位']) {
      const a = extractUnits(`1.建设口袋公园。责任单位:县住建局(${rule})、县自然资源局`);
      expect(a.units).toEqual(['县住建局', '县自然资源局']);
    }
  });

  it('an item opening with 由A负责，B、C配合 names its units', () => {
    const a = extractUnits('(二)由县教育局负责,县财政局、县人社局配合,完善乡村教师补助办法。');
    expect(a.units).toEqual(['县教育局', '县财政局', '县人社局']);
    expect(a.assistUnits).toEqual(['县财政局', '县人社局']);
    expect(extractUnits('(二)由财政资金负责兜底,加快建设。').units).toEqual([]);
  });

  it('a heading that says who leads the work below gives it to the items that name no unit; a person gives none', () => {
    const text = '某县任务清单\n一、县交通运输局牵头工作(2项)\n1.改造农村公路30公里。\n2.新增公交线路2条。\n二、李四副县长牵头重点工作\n1.建成养老服务中心。责任单位:县民政局';
    expect(brief(text).map(([p, , u]) => [p, u])).toEqual([['一.1', ['县交通运输局']], ['一.2', ['县交通运输局']], ['二.1', ['县民政局']]]);
  });

  it('a printed page number on its own line is not glued to the text before it', () => {
    const text = '某区分工方案\n一、重点任务\n1.完善社区议事规则。责任单位:区民政局、各街道办事处\n— 7 —\n2.推进老旧小区改造。责任单位:区住建委';
    expect(brief(text).map(([p, , u]) => [p, u])).toEqual([['一.1', ['区民政局', '各街道办事处']], ['一.2', ['区住建委']]]);
  });

  it('a date printed with spaces between figures and units is one date', () => {
    const ctx = { planYear: 2024, yearFromTitle: false, notBefore: '2024-01-01' };
    expect(extractDeadlines('确保到 2024 年底全面完成', ctx).map((d) => d.date)).toEqual(['2024-12-31']);
    expect(extractDeadlines('于 2024 年 6 月 30 日前完成', ctx).map((d) => d.date)).toEqual(['2024-06-30']);
  });

  it('a squashed line of 300–800 characters is split when it holds four headings or numbered items', () => {
    const items = Array.from({ length: 4 }, (_, i) => `${i + 1}.推进第${i + 1}项重点工作,细化措施,压实责任,确保取得实效,形成可复制经验。责任单位:县发改局`).join(' ');
    const line = `某县重点工作责任分解 一、经济发展 ${items} ${'各单位要高度重视,加强组织领导。'.repeat(8)}`;
    expect(line.length).toBeGreaterThan(300);
    expect(line.length).toBeLessThan(800);
    expect(splitSquashed(line).split('\n').length).toBeGreaterThanOrEqual(5);
  });
});

describe('rules from the misses of batches a–f (made-up inputs)', () => {
  it('a part of a year (下半年, 年底前) takes the year written earlier in the item when the title gives none', () => {
    const c = { planYear: 2026, yearFromTitle: false, notBefore: null };
    expect(extractDeadlines('2023年我乡拟于下半年举办甲节会。', c).map((d) => d.date)).toEqual(['2023-12-31']);
    expect(extractDeadlines('2023年我乡拟于上半年举办甲节会。', c).map((d) => d.date)).toEqual(['2023-06-30']);
    // the title's year still comes first
    expect(extractDeadlines('2023年我乡拟于下半年举办甲节会。', { ...c, yearFromTitle: true }).map((d) => d.date)).toEqual(['2026-12-31']);
  });

  it('a page counter run into a squashed page goes, the text after it stays, and its items are split even when a number follows 、', () => {
    const items = Array.from({ length: 5 }, (_, i) => `${i + 1}、2030年前完成第${i + 1}项改造，逐步推进相关配套建设，完善管护制度，形成长效机制。(县住建局负责，县财政局配合)`).join('');
    const text = `第2页共9页某县城市更新实施方案一、推进老旧片区改造(一)实施甲片区工程。${items}`;
    expect(text.length).toBeGreaterThan(300);
    const plan = buildPlan({ text });
    expect(plan.tasks.map((t) => [t.path, t.units])).toEqual(Array.from({ length: 5 }, (_, i) => [`一.(一).${i + 1}`, ['县住建局', '县财政局']]));
  });

  it('a year followed by 实现 or 达到 is the year by which a level is reached; 实现了 reports', () => {
    const c = { planYear: null, notBefore: null };
    expect(extractDeadlines('扩大甲保险覆盖面,2031年实现参保率97%以上。', c).map((d) => d.date)).toEqual(['2031-12-31']);
    expect(extractDeadlines('巩固乙成果,2031年达到省级标准。', c).map((d) => d.date)).toEqual(['2031-12-31']);
    expect(extractDeadlines('2031年实现了全覆盖。', c).map((d) => d.date)).toEqual([]);
  });

  it('joins the fixed-width numbered chunks of a sharing site back into one text, cut words included', () => {
    const body = `某村2031年工作安排 一、发展产业 1.扩大甲种植。${'新建种植基地,完善灌溉设施,引进加工企业。'.repeat(4)} 2.提升乙养殖。${'推广生态养殖,建设冷链仓储,培育养殖大户。'.repeat(5)} 二、改善环境 3.整治村容。${'清理河道垃圾,拆除违建棚舍,补种行道树木。'.repeat(3)} 4.修建道路。硬化村道5公里。`;
    const width = 120;
    const chunks = [];
    for (let i = 0; i * width < body.length; i += 1) chunks.push(`${i + 1}、${body.slice(i * width, (i + 1) * width)}`);
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(joinChunks(chunks.join('\n'))).toBe(body);
    expect(buildPlan({ text: chunks.join('\n') }).tasks.map((t) => [t.path, t.title])).toEqual([
      ['一.1', '扩大甲种植'], ['一.2', '提升乙养殖'], ['二.3', '整治村容'], ['二.4', '修建道路'],
    ]);
    // numbered lines of different lengths are items, not chunks
    const items = '1、推进甲项工作,完善制度。\n2、推进乙项工作。';
    expect(joinChunks(items)).toBe(items);
  });

  it('a phase gives its time as a dotted span in a bracket, also with the dash lost; 第三阶段。 is a phase heading', () => {
    const c = { planYear: null, notBefore: null };
    expect(extractDeadlines('动员阶段(2031.3—2031.5)成立专班。', c).map((d) => d.date)).toEqual(['2031-05-31']);
    expect(extractDeadlines('攻坚阶段(2031.62031.11)全面整治。', c).map((d) => d.date)).toEqual(['2031-11-30']);
    expect(markerOf('第三阶段。验收阶段(2031.12)')?.seg).toBe('第三阶段');
  });

  it('a section headed 要求 is a section of requirements, not of tasks', () => {
    const text = '某镇创建方案\n一、工作步骤\n第一阶段:准备阶段(2031.1-2031.2)制定方案。\n第二阶段:实施阶段(2031.3-2031.9)全面实施。\n二、要求\n1.各村要高度重视。\n2.各单位要加强配合。';
    expect(brief(text)).toEqual([['一.第一阶段', '准备阶段(2031.1-2031.2)制定方案', [], ['2031-02-28']], ['一.第二阶段', '实施阶段(2031.3-2031.9)全面实施', [], ['2031-09-30']]]);
  });

  it('leaves out a last item cut off when its units come only from a heading, or when every other item had its own unit line', () => {
    const byHeading = '某县任务清单\n一、县水务局牵头工作(3项)\n1.新建甲水厂。\n2.改造乙管网。\n3.推进丙河道整治与沿岸';
    const plan = buildPlan({ text: byHeading });
    expect(plan.tasks.map((t) => t.path)).toEqual(['一.1', '一.2']);
    expect(plan.warnings.join()).toMatch(/截断/);
    const byLines = '某区分工方案\n一、重点工作\n1.甲指标增长6%。\n责任单位:区发改局\n2.乙指标增长5%。\n责任单位:区统计局\n3.其他指标不低于全市平均水平。';
    expect(buildPlan({ text: byLines }).tasks.map((t) => t.path)).toEqual(['一.1', '一.2']);
  });

  it('in a document that names no units, a last item cut off before any time is stated is no task; one cut after its time stays, with a warning', () => {
    const text = '某镇2031年工作要点\n一、发展产业\n1.扩大甲种植。新建基地。\n2.提升乙养殖。推广生态养殖。\n3.打造丙品牌。利用现有';
    const plan = buildPlan({ text });
    expect(plan.tasks.map((t) => t.path)).toEqual(['一.1', '一.2']);
    expect(plan.warnings.join()).toMatch(/打造丙品牌.*截断/);
    const dated = buildPlan({ text: text.replace('利用现有', '6月底前完成注册,利用现有') });
    expect(dated.tasks.map((t) => t.path)).toEqual(['一.1', '一.2', '一.3']);
    expect(dated.tasks[2]!.warnings.join()).toMatch(/截断/);
  });

  it('reads the section rows of a table with one cell per line, empty sections and jumps in 序号 included', () => {
    const text = ['某局2031年重点工作分解表', '序号', '重点工作任务', '牵头单位', '配合单位',
      '一、主要预期目标', '2', '地区生产总值增长6%左右。', '县发改委', '县统计局、各乡镇人民政府。',
      '二、扩大有效投资,增强发展后劲', '三、保障改善民生,提升幸福指数', '41', '新建甲中学。', '县教育局', '县政府有关部门。',
      '42', '改造乙医院。', '县卫健委', '县财政局。'].join('\n');
    expect(brief(text).map((t) => [t[0], t[1], t[2]])).toEqual([
      ['一.2', '地区生产总值增长6%左右', ['县发改委', '县统计局', '各乡镇人民政府']],
      ['三.41', '新建甲中学', ['县教育局', '县政府有关部门']],
      ['三.42', '改造乙医院', ['县卫健委', '县财政局']],
    ]);
  });

  it('a collective after an organ (区政府有关部门, 县委各部门) is one name, not two run together', () => {
    expect(splitRunTogether('区政府有关部门', isUnitName)).toBeNull();
    expect(splitRunTogether('县委各部门', isUnitName)).toBeNull();
  });

  it('inline sub-items (1)(2) that each close with their own unit bracket are items; with one shared bracket they stay inside', () => {
    const text = '某市优化服务实施意见\n一、精简审批\n1.深化登记改革。(1)推行甲证合一。整合各类证照。(市市场监管局牵头负责)(2)推行乙办全程网办。推广电子执照。(市数据局负责，市市场监管局配合)';
    expect(brief(text).map((t) => [t[0], t[1], t[2]])).toEqual([
      ['一.1.(1)', '推行甲证合一', ['市市场监管局']],
      ['一.1.(2)', '推行乙办全程网办', ['市数据局', '市市场监管局']],
    ]);
    const shared = '1.深化登记改革。(1)推行甲证合一。(2)推行乙办全程网办。(市市场监管局负责)';
    expect(splitOwnedItems(shared)).toBe(shared);
  });

  it('reads a "|" table whose header names a category, progress and results, with a merged category cell as the section and the number in the task cell', async () => {
    const text = [
      '类别 | 实事名称 | 年度目标 | 责任单位 | 分管领导 | 1-6月完成情况 | 取得成效 | 监督电话 |',
      '二、城乡建设 | 7.新建甲公园 | 建成开放。 | 住建局 | 王某 | 完成主体。 | 群众满意。 | 1234567 |',
      '8.改造乙道路 | 完成改造3公里。 | 交通局 | 王某 | 完成1公里。 | 通行改善。 | 1234567 | |',
      '索引号: | ABC/2031-1 | 成文日期: | 2031-07-01 |',
    ].join('\n');
    const plan = await importDocument(Buffer.from(text), { fileName: 'list.txt' });
    expect(plan.tasks.map((t) => [t.path, t.title, t.units])).toEqual([['二.7', '新建甲公园', ['住建局']], ['二.8', '改造乙道路', ['交通局']]]);
  });

  it('takes 目标任务 as the task column of a progress table, never 下一步工作打算', async () => {
    const text = ['序号 | 目标任务 | 责任单位 | 完成情况 | 问题与困难 | 下一步工作打算 |', '1 | 举办甲赛事2场。 | 区体育局 | 已办1场。 | 无 | 筹备第二场工作 |', '2 | 建成乙场馆。 | 区文旅局 | 在建。 | 无 | 加快推进工作 |'].join('\n');
    const plan = await importDocument(Buffer.from(text), { fileName: 'q.txt' });
    expect(plan.tasks.map((t) => [t.path, t.title])).toEqual([['1', '举办甲赛事2场'], ['2', '建成乙场馆']]);
  });

  it('cuts names run together in a text table, but a collective of places before an organ (各乡镇卫生院) is one name', () => {
    expect(splitRunTogether('各乡镇卫生院', isUnitName)).toBeNull();
    expect(splitRunTogether('各街道社区卫生服务中心', isUnitName)).toBeNull();
    expect(splitRunTogether('区体育局某某度假区', isUnitName)).toEqual(['区体育局', '某某度假区']);
  });

  it('a time cell without a year takes the year written in the row, when the title gives none', () => {
    const text = ['某局工作任务表', '序号', '工作任务', '完成时限', '责任股室', '1', '筹办2032年甲文化节。', '4月底', '文化股', '2', '维修乙场馆。', '9月底', '体育股'].join('\n');
    expect(brief(text).map((t) => [t[0], t[3]])).toEqual([['1', ['2032-04-30']], ['2', []]]);
  });

  it('a year followed by 安排 is the year of planned work; a month that lost its 月 before 底 is read (2031年5底前)', () => {
    const c = { planYear: null, notBefore: null };
    expect(extractDeadlines('中央财政安排专项资金,2031年安排300亿元。', c).map((d) => d.date)).toEqual(['2031-12-31']);
    expect(extractDeadlines('完成时限：2031 年 5 底前', c).map((d) => d.date)).toEqual(['2031-05-31']);
  });

  it('reads a table whose 序号 column has another name, and numbered lines inside its cells as cell text', () => {
    const text = ['某局三季度重点工作完成情况', '项次', '重点工作', '牵头单位', '三季度任务分解', '进展情况',
      '1', '开展甲专项整治。', '区执法大队', '1.制定整治方案。2.启动集中整治', '1.已召开部署会(区执法大队牵头)。2.整治点位20处。',
      '2', '推进乙分类工作。', '区环卫所(分类办)', '督查考核1次。', '1.完成督查1次。2.开展宣传2次。'].join('\n');
    expect(brief(text).map((t) => [t[0], t[1], t[2]])).toEqual([['1', '开展甲专项整治', ['区执法大队']], ['2', '推进乙分类工作', ['区环卫所(分类办)']]]);
  });

  it('a short heading with nothing under it, beside sections that hold items, is a section an excerpt left out', () => {
    const text = '某市实施意见\n三、政策措施\n(一)优化营商环境。\n(二)加大金融支持。\n(三)强化用地保障。\n4.盘活存量用地。推进低效用地再开发。(牵头单位:市自然资源局;责任单位:各县区人民政府)\n(四)完善人才政策。\n1.引进高层次人才。落实安家补贴。(牵头单位:市人社局)';
    expect(brief(text).map((t) => [t[0], t[2]])).toEqual([['三.(三).4', ['市自然资源局', '各县区人民政府']], ['三.(四).1', ['市人社局']]]);
  });

  it('in a document with no units, a task section written as prose is itself a task; one that organises the work is not', () => {
    const text = ['某局2031年工作要点', '一、加强组织领导', '成立工作专班,由局长任组长,明确各股室职责分工。', '二、坚持学习引领,筑牢思想根基',
      '深入开展理论学习,组织全体干部参加专题培训,推动学习成果转化为工作成效。', '三、提升服务水平', '1.优化甲服务。推行预约办理。', '2.拓展乙服务。开通线上渠道。'].join('\n');
    expect(brief(text).map((t) => [t[0], t[1]])).toEqual([['二', '坚持学习引领,筑牢思想根基'], ['三.1', '优化甲服务'], ['三.2', '拓展乙服务']]);
  });

  it('a place in a 建设地点 column is no unit, and a row cut off in its content column before its unit cell is left out', () => {
    const text = ['某县2031年民生项目表', '序号 |', '项目名称 |', '建设地点 |', '建设内容 |', '责任单位 |',
      '1 |', '甲小学改造项目 |', '东河镇 |', '改造教学楼1栋。 |', '教体局 |',
      '2 |', '乙道路建设项目 |', '西山乡北岭村 |', '新建道路2公里。 |', '交通局 |',
      '3 |', '丙卫生院项目 |', '南湖镇 |', '改造门诊楼和病房楼等,'].join('\n');
    const plan = buildPlan({ text });
    expect(plan.tasks.map((t) => [t.path, t.units])).toEqual([['1', ['教体局']], ['2', ['交通局']]]);
    expect(plan.warnings.join()).toMatch(/截断/);
  });

  it('a last item whose unit bracket the text cuts keeps the whole names before the cut (none left: it is left out); a list cut after a whole name is read', () => {
    const head = '某区分工方案\n一、重点任务\n1.推行甲清单管理。(牵头单位:区司法局;责任单位:区政府有关部门)\n';
    const cutInName = buildPlan({ text: `${head}2.优化乙审批流程。(牵头单位:区审批局、区发改局;责任单位:区财` });
    expect(cutInName.tasks.map((t) => [t.path, t.units, t.leadUnits])).toEqual([['一.1', ['区司法局', '区政府有关部门'], ['区司法局']], ['一.2', ['区审批局', '区发改局'], ['区审批局', '区发改局']]]);
    expect(cutInName.tasks[1]!.warnings.join()).toMatch(/截断/);
    const openBracket = buildPlan({ text: `${head}2.优化乙审批流程。〔区审批局、区发改局(区数据局)` });
    expect(openBracket.tasks[1]!.units).toEqual(['区审批局', '区发改局(区数据局)']);
    const nothingWhole = buildPlan({ text: `${head}2.优化乙审批流程。(牵头单位:区审` });
    expect(nothingWhole.tasks.map((t) => t.path)).toEqual(['一.1']);
    expect(nothingWhole.warnings.join()).toMatch(/截断/);
    const cutAfterName = buildPlan({ text: `${head}2.优化乙审批流程。(区审批局、区发改局牵头,区财政局、` });
    expect(cutAfterName.tasks.map((t) => [t.path, t.units])).toEqual([['一.1', ['区司法局', '区政府有关部门']], ['一.2', ['区审批局', '区发改局', '区财政局']]]);
  });

  it('a short office name closing a run-together string is an office of the body before it', () => {
    expect(splitRunTogether('县执法大队法规科', isUnitName)).toBeNull();
    expect(splitRunTogether('市园林中心综合办', isUnitName)).toBeNull();
    expect(splitRunTogether('县执法大队县财政局', isUnitName)).toEqual(['县执法大队', '县财政局']);
    expect(splitRunTogether('宣传股图书馆', isUnitName)).toEqual(['宣传股', '图书馆']);
  });

  it('in a table laid out with single spaces, one Han character alone is the wrapped end of the cell before it', async () => {
    const text = ['某市任务分解表', '序号 类别 主要任务 责任单位 完成时限',
      '1 加强生态保 护 严守生态保护红线 市生态环境局 2031年底前',
      '2 推进节约集 约 推进节水型社会建设 市水务局 2031年6月底前'].join('\n');
    const plan = await importDocument(Buffer.from(text), { fileName: 'table.txt' });
    expect(plan.tasks.map((t) => [t.path, t.title, t.units])).toEqual([['1', '严守生态保护红线', ['市生态环境局']], ['2', '推进节水型社会建设', ['市水务局']]]);
  });

  it('a whole text on one line is split at two headings after sentence ends; a heading running into 一是 ends there', () => {
    const para = '全镇上下要坚定信心,扎实工作,确保各项目标任务圆满完成,为全年工作开好局、起好步。'.repeat(11);
    const text = `某镇2031年工作规划${para}(一)坚持党建引领,夯实基层基础3一是完成村级组织建设。二是培育示范支部3个。(二)坚持项目带动,增强发展后劲一是力争在2031年完成甲园区建设。二是新增规上企业2家。`;
    expect(text.length).toBeGreaterThan(500);
    expect(brief(text).map((t) => [t[0], t[1], t[3]])).toEqual([['(一)', '坚持党建引领,夯实基层基础', []], ['(二)', '坚持项目带动,增强发展后劲', ['2031-12-31']]]);
    // a paragraph of many lines is not a whole text on one line
    expect(splitSquashed(`标题\n${para}(一)甲。(二)乙。`)).not.toMatch(/\n\(一\)/);
  });

  it('responsibility fields in other shapes: 【牵头单位】, 责任单位为…, a time clause in the unit bracket, 按照职责分别负责', () => {
    const text = ['某县实施方案', '一、重点任务',
      '1.推进甲工作。开展甲项。【牵头单位】县发改局【配合单位】县财政局、县统计局【完成时限】2031年6月底前',
      '2.推进乙工作。开展乙项。责任单位为县住建局、各乡镇人民政府。',
      '3.推进丙工作。开展丙项。(县水利局、县农业农村局;2031年9月底前完成)',
      '4.推进丁工作。以责任单位为主体,加强协调。(县商务局、县工信局按照职责分别负责)'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.units, t.leadUnits, t.deadlines.filter((d) => d.date).map((d) => d.date)])).toEqual([
      ['一.1', ['县发改局', '县财政局', '县统计局'], ['县发改局'], ['2031-06-30']],
      ['一.2', ['县住建局', '各乡镇人民政府'], [], []],
      ['一.3', ['县水利局', '县农业农村局'], [], ['2031-09-30']],
      ['一.4', ['县商务局', '县工信局'], [], []],
    ]);
  });

  it('a header laid out with spaces whose words wrap in their column (牵头 领导, 配合 责任单位, 2031年1-3月进展情况), with rows whose cells go on after the units', () => {
    const text = ['某县重点工作进展表',
      '序号 2031年重点任务 牵头  领导 牵头  责任单位 配合   责任单位 2031年1-3月进展情况 备注',
      '12 新建甲养老中心。 赵某某 县民政局 各乡镇',
      '县财政局 进展顺利 已完成主体结构 无',
      '15 改造乙敬老院。 钱某 县民政局 县住建局 已开工 改造设计已完成 无'].join('\n');
    expect(brief(text).map((t) => [t[0], t[1], t[2]])).toEqual([
      ['12', '新建甲养老中心', ['县民政局', '各乡镇', '县财政局']],
      ['15', '改造乙敬老院', ['县民政局', '县住建局']],
    ]);
  });

  it('units opening an item in 【】, a heading that is a unit with its count of items, and 由A牵头，B配合 after the heading', () => {
    expect(brief('某县督办清单\n一、重点工作\n1.【县发改局、县统计局】推进甲工作,2031年6月底前完成。\n2.【县财政局】推进乙工作。').map((t) => [t[0], t[1], t[2]]))
      .toEqual([['一.1', '推进甲工作,2031年6月底前完成', ['县发改局', '县统计局']], ['一.2', '推进乙工作', ['县财政局']]]);
    expect(brief('某区重点工作清单\n一、区发改局(2项)\n1.推进甲项目。\n2.推进乙项目。\n二、区住建局(1项)\n1.改造丙小区。').map((t) => [t[0], t[2]]))
      .toEqual([['一.1', ['区发改局']], ['一.2', ['区发改局']], ['二.1', ['区住建局']]]);
    const a = extractUnits('(一)推进甲工作。由县发改局牵头,县财政局、县统计局配合,2031年底前完成。');
    expect([a.units, a.leadUnits, a.assistUnits]).toEqual([['县发改局', '县财政局', '县统计局'], ['县发改局'], ['县财政局', '县统计局']]);
    // one 由…负责 later in an item is the subject of a sentence
    expect(extractUnits('(一)保障经费。由县财政局负责,统筹安排资金。').units).toEqual([]);
  });

  it('a month span after a year (2031年6-9月) is due at its last month; 牵头：/配合： are labels as 牵头单位：/配合单位： are', () => {
    const c = { planYear: null, notBefore: null };
    expect(extractDeadlines('完成时限：2031年6-9月', c).map((d) => d.date)).toEqual(['2031-09-30']);
    expect(extractDeadlines('2031年3-5月前完成摸底。', c).map((d) => d.date)).toEqual(['2031-05-31']);
    const a = extractUnits('1.推进甲工作。牵头：县发改局；配合：县财政局、县统计局');
    expect([a.units, a.leadUnits, a.assistUnits]).toEqual([['县发改局', '县财政局', '县统计局'], ['县发改局'], ['县财政局', '县统计局']]);
  });

  it('a table row without its 序号 under a numbered row carries that row on, and says so', async () => {
    const text = ['某县2031年任务分解表', '序号\t工作任务\t牵头单位\t配合单位\t完成时限', '1\t推进甲工作,完善甲制度,\t县发改局\t县财政局\t2031年6月底',
      '\t建立甲台账。\t\t县统计局\t', '2\t推进乙工作。\t县住建局\t各乡镇\t2031年12月底'].join('\n');
    const plan = await importDocument(Buffer.from(text), { fileName: 'tasks.txt' });
    expect(plan.tasks.map((t) => [t.path, t.title, t.units, t.deadlines.filter((d) => d.date).map((d) => d.date)])).toEqual([
      ['1', '推进甲工作,完善甲制度,建立甲台账', ['县发改局', '县财政局', '县统计局'], ['2031-06-30']],
      ['2', '推进乙工作', ['县住建局', '各乡镇'], ['2031-12-31']],
    ]);
    expect(plan.tasks[0]!.warnings.join()).toMatch(/序号为空/);
  });

  it('more responsibility clauses: 〔牵头〕 after a name, 主抓 as a role word, a bare bracket of collectives', () => {
    const u = (t: string) => { const a = extractUnits(t); return [a.units, a.leadUnits]; };
    expect(u('1.推进甲。(责任单位:市商务局〔牵头〕、市税务局)')).toEqual([['市商务局', '市税务局'], ['市商务局']]);
    expect(u('1.推进甲。(县交通局主抓,县交警大队配合)')).toEqual([['县交通局', '县交警大队'], []]);
    expect(u('1.推进甲。(市直有关单位,各县、区人民政府)')).toEqual([['市直有关单位', '各县、区人民政府'], []]);
    // an aside is still no list of units
    expect(u('1.推进甲。(含各类民办机构)')).toEqual([[], []]);
  });
});

describe('w-import2: rules of the kinds batches g and h missed', () => {
  it('a merged unit cell after the numbered requirements of a flattened table is the unit cell of each of them', () => {
    const text = ['某局工作要点分工方案', '工作任务', '具体要求', '责任科室', '做好甲公开', '1.公开甲规划原文。',
      '规划科、县数据中心按职责分工落实', '2.归集乙信息。', '办公室', '做好丙公开', '3.公开丙清单。', '4.公开丁名单。', '法规科、审批科按职责分'].join('\n\n');
    expect(brief(text)).toEqual([
      ['1', '公开甲规划原文', ['规划科', '县数据中心'], []],
      ['2', '归集乙信息', ['办公室'], []],
      ['3', '公开丙清单', ['法规科', '审批科'], []],
      ['4', '公开丁名单', ['法规科', '审批科'], []],
    ]);
    // without a unit column in the header, a line of names after an item is no cell
    expect(brief(['某局2031年工作要点', '1.公开甲规划原文。', '办公室'].join('\n')).map((t) => t[2])).toEqual([[]]);
  });
});

describe('w-import2: deadlines', () => {
  const c = { planYear: 2031, yearFromTitle: true, notBefore: null };
  const dates = (t: string) => extractDeadlines(t, c).map((d) => d.date).sort();
  it('a quarter heading a stage of a schedule (第二季度：…) is due at the end of that quarter; a month in its bracket decides instead', () => {
    expect(dates('进度安排：第一季度:完成甲调查; 第三季度：建立乙台账; 四季度(11月份):开展丙验收。')).toEqual(['2031-03-31', '2031-09-30', '2031-11-30']);
    expect(dates('每季度：通报一次。一季度的数据显示增长')).toEqual([]);
  });
  it('with no issue date, the page\'s posting date gives the year of a month written without one (the notice\'s year, §5)', () => {
    const text = ['某县甲工作实施方案', '发布时间：2031-05-06 来源：县政府办', '一、主要任务', '1.推进甲工作,9月底前完成。(县发改局负责)'].join('\n');
    expect(brief(text).map((t) => t[3])).toEqual([['2031-09-30']]);
  });

  it('月底/本月内 in a plan for one month (3月工作计划) is the end of that month', () => {
    const text = ['某局3月工作计划', '发布日期：2031-03-02', '一、工程建设', '1.甲工程:加快进度,力争月底完成乙建设;', '2.组织丙验收,本月内完成;', '3.启动丁工程。'].join('\n');
    expect(brief(text).map((t) => t[3])).toEqual([['2031-03-31'], ['2031-03-31'], []]);
    // a plan for a year has no month to lend
    expect(extractDeadlines('力争月底完成乙建设', { planYear: 2031, notBefore: null }).map((d) => d.date)).toEqual([]);
  });
  it('a year followed by 重点 states the focus of that year\'s work and is due at its end; 2031年重点工作 names a list', () => {
    const c = { planYear: null, notBefore: null };
    expect(extractDeadlines('为全县甲类人群免费筛查,2031年重点为乙类人群筛查500人。', c).map((d) => d.date)).toEqual(['2031-12-31']);
    expect(extractDeadlines('围绕2031年重点工作开展督查。', c).map((d) => d.date)).toEqual([]);
  });
});

describe('w-import2: texts cut off', () => {
  it('a text without units that ends inside the heading of its last item: that item is no task, and the plan says so', () => {
    const text = ['某县甲工作要点', '(一)推进甲工作。完善甲制度,建立甲台账。', '(二)推进乙工作。开展乙调查,形成乙报告。', '(三)加强丙基础设施建'].join('\n');
    const plan = buildPlan({ text });
    expect(plan.tasks.map((t) => t.path)).toEqual(['(一)', '(二)']);
    expect(plan.warnings.join()).toMatch(/中间截断.*标题没有写完/);
    // cut in its body after its time, the item stays with a warning
    const body = buildPlan({ text: text.replace('(三)加强丙基础设施建', '(三)加强丙建设。年底前新建丙设施3处,改造丙') });
    expect(body.tasks.map((t) => t.path)).toEqual(['(一)', '(二)', '(三)']);
    expect(body.tasks[2]!.warnings.join()).toMatch(/中间截断/);
  });
  it('a text that ends inside a name of a 责任单位 line: the item keeps its whole names, with a warning; with none whole it is no task', () => {
    const text = ['某县甲工作任务分解', '1.推进甲工作。', '责任单位:县发改局、县财政局', '2.推进乙工作。', '责任单位:县住建局', '3.推进丙工作。', '责任单位:县住建局、县交通运'].join('\n');
    const plan = buildPlan({ text });
    expect(plan.tasks.map((t) => [t.path, t.units])).toEqual([['1', ['县发改局', '县财政局']], ['2', ['县住建局']], ['3', ['县住建局']]]);
    expect(plan.tasks[2]!.warnings.join()).toMatch(/中间截断/);
    // a place the cut left ("区县" of 区县司法局) is no unit either
    const place = buildPlan({ text: text.replace('县住建局、县交通运', '市局公法处、区县') });
    expect(place.tasks[2]!.units).toEqual(['市局公法处']);
    const none = buildPlan({ text: text.replace('县住建局、县交通运', '县交通运') });
    expect(none.tasks.map((t) => t.path)).toEqual(['1', '2']);
    expect(none.warnings.join()).toMatch(/中间截断/);
  });
});

describe('w-import2: responsibility clauses', () => {
  it('责任单位：A、B牵头，C、D — the names after the lead clause are units too; a lead-rule note in the line is none', () => {
    const u = (t: string) => { const a = extractUnits(t); return [a.units, a.leadUnits]; };
    expect(u('1.推进甲。\n责任单位:市甲局、市乙委牵头,市丙局、市丁办')).toEqual([['市甲局', '市乙委', '市丙局', '市丁办'], ['市甲局', '市乙委']]);
    expect(u('1.推进甲。\n责任单位:市甲局牵头,市丙局(列第一位的为牵头单位,下同)')).toEqual([['市甲局', '市丙局'], ['市甲局']]);
    // a sentence after the role word is still no list
    expect(u('1.推进甲。(市甲局牵头,加快推进乙工作)')[0]).toEqual([]);
  });
});

describe('w-import2: page chrome', () => {
  it('the numbered notices of a document-sharing site are chrome, not items', () => {
    const text = ['1、本文档共12页,可阅读全部内容。', '2、本网站文档一经付费(服务费),不意味着购买了版权。',
      '3、本站所有内容均由合作方或网友上传,本站不对文档的完整性做任何保证!', '4、如文档侵犯著作权,请点击“版权申诉”。',
      '某镇甲工作任务分解表', '工作内容', '责任单位', '推进甲工作', '镇党政办', '推进乙工作', '镇财政所'].join('\n');
    // nothing numbered is left but the site's notices: nothing to import, rather than four notices as tasks
    expect(() => buildPlan({ text })).toThrow();
    expect(['1、本文档共12页,可阅读全部内容。', '4、如文档侵犯著作权,请点击“版权申诉”。', '1.推进甲文档建设。'].map(isChromeLine)).toEqual([true, true, false]);
  });
});

describe('w-import2: lost characters', () => {
  it('? runs opening a line before an outline marker are lost indent: the marker opens its line', () => {
    const text = ['某镇2031年甲检查工作的通知', '一、检查时间', '2031年5月', '二、分组情况', '???(一)第一小组;', '责任单位:镇甲办、镇派出所',
      '检查范围:甲类场所。', '?(二)第二小组;', '责任单位:镇乙办', '检查范围:乙类场所。', '三、工作要求', '各小组要认真开展检查。'].join('\n');
    expect(brief(text).map((t) => [t[0], t[1], t[2]])).toEqual([['二.(一)', '第一小组', ['镇甲办', '镇派出所']], ['二.(二)', '第二小组', ['镇乙办']]]);
  });
});

describe('w-import2: squashed texts', () => {
  it('a section heading run into its first item (二、主要任务1、…) in a squashed line: the item begins its own line', () => {
    const guide = '坚持以人民为中心的发展思想,围绕甲乙丙三项重点,统筹推进各项工作,不断提高群众满意度和获得感,'.repeat(8);
    const line = `一、指导思想${guide}全面完成年度目标。二、主要任务1、建成甲示范点;2、完成乙改造;3、巩固丙成果。三、加强宣传教育1、开展丁宣传活动。2、镇文化站组织戊培训。四、工作要求各单位要高度重视。`;
    const text = ['某镇创建甲示范镇实施方案', line].join('\n');
    expect(splitSquashed(text).split('\n')).toContain('1、建成甲示范点;');
    expect(brief(text).map((t) => t[0])).toEqual(expect.arrayContaining(['二.1', '二.2', '二.3', '三.1', '三.2']));
  });
});

describe('rules from the misses of batches g and i (made-up inputs)', () => {
  it('reads items run on after the unit bracket of the one before, as a converted PDF gives them, with "." for 。', () => {
    const text = ['某区2031年甲建设行动计划', '(三)加快推进甲建设行动 7.出台《甲规划》.按照工作部署,', '', '2031 年5月底前,编制完成甲规划. (牵头单位:区住建局;', '',
      '协办单位:区发改局、各街道办) 8.编制年度甲计划.梳理项目清单;', '', '每年建设一批示范工程. (牵头单位:区水务局;', '', '协办单位:区财政局) 9.加强甲项目审批.严格把关. (牵头单位:区发改局)'].join('\n');
    const plan = buildPlan({ text });
    expect(plan.tasks.map((t) => [t.path.replace(/^.*\./, ''), t.title, t.units])).toEqual([
      ['7', '出台《甲规划》', ['区住建局', '区发改局', '各街道办']],
      ['8', '编制年度甲计划', ['区水务局', '区财政局']],
      ['9', '加强甲项目审批', ['区发改局']],
    ]);
    expect(plan.tasks[0]!.deadlines.map((d) => d.date)).toEqual(['2031-05-31']);
    // numbers that do not each close with their own units stay in the text
    const prose = buildPlan({ text: '某县甲方案\n一、主要任务\n1.推进甲工作。建成3.5公里道路,其中 2.新建部分按期完成。(县交通局负责)' });
    expect(prose.tasks.map((t) => t.path)).toEqual(['一.1']);
  });
  it('a count before its measure word is no item number: "6 条河流", "3 座水库"', () => {
    const plan = buildPlan({ text: '某县甲方案\n一、主要任务\n1.整治河流。\n6 条河流综合整治完工。(县水利局负责)\n2.加固水库。\n3 座水库除险加固。(县水利局负责)' });
    expect(plan.tasks.map((t) => t.path)).toEqual(['一.1', '一.2']);
  });
});

describe('rules from the misses of batch j (made-up inputs)', () => {
  const table = ['2031年区政府民生实事项目目标任务与责任分解表', '序号', '项目', '责任单位', '建设内容', '总投资', '(万元)', '2031年', '目标进度',
    '1', '完善甲交通设施', '区新兴产业', '服务中心', '实施甲路提升改造工程。', '4800', '一季度开工,甲路年内完成工程量的50%,', '乙路年内完成工程量的30%。',
    '区住建局', '实施丙桥改造工程。', '1000', '6月开工,年内完工。',
    '2', '提升丁防洪能力', '区农业农村局', '实施丁河道整治工程。', '19311', '6月开工', '区综合行政', '执法局', '实施戊江堤修复工程。', '4950', '7月底', '具备挡水条件'].join('\n');

  it('reads a sub-row of a table row (a second project with its own unit, content and times) into the same task', () => {
    const plan = buildPlan({ text: table });
    expect(plan.tasks.map((t) => [t.path, t.title, t.units])).toEqual([
      ['1', '完善甲交通设施', ['区新兴产业服务中心', '区住建局']],
      ['2', '提升丁防洪能力', ['区农业农村局', '区综合行政执法局']],
    ]);
  });
  it('a planned schedule column (2031年目标进度) is a time column, and in it a time before an action is a milestone: 一季度开工, 6月开工', () => {
    const plan = buildPlan({ text: table });
    expect(plan.tasks.map((t) => [...new Set(t.deadlines.filter((d) => d.kind === 'date').map((d) => d.date))].sort())).toEqual([
      ['2031-03-31', '2031-06-30', '2031-12-31'],
      ['2031-06-30', '2031-07-31'],
    ]);
    // in running text a time before 开工 still starts the work
    expect(extractDeadlines('6月开工建设甲馆。', { planYear: 2031, notBefore: null }).map((d) => d.date)).toEqual([]);
  });
});

describe('rules from the misses of batch l (made-up inputs)', () => {
  it('reads an item that opens with its year ("1.2031年底前,完成…") and a 责任单位及责任人 line, without the leader\'s post', () => {
    const text = ['某市甲能力建设主要目标任务及责任分解', '一、站点建设', '1.2031年底前,完成甲站建设,并在2032年投入使用。', '责任单位及责任人:甲县政府、市发改委、市消防支队主要领导。',
      '2.2031年底前,完成乙站改造。', '责任单位及责任人:乙区政府主要领导。'].join('\n');
    const plan = buildPlan({ text });
    expect(plan.tasks.map((t) => [t.path, t.units, t.deadlines.filter((d) => d.kind === 'date').map((d) => d.date)])).toEqual([
      ['一.1', ['甲县政府', '市发改委', '市消防支队'], ['2031-12-31', '2032-12-31']],
      ['一.2', ['乙区政府'], ['2031-12-31']],
    ]);
  });
  it('reads a table a document site ran together, header and rows on one line', () => {
    const text = '《甲分解表.docx》由会员分享。\n1、某市甲工作重点任务分解表序重点任务具体举措责任单位1开展甲行动启动甲治理,到2031年基本解决甲问题。市农业农村局、各乡镇(街道)2全面推行乙管理,降低乙风险。市农业农村局、市生态环境局3严禁丙行为,丙指标控制在0.16以内。市农业农村局';
    const plan = buildPlan({ text });
    expect(plan.tasks.map((t) => [t.path, t.units])).toEqual([
      ['1', ['市农业农村局', '各乡镇(街道)']], ['2', ['市农业农村局', '市生态环境局']], ['3', ['市农业农村局']],
    ]);
    expect(plan.tasks[0]!.deadlines.map((d) => d.date)).toEqual(['2031-12-31']);
  });
  it('reads a "|" table with a two-row header and a 考核指标 task column; a 落实情况 row that reports on items 56 and 86 gives both', () => {
    const piped = ['序号 | 项目名称 | 承办科室 | 决策依据 | 计划安排 | |', '程序环节 | 时间安排 | |', '1 | 甲规划编制 | 甲服务中心 | 《某通知》 | 征求意见 | 2031/4/25 |', '计划完成 | 2031/6/30 | |'].join('\n');
    const a = buildPlan({ text: piped, tables: textTables(piped), kind: 'txt' });
    expect(a.tasks.map((t) => [t.title, t.units, t.deadlines.map((d) => d.date)])).toEqual([['甲规划编制', ['甲服务中心'], ['2031-04-25', '2031-06-30']]]);
    const report = ['某局2031年一季度落实情况统计表', '序号', '牵头单位', '工作任务', '目前完成情况、存在问题及下一步工作措施', '完成进度(%)', '备注',
      '12', '市水利局', '56.做好甲管网改造。', '已完工32个村。', '90%', '86.深入推进河长制。', '完成22条河流的河长调整。'].join('\n');
    expect(buildPlan({ text: report }).tasks.map((t) => [t.path, t.title, t.units])).toEqual([['12.56', '做好甲管网改造', ['市水利局']], ['12.86', '深入推进河长制', ['市水利局']]]);
  });
  it('items of a section that reports work done (…完成情况) are tasks only with units of their own', () => {
    const text = ['某局2031年4月份重点工作', '一、清单内工作', '1.推进甲工程。', '责任单位:市甲局', '二、清单之外其他重要工作完成情况', '1、下发《乙方案》,共上报项目12项。', '2、启动丙赛事筹备工作。'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => t.path)).toEqual(['一.1']);
  });
});

describe('rules from the misses of batches j and k (made-up inputs)', () => {
  it('a line whose opening number was lost to a wrong decoding ("?。ǘ┩…") and that states its own units is the next item of its list', () => {
    const text = ['某市2031年重点工作事项', '一、构建甲体系', '(一)加快建设甲基地。(牵头单位:市经贸委;配合单位:市发改委)', '?。ǘ┩七M乙基地建设。(牵头单位:市发改委;配合单位:规划局)',
      '?。ㄈ┲丙园区建设。(牵头单位:市交委)', '(四)加快丁园区建设。(牵头单位:市金融办)', '?。这句只是乱码,没有单位。'].join('\n');
    const plan = buildPlan({ text });
    expect(plan.tasks.map((t) => [t.path, t.units])).toEqual([
      ['一.(一)', ['市经贸委', '市发改委']], ['一.(二)', ['市发改委', '规划局']], ['一.(三)', ['市交委']], ['一.(四)', ['市金融办']],
    ]);
  });
  it('the first item under a heading, its marker read one GBK byte late ("?。ㄒ唬┚" for "（一）"), is (一)', () => {
    const text = ['某市2031年数字政府工作要点', '一、持续提升基础能力', '?。ㄒ唬┚o扣指标任务,统筹推进甲工作。2031年底完成甲指标。(市政务服务数据管理局牵头)', '二、提升服务能力', '(一)推进乙工作。(市乙局负责)'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.units])).toEqual([['一.(一)', ['市政务服务数据管理局']], ['二.(一)', ['市乙局']]]);
  });
  it('a date signed with ○ for zero (二○○六年四月二十八日) is the issue date, and the office above it the issuer', () => {
    const plan = buildPlan({ text: ['关于印发甲工作事项的通知', '各区人民政府:', '现将《甲工作事项》印发给你们。', '某市人民政府办公厅', '二○三一年四月二十八日', '甲工作事项', '一、推进甲工作', '(一)建设甲基地。(牵头单位:市经贸委)'].join('\n') });
    expect([plan.doc.issuer, plan.doc.issuedAt]).toEqual(['某市人民政府办公厅', '2031-04-28']);
  });
});

describe('rules from the misses of batches m and n (made-up inputs)', () => {
  it('reads a one-cell-per-line 任务清单 whose category cell stands before each group\'s first 序号, with a 单位 (of measure) and a 评分部门 column', () => {
    const text = ['2031年某县甲任务清单', '考核项目', '序号', '考核指标', '考核内容', '单位', '年度目标', '责任部门', '评分部门',
      '农业高质高效', '1', '确保甲产品有效供给', '甲增加值增幅', '%', '≥2%', '县甲局', '县乙局', '市甲局',
      '2', '粮食播种面积', '万亩', '0.07', '县乙局', '市乙局',
      '乡村建设', '3', '建设美丽牧场', '个', '1', '县乙局', '市乙局'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.title, t.units])).toEqual([
      ['1', '确保甲产品有效供给', ['县甲局', '县乙局']], ['2', '粮食播种面积', ['县乙局']], ['3', '建设美丽牧场', ['县乙局']],
    ]);
  });
  it('a bracket cut by the end of the text keeps the names of each clause, without a rule it left open', () => {
    const text = '某市2031年甲措施\n一、减负\n(一)加大甲减免力度。延续实施甲政策至2032年4月30日。(市财政局、市税务局等按职责分工负责;各市、区人民政府,甲新区、乙新区管委会〔以下均需各市、区人民政府,镇(';
    const t = buildPlan({ text }).tasks[0]!;
    expect(t.units).toEqual(['市财政局', '市税务局', '各市、区人民政府', '甲新区、乙新区管委会']);
    // how long a policy runs is no deadline
    expect(t.deadlines.filter((d) => d.kind === 'date')).toEqual([]);
  });
  it('reads the issue date and the issuer from a page\'s "|" fields', () => {
    const text = ['索引号 | 001/2031-1 | 公开方式 | 主动公开 |', '发布单位 | 区政府 | 发文日期 | 2031-07-14 |', '序号 | 实事项目 | 工作举措及实施计划 | 责任单位 | 配合单位 |',
      '1 | 新建甲学校2所。 | 1.4月底前主体完工。2.8月底前竣工交付。 | 教育局 | 财政局 |', '2 | 新增乙托位500个。 | 9月底前完成。 | 卫生健康局 | 民政局 |'].join('\n');
    const plan = buildPlan({ text, tables: textTables(text), kind: 'txt' });
    expect([plan.doc.issuer, plan.doc.issuedAt]).toEqual(['区政府', '2031-07-14']);
    expect(plan.tasks.map((t) => t.deadlines.filter((d) => d.kind === 'date').map((d) => d.date))).toEqual([['2031-04-30', '2031-08-31'], ['2031-09-30']]);
  });
  it('a last name the text ends in that is cut short ("…,各县(区)人民") is no unit; "二是…" after items under "一是…" closes the last item', () => {
    const cut = buildPlan({ text: '某市2031年甲要点\n一、优化甲环境\n(一)优化甲准入。持续推进。〔牵头单位:市市场监管局;配合单位:市公安局、民政局,各县(区)人民' });
    expect(cut.tasks[0]!.units).toEqual(['市市场监管局', '市公安局', '民政局']);
    const points = ['某镇2031年工作计划', '一是推进产业。2031年我镇将实施以下项目:', '(一)甲项目:预计2031年3月开工建设。', '(二)乙项目:该项目预计2031年5月开工建设。', '二是推进党的建设。组织好、开展好学习活'].join('\n');
    expect(buildPlan({ text: points }).tasks.map((t) => t.path)).toEqual(['(一)', '(二)']);
  });
});

describe('goals that name the units answering for them (made-up inputs)', () => {
  it('an item under 总体要求和主要预期目标 that names its units is a task; one that names none is not', () => {
    const text = ['某省2031年政府工作报告重点工作部门分工', '一、落实2031年总体要求和主要预期目标', '(一)总体要求:坚持稳中求进。', '主要预期目标:经济增长6%左右(省发展改革委牵头,省统计局参与)。',
      '二、重点工作', '(一)推进甲工作。(省甲厅负责)'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.units])).toEqual([['一.(一)', ['省发展改革委', '省统计局']], ['二.(一)', ['省甲厅']]]);
    const bare = buildPlan({ text: text.replace('(省发展改革委牵头,省统计局参与)', '') });
    expect(bare.tasks.map((t) => t.path)).toEqual(['二.(一)']);
  });
});

describe('rules from the misses of batches o and p (made-up inputs)', () => {
  it('"以上工作由A负责，B配合。" after an item gives it its units', () => {
    const text = ['某市2031年交通治理工作', '一、治理甲问题', '(一)严厉查处甲行为。研究甲措施。', '以上工作由市交通局负责,各有关部门配合。', '(二)取消乙收费。', '以上工作由市城管办、规划与国土资源局负责,各区政府配合。'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.units, t.assistUnits])).toEqual([
      ['一.(一)', ['市交通局', '各有关部门'], ['各有关部门']],
      ['一.(二)', ['市城管办', '规划与国土资源局', '各区政府'], ['各区政府']],
    ]);
  });
  it('a "|" table whose unit cell holds labelled fields (牵头单位:X 责任单位:Y、Z)', () => {
    const text = ['序号 | 工作任务 | 进展情况 | 责任单位 |', '71 | 提高甲服务水平,加快甲设施建设。 | 已完成甲项目。 | 牵头单位:市文广旅游局 责任单位:市各县(市、区)政府、金华开发区管委会 |',
      '72 | 加大乙保护力度。 | 已启动。 | 牵头单位:市文广旅游局 |'].join('\n');
    const plan = buildPlan({ text, tables: textTables(text), kind: 'txt' });
    expect(plan.tasks.map((t) => [t.path, t.units, t.leadUnits])).toEqual([
      ['71', ['市文广旅游局', '市各县(市、区)政府', '金华开发区管委会'], ['市文广旅游局']], ['72', ['市文广旅游局'], ['市文广旅游局']],
    ]);
  });
  it('a one-cell-per-line extract of a long table (rows 6, 52, 53) with a stray figure cell and a second unit cell', () => {
    const text = ['某县农业农村局2031年重点工作进展表', '序号', '目标任务', '牵头责任单位', '计划完成时间', '目前完成情况', '是否达到序时进度',
      '6', '农村居民收入与经济增长同步。', '经管站', '2', '2031年底', '三季度增幅7.4%', '52', '建成高标准农田8.3万亩,确保粮食稳产。', '农田建设管理股、农业股', '2031年底', '正在施工。',
      '53', '加强农产品品牌建设,完成认证10个。', '农业股', '乡村产业发展股', '2031年底', '完成认证10个。'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.units, t.deadlines.filter((d) => d.kind === 'date').map((d) => d.date)])).toEqual([
      ['6', ['经管站'], ['2031-12-31']], ['52', ['农田建设管理股', '农业股'], ['2031-12-31']], ['53', ['农业股', '乡村产业发展股'], ['2031-12-31']],
    ]);
  });
});

describe('units a notice gives every item (made-up input)', () => {
  it('"除特别注明的外，A和B都是配合单位" adds A and B to every item as assisting units', () => {
    const text = ['某市人民政府办公室关于印发2031年甲工作责任分解的通知', '各牵头单位要充分发挥作用。除特别注明的外,各县(市、区)政府和甲开发区、乙新区管委会都是配合单位。', '2031年甲工作责任分解',
      '一、市长牵头的重点工作', '1.完成甲目标。', '牵头单位:市发改委', '配合单位:市财政局', '2.推进乙工作。', '牵头单位:市商务局'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.units, t.assistUnits])).toEqual([
      ['一.1', ['市发改委', '市财政局', '各县(市、区)政府', '甲开发区、乙新区管委会'], ['市财政局', '各县(市、区)政府', '甲开发区、乙新区管委会']],
      ['一.2', ['市商务局', '各县(市、区)政府', '甲开发区、乙新区管委会'], ['各县(市、区)政府', '甲开发区、乙新区管委会']],
    ]);
  });
});

describe('rules from the misses of batches q and r (made-up inputs)', () => {
  it('an excerpt that starts at item 84, its brackets naming places without their level before the one that has it', () => {
    const text = ['某市2031年政府工作报告目标任务责任分解方案', '84.推动甲工作。(牵头单位:市甲局;责任单位:各区人民政府)', '85.完成乙改造2000户以上。(牵头单位:市乙局;责任单位:江岸、江汉、汉阳、武昌区人民政府)'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.units])).toEqual([['84', ['市甲局', '各区人民政府']], ['85', ['市乙局', '江岸、江汉、汉阳、武昌区人民政府']]]);
  });
  it('a "|" table one cell per line whose 序号 has no header word, after a category merged over its rows', () => {
    const text = ['工作任务', '|', '具体要求', '|', '责任科室', '|', '时限要求', '|', '强化甲公开', '|', '1', '|', '对甲文件进行全面清理。', '|', '办公室', '|', '年底前', '|',
      '深化乙解读', '|', '2', '|', '积极做好乙解读工作。', '|', '各科室', '|', '持续推进', '|', '3', '|', '规范丙报告编制工作。', '|', '办公室', '|', '持续推进', '|'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.title, t.units])).toEqual([['1', '对甲文件进行全面清理', ['办公室']], ['2', '积极做好乙解读工作', ['各科室']], ['3', '规范丙报告编制工作', ['办公室']]]);
  });
  it('a line that is only units and their role ("A、B分别牵头落实") gives the item its units; a bracket the text cut keeps its whole names', () => {
    const lines = buildPlan({ text: ['某市2031年甲公开实施方案', '一、重点公开', '(一)加强甲信息公开。', '加强甲政策宣传。', '市金融办、人民银行某市中心支行分别牵头落实', '加强乙信息公开。', '市财政局牵头落实'].join('\n') });
    expect(lines.tasks[0]!.units).toEqual(['市金融办', '人民银行某市中心支行', '市财政局']);
    const cut = buildPlan({ text: '某年甲公开工作要点\n一、推进甲公开\n(一)推进审批公开。做好审批事项的公开工作。(国务院审改办、人力' });
    expect(cut.tasks[0]!.units).toEqual(['国务院审改办']);
  });
});

describe('scope lists (made-up input)', () => {
  it('a section naming what the work covers (重点整治对象, 重点整治区域, 整治重点) gives no tasks', () => {
    const text = ['某镇2031年甲整治方案', '一、整治重点', '1、镇中心街道沿街商户。', '2、各村主干道。', '二、重点整治区域', '(一)城区背街小巷。', '三、工作步骤', '(一)排查阶段(2031年3月底前)。全面排查甲问题。', '(二)整治阶段(2031年6月底前)。集中整治甲问题。'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => t.path)).toEqual(['三.(一)', '三.(二)']);
  });
});

describe('a text a sharing site served in chunks (made-up input)', () => {
  it('two chunks where the first is cut inside a sentence are one text; its (一) heading running into item 1 and "2 ." are read', () => {
    const text = ['《某镇2031年甲方案.docx》由会员分享。', '1、某镇2031年甲方案为学习宣传贯彻上级精神,满足人民群众对高品质生活的需要,持续提升城区精细化管理水平,营造良好社会风尚,结合我镇实际,制定本方案。一、工作目标2031年是甲工作关键之年,全镇上下将坚持以人民为中心,深入贯彻各项决策部署,围绕甲开展提升行动,进一步补短板、强弱项、树品牌,推动城区环境面貌持续改善,群众满意度和获得感显著提升,形成常态长效的管理机制,努力打造整洁有序的城区环境,实现2031年底甲指数测评',
      '2、达“干净”等级。二、主要任务(一)市容整治提升行动1.开展甲市场专项整治行动。对甲市场开展专项整治。(牵头单位:城管中队;责任单位:环卫所、市场所)2 .开展乙道路专项整治行动。对乙道路规范治理。(牵头单位:城管中队;责任单位:交警中队)'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.units])).toEqual([['二.(一).1', ['城管中队', '环卫所', '市场所']], ['二.(一).2', ['城管中队', '交警中队']]]);
  });
});

describe('a task written as a form (made-up input)', () => {
  it('"重点工作: | 135.统筹甲工作。 |" and "牵头单位: | 市甲局 |" lines are one task with its lead unit', () => {
    const text = ['重点工作: | 135.统筹甲治理与乙更新,促进甲分类治理。 |', '牵头单位: | 市城市管理综合执法局 |', '年度阶段性工作目标: | 第一季度:印发甲方案。 第二季度:完成50%以上。 |', '进展情况: |', '已完成。 |'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.title, t.units, t.leadUnits])).toEqual([['135', '统筹甲治理与乙更新,促进甲分类治理', ['市城市管理综合执法局'], ['市城市管理综合执法局']]]);
  });
});

describe('a bare numbered list without units (made-up input)', () => {
  it('①② under an item are its sentences: every item is a task, the one that lists 督导考核 among its work too; a last bare number is the next item cut, not this one\'s text', () => {
    const text = ['1、完善甲组织体系,实现甲工作全覆盖。', '2、甲办开展综合协调、督导考核等工作。', '3、①关闭不达标的乙养殖场。', '②完成乙养殖场改造任务。', '4、丙水体治理。', '5、严格落实丁管控制度,取缔不合规企业。', '6'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.units])).toEqual([['1', []], ['2', []], ['3', []], ['4', []], ['5', []]]);
  });
});

describe('a flattened table whose header was cut off (made-up input)', () => {
  it('rows each followed by unit lines and a person\'s name: the unit lines are the row\'s units, the person none, rows may stand out of order, units before the first row belong to no row', () => {
    const text = ['某镇甲整治任务分解表', '镇甲中心', '各村(居)', '张某某', '3、整治甲河流。加强甲河流治理,提高水质合格率。', '各村(居)', '李某', '4、开展乙整治活动。创建2个乙示范村。', '镇乙办', '各村(居)', '王某某', '1、丙垃圾清运。建设丙转运设施。', '镇丙中心', '各村(居)', '王某某'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.units])).toEqual([['3', ['各村(居)']], ['4', ['镇乙办', '各村(居)']], ['1', ['镇丙中心', '各村(居)']]]);
  });
});

describe('labels and rows run together (made-up input)', () => {
  it('a label naming its other word in brackets ("牵头科室(单位):") is a unit field', () => {
    const text = ['某局2031年重点工作任务分解', '1.建设甲创新平台,打造乙品牌。', '责任领导:张某', '牵头科室(单位):规划科、甲服务中心', '完成时限:2031年12月', '2.推动丙园区升级。', '责任部门（单位）:丙办', '完成时限:2031年6月'].join('\n');
    expect(brief(text)).toEqual([['1', '建设甲创新平台,打造乙品牌', ['规划科', '甲服务中心'], ['2031-12-31']], ['2', '推动丙园区升级', ['丙办'], ['2031-06-30']]]);
  });
  it('a header run together and rows whose unit and time cells follow the last stop at once are the rows\' fields', () => {
    const text = ['某市2031年甲工作要点分工方案', '序号省部署任务本市落实措施牵头单位责任单位完成时限', '一、优化甲审批', '(一)全面实施甲清单管理。', '1.编制并公布甲清单。市甲局要每月调度进展。市甲局市乙局市级相关单位,各区县政府、某新区管委会2031年9月底', '2.清理变相许可,11月底前完成清查。市甲局市乙局2031年11月底'].join('\n');
    expect(brief(text).map(([p, , u, d]) => [p, u, [...new Set(d as string[])]])).toEqual([['一.(一).1', ['市甲局', '市乙局', '市级相关单位', '各区县政府', '某新区管委会'], ['2031-09-30']], ['一.(一).2', ['市甲局', '市乙局'], ['2031-11-30']]]);
  });
});

describe('names and times of other offices (made-up input)', () => {
  it('a bracket of provincial departments (…厅) with no role word names the item\'s units; "/" parts a list of bodies; 年中 is the end of June', () => {
    const text = ['某省甲工作分工方案', '一、推进甲工作。加快甲项目建设。(省发展改革委、省科技厅、省工业和信息化厅、省水利厅)', '二、改善乙环境。于 2031 年底前完成乙检视,并在 2032 年中完成丙检视。(甲司长办公室/乙及福利局)'].join('\n');
    expect(brief(text)).toEqual([['一', '推进甲工作', ['省发展改革委', '省科技厅', '省工业和信息化厅', '省水利厅'], []], ['二', '改善乙环境', ['甲司长办公室', '乙及福利局'], ['2031-12-31', '2032-06-30']]]);
  });
});

describe('quarterly milestones of a form (made-up input)', () => {
  it('a long field label ("年度阶段性工作目标:") stays in the item; quarters after the item\'s year take it, one before any year is left to the admin (§5: the year written earlier)', () => {
    const text = ['重点工作: | 7.统筹甲治理与乙更新。 |', '牵头单位: | 市甲局 |', '年度阶段性工作目标: | 第一季度:印发甲治理方案,明确我市2031年目标任务。 第二季度:完成任务50%以上。 第三季度:完成90%以上。 第四季度:全面完成。 |', '进展情况、存在问题 及下一步工作建议: |', '已完成。 |'].join('\n');
    expect(brief(text)).toEqual([['7', '统筹甲治理与乙更新', ['市甲局'], ['2031-06-30', '2031-09-30', '2031-12-31']]]);
    expect(buildPlan({ text }).tasks[0]!.deadlines[0]).toMatchObject({ raw: '第一季度', date: null });
  });
});

describe('rules from the misses of batches w and x (made-up inputs)', () => {
  it('工作安排 is a schedule: in a text naming no units its dated items are the tasks', () => {
    const text = ['某镇甲活动工作方案', '一、目标任务', '深入开展甲活动,提升乙能力。', '二、工作安排', '(一)甲知识竞赛(完成时限:2031年4月30日前)', '组织初赛和决赛。', '(二)乙演讲比赛(完成时限:2031年9月30日前)', '组织开展乙比赛。', '三、有关要求', '(一)各单位要充分认识甲活动的意义。'].join('\n');
    expect(brief(text).map(([p, , u, d]) => [p, u, d])).toEqual([['二.(一)', [], ['2031-04-30']], ['二.(二)', [], ['2031-09-30']]]);
  });
  it('a table cell of names apart by spaces names each', () => {
    const text = ['【落实情况】某局2031年《甲报告》主要任务上半年落实情况', '序号 |', '主要任务 |', '牵头单位 |', '落实情况 |', '11 |', '提升甲水平,推进甲改造。 |', '市戊局、市己局 |', '完成甲改造3处,解决问题2000余个。 |', '12 |', '支持甲、乙、丙等事业发展。 |', '市甲部 市乙台 市丙局 市丁管理中心 |', '完成甲接待15批次,服务来宾1744人次。 |'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.units])).toEqual([['11', ['市戊局', '市己局']], ['12', ['市甲部', '市乙台', '市丙局', '市丁管理中心']]]);
    // a title that names its issuer before the year is no column word, whatever it ends with
    const titled = text.replace('【落实情况】某局2031年《甲报告》主要任务上半年落实情况', '某局2031年甲任务落实情况');
    expect(buildPlan({ text: titled }).tasks.map((t) => t.path)).toEqual(['11', '12']);
  });
  it('a numbered place whose (1)(2) problems share one "问题整改责任单位:" line is one task with that unit', () => {
    const text = ['甲督查发现的问题如下:', '1. 市甲馆', '(1)院内车辆未按区域停放;', '(2)灭火器过期未更换。', '问题整改责任单位:市甲馆 整改时限:3天', '2. 市乙医院', '(1)禁烟标识不达标;', '(2)宣传牌不规范。', '问题整改责任单位:市卫生健康委员会 整改时限:5天'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.title, t.units])).toEqual([['1', '市甲馆', ['市甲馆']], ['2', '市乙医院', ['市卫生健康委员会']]]);
  });
  it('今年 and 明年 count from the year the notice was signed in', () => {
    const text = ['某区人民政府办公室关于印发2032年甲任务分解的通知', '各部门:', '现印发给你们。', '2031年12月27日', '2032年甲任务分解', '一、推进甲建设', '1.建设甲园区,明年7月份建成,明年年底前投用。(责任单位:甲园区管委会)'].join('\n');
    expect(brief(text)[0]![3]).toEqual(['2032-07-31', '2032-12-31']);
  });
});

describe('chunks of a sharing site (made-up input)', () => {
  it('two chunks of about one width are one text even when the first ends on a bracket and the last, cut where the page ends, runs a few characters longer', () => {
    const a = '某镇甲活动工作方案为建设一支活力足、能力强、效率高的甲队伍,培育发展型乙干部队伍,激发甲效应,持续推进丙振兴,结合实际,制定本方案。一、目标任务深入实施甲工程,以甲领飞丙振兴为主题,组织开展全镇村(社区)党组织书记的比武,推动党组织书记能力素质进一步提升、干事创业精神进一步提振、服务群众意识进一步提高,建强组织群众、宣传群众、凝聚群众、服务群众的基层组织。二、工作安排(一)甲知识竞赛(完成时限:2031年4月30日前)组织各村(社区)党组织书记举行初赛,推选3名优秀的村(社区)';
    const rest = '党组织书记代表镇党委参加县级决赛。(二)乙演讲比赛(完成时限:2031年9月30日前)组织开展乙比赛初赛,比选出1名选手参加县级决赛。(三)丙座谈会(完成时限:2031年7月15日前)。召开丙座谈会,研究解决存在的问题,总结经验做法,提出下步打算。三、有关要求(一)各党组织要充分认识开展甲工作的重要意义,认真谋划、精心准备参赛,不能走形式、走过场。(二)党建办要落实参赛人员的后勤保障。同时,督促指导党组织书记主动学习,充分做好赛前准备,确保各项活动取得实效,形成比学赶超、争先创优的良好氛围,推动各项工作落地见效。';
    const b = rest.slice(0, a.length + 3);
    expect(b.length).toBe(a.length + 3);
    expect(joinChunks(`1、${a}\n2、${b}`)).toBe(a + b);
    // two short items of a list stay items
    expect(joinChunks('1、甲工作(县甲局负责)\n2、乙工作(县乙局负责)')).toBe('1、甲工作(县甲局负责)\n2、乙工作(县乙局负责)');
  });
});

describe('header notes and wrapped unit fields (made-up input)', () => {
  it('a header cell with a note in brackets names its column; a unit field wrapped onto a line of names goes on there, a name broken by the line does not', () => {
    const table = ['某局2031年工作任务完成情况统计表 | ||||', '序号 | 2031年全年工作任务 | 主要责任单位 | 2031年全年任务完成情况(必填项) | 进度情况(必填项,请在“达进度”“欠进度”中选择一项填写) |', '7 | 持续开展甲行动,试点创建无甲小区 | 甲执法局 | 一、持续开展甲行动。本年度共办结甲线索413起。 | 已办结 |', '8 | 推进乙整治 | 乙局 | 完成乙整治12处。 | 达进度 |'].join('\n');
    expect(buildPlan({ text: table }).tasks.map((t) => [t.path, t.units])).toEqual([['7', ['甲执法局']], ['8', ['乙局']]]);
    const wrapped = ['某县甲攻坚战实施方案', '三、工作任务', '(一)实施甲治理', '1.深入开展甲整治。2031年10月底前,全面消除甲。', '牵头单位:县住建局', '配合单位:县发改委、环保局', '各乡镇(街道)、甲建管办', '2.推进乙建设。2031年12月底前完成。', '牵头单位:县水利局', '配合单位:县财政局、园区党工', '委、各街道党工委'].join('\n');
    const [first, second] = buildPlan({ text: wrapped }).tasks.map((t) => t.units);
    expect(first).toEqual(['县住建局', '县发改委', '环保局', '各乡镇(街道)', '甲建管办']);
    expect(second).toEqual(expect.arrayContaining(['县水利局', '县财政局']));
    expect(second).not.toContain('委');
  });
});

describe('the year of a notice known only by its number (made-up input)', () => {
  it('with no date signed, 年内 and months without a year take the year the 文号 bears', () => {
    const text = ['某部关于落实甲重点工作分工的意见', '某发〔2031〕6号', '各有关单位:', '现就甲重点工作提出分工意见如下:', '一、推进甲工作', '1.坚决打好甲攻坚战。(某部各司局分别负责,年内持续推进)', '2.完成乙改造。(人事司负责,9月底前完成)', '3.推进丙工作。(办公厅负责,年内完成)'].join('\n');
    expect(brief(text).map(([p, , , d]) => [p, d])).toEqual([['一.1', ['2031-12-31']], ['一.2', ['2031-09-30']], ['一.3', ['2031-12-31']]]);
  });
});

describe('rules from the misses of batches y and z (made-up inputs)', () => {
  it('a table run together that starts at row 21, rows ending in a role word, cells naming 牵头/配合/落实', () => {
    const text = ['(上接第二版)', '序号工作任务责任单位21树立甲新风。发挥媒体作用。省委甲部、省乙厅牵头;省丙会配合;各州(市)党委和政府落实22实行乙扶助动态调整机制。地方各级政府应当发放乙补贴。省丁厅牵头;省甲联席会议成员单位配合;各州(市)党委和政府落实'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.units])).toEqual([['21', ['省委甲部', '省乙厅', '省丙会', '各州(市)党委和政府']], ['22', ['省丁厅', '省甲联席会议成员单位', '各州(市)党委和政府']]]);
  });
  it('"主办:" and "承办:" fields of an activity name its units', () => {
    const text = ['某省甲活动方案', '一、全省统一活动', '(一)召开甲建设启动会', '时间:2031年4月下旬', '主办:某省甲委员会', '承办:某市甲委员会', '(二)制作甲专题图册', '时间:2031年2—4月', '主办:某省甲委员会办公室'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.units])).toEqual([['一.(一)', ['某省甲委员会', '某市甲委员会']], ['一.(二)', ['某省甲委员会办公室']]]);
  });
  it('a number with a stop before a measure word opens an item ("3.万元…"), not a figure', () => {
    const text = ['某市2031年政府工作主要任务责任分解', '一、主要目标', '1.地区生产总值增长8%。(市发改委)', '2.财政收入增长6%。(市财政局)', '3.万元生产总值能耗下降3%。(市经信局、生态环境局)', '4.固定资产投资增长10%。(市发改委)'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => t.path)).toEqual(['一.1', '一.2', '一.3', '一.4']);
  });
});

describe('a bracket that states the lead rule (made-up input)', () => {
  it('"(A、B、C。排名第一的为牵头单位,下同)": every listed piece is a unit, a name the recogniser does not know too', () => {
    const text = ['某市人民政府关于落实甲责任制的实施意见', '一、强化甲意识', '(一)增强甲安全意识。把甲安全放在突出位置。(市发改委、市农委、各县市区人民政府、中储甲某直属库。排名第一的为牵头单位,下同)', '(二)明确政府的甲责任。全面加强甲能力建设。(市农委、市财政局)'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.units, t.leadUnits])).toEqual([['一.(一)', ['市发改委', '市农委', '各县市区人民政府', '中储甲某直属库'], ['市发改委']], ['一.(二)', ['市农委', '市财政局'], ['市农委']]]);
  });
});

describe('a text on one line cut before its 二、 (made-up input)', () => {
  it('its 一、 after a sentence end with (一) and (二) under it is broken into its items', () => {
    const text = ['某省甲工作要点', '某省甲工作要点 为深入贯彻甲决策部署,持续推进简政放权、放管结合、优化服务改革,加快政府职能转变,着力打造市场化、法治化营商环境,结合实际,制定以下工作要点。 一、持续深化甲审批制度改革 (一)完善甲清单制度。修订甲清单动态调整管理办法,完善甲清单动态管理机制,根据法律法规调整情况,及时调整甲清单,并通过政务服务网向社会公布。完善甲事项的设定依据、实施机关、办理程序、办理时限、申请材料等要素。〔省委编办牵头,省直有关部门(单位)及各市(州)人民政府按职责分工负责〕 (二)精简甲许可事项。通过取消、委托、下放等方式,再取消下放一批省、市两级许可事项,进一步激发市场活力。〔省政府办公厅、省委编办按职责牵头,省直有关部门(单位)及'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.units])).toEqual([['一.(一)', ['省委编办', '省直有关部门(单位)', '各市(州)人民政府']], ['一.(二)', ['省政府办公厅', '省委编办', '省直有关部门(单位)']]]);
  });
});

describe('a form without "|" (made-up input)', () => {
  it('"重点工作: …" and "牵头单位: …" lines under a "任务N" heading are task N with its lead unit', () => {
    const text = ['任务47', '重点工作: 全面推行甲长制。', '牵头单位: 市甲园林局', '年度阶段性工作目标: 第一季度:成立甲工作专班。', '第二季度:总结甲试点经验。', '进展情况、存在问题', '及下一步工作建议:', '已完成。'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.path, t.title, t.units, t.leadUnits])).toEqual([['47', '全面推行甲长制', ['市甲园林局'], ['市甲园林局']]]);
  });
});

describe('rules from the misses of batches aa and ab (made-up inputs)', () => {
  it('an excerpt opening at item 15 of a section whose heading is lost: items 15–17 are tasks beside 二、\'s', () => {
    const text = ['某县关于印发甲创建实施方案的通知', '15、县联席会议下发加强甲工作的文件。', '16、制定年度甲工作计划,明确工作目标。', '17、每年7月10日前报告本地上半年甲工作情况。', '二、乡镇人民政府', '1、成立甲工作机构,明确职责。', '2、在每个行政村设立甲信息员。'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => t.path)).toEqual(['15', '16', '17', '二.1', '二.2']);
  });
  it('"(第一责任单位为牵头单位,下同)" states the lead rule, naming no unit', () => {
    const text = ['某市优化甲环境若干措施', '一、营造公平竞争环境', '(一)推进甲机制建设,确保甲协议落实到位。', '责任单位:市发改委、市财政局(第一责任单位为牵头单位,下同)', '时限要求:持续推进', '(二)落实统一的乙政策。', '责任单位:市建设局、市交通局', '时限要求:持续推进'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => [t.units, t.leadUnits])).toEqual([[['市发改委', '市财政局'], ['市发改委']], [['市建设局', '市交通局'], ['市建设局']]]);
  });
  it('a unit label alone on its line without a colon, its names on the next', () => {
    const text = ['全县甲实践活动项目进展情况', '01 项目名称:提升甲环境', '项目内容:', '新改建公共厕所5座。', '责任单位:', '水务局、城管局', '进展与成效:', '已完成招标。', '02 项目名称:加大乙惠民力度', '项目内容:', '新建城市书房1个。', '责任单位', '文广旅局', '进展与成效:', '已确定建设地址。'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => t.units)).toEqual([['水务局', '城管局'], ['文广旅局']]);
  });
});

describe('a marker whose opening bracket a conversion lost (made-up input)', () => {
  it('"三)加强…" is item (三)', () => {
    const text = ['三、加快推进甲事业发展的主要工作任务', '三)加强甲监测台网建设。优化台站布局,加大台站密度。', '四)提升甲预测研究水平。健全完善甲跟踪工作制度。', '五)加强甲群测群防网络建设。落实甲经费。'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => t.path)).toEqual(['三.(三)', '三.(四)', '三.(五)']);
  });
});

describe('an excerpt whose items have long first sentences (made-up input)', () => {
  it('"61.…(牵头单位:…)" after a (十六) heading is an item though its first sentence runs long, as its unit bracket ends its line', () => {
    const text = ['(十六)更大力度强甲创。', '61.深化与甲高校产学研全领域合作,积极搭建更多校企科研合作平台,建设先进甲工程研究中心,探索成立乙产业发展研究院,建立健全成果转化机制。(牵头单位:县科经局;责任单位:县甲领导小组成员单位)', '62.深入实施人才强县工程,聚焦重点产业、重点领域,精准引进高端创新人才和高水平创新团队,夯实甲创新的人才根基。(责任单位:县委人才工作领导小组成员单位)', '63.全力推进甲示范县创建。(责任单位:县市场监管局)', '(十七)办好人民满意甲教育。', '64.坚持甲教育优先发展,启动甲幼儿园建设,改扩建一批乡镇中心幼儿园和村级公办幼儿园,加快新城区初中建设。(牵头单位:县教育局;责任单位:县交通运输局)'].join('\n');
    expect(buildPlan({ text }).tasks.map((t) => t.path)).toEqual(['(十六).61', '(十六).62', '(十六).63', '(十七).64']);
  });
});

describe('years of an item: the past, completions, a text with only its opening to date it (made-up inputs)', () => {
  const open = { planYear: null, yearFromTitle: false, notBefore: null };
  const dates = (s: string, c: object = open) => extractDeadlines(s, { ...open, ...c }).map((d) => d.date);
  it.each([
    // "2011年以来" is where a count starts, no year of the work: the month takes the notice's year
    ['对2011年以来的问题进行梳理,于8月20日前上报', { planYear: 2031 }, ['2031-08-20']],
    ['2031年启动甲项目,2032年全面建成', {}, ['2032-12-31']],
    ['稳步推进项目建设,争取今年全部完工', { writtenYear: 2031 }, ['2031-12-31']],
    ['今年完成了80%', { writtenYear: 2031 }, []],
  ])('%s', (text, c, expected) => {
    expect(dates(text, c)).toEqual(expected);
  });
  it('a text with no title, number or notice dates its months by the year its opening lines speak in', () => {
    const text = ['根据《甲省关于推进乙工作的意见》(甲发〔2031〕6号)精神,结合实际,制定本方案。', '一、主要任务', '1.建设服务平台。(责任单位:区甲局,时限要求:7月底前完成)', '2.完善服务网络。(责任单位:区乙局)'].join('\n');
    expect(brief(text)[0]![3]).toEqual(['2031-07-31']);
  });
});

describe('an item number run into the count that opens the item (made-up input)', () => {
  it('"2.50个甲点…" after item 1 is item 2 on 50 点; a decimal elsewhere stays a figure and "2.1加强…" no item 2', () => {
    const text = ['2031年区政府实事', '1.新增甲设施400台。(责任单位:区甲局)', '2.50个小区新增乙设施。(责任单位:区乙局)', '3.开设40个丙点。(责任单位:区丙局)', '4.460个活动室提供不少于2300场活动。(责任单位:区丁局)'].join('\n');
    expect(brief(text).map((t) => [t[0], t[1]])).toEqual([['1', '新增甲设施400台'], ['2', '50个小区新增乙设施'], ['3', '开设40个丙点'], ['4', '460个活动室提供不少于2300场活动']]);
    const sub = ['1.甲工作', '1.1加强甲管理。(责任单位:区甲局)', '2.1加强乙管理。(责任单位:区乙局)'].join('\n');
    expect(brief(sub).map((t) => t[0])).not.toContain('2');
    const figure = ['1.推进甲工作。(责任单位:区甲局)', '3.5个百分点的增幅须保持。(责任单位:区乙局)'].join('\n');
    expect(brief(figure).map((t) => t[0])).toEqual(['1']);
  });
});

describe('a heading is what its last word names (made-up input)', () => {
  it('"(一)主要目标任务" and "(一)主要工作目标" are goals: their dated sentence is no task, the items of "(二)具体任务" are', () => {
    const text = ['六、甲馆', '(一)主要目标任务', '2031年4月20日前项目整体完工。', '(二)具体任务、完成时限及责任单位', '1.甲馆布展,4月20日前完成。', '责任单位:市甲局。', '七、乙中心', '(一)主要工作目标', '2032年4月30日前主体封顶。', '(二)具体任务、完成时限及责任单位', '1.乙工程,3月中旬完成。', '责任单位:市乙公司。'].join('\n');
    expect(brief(text).map((t) => t[0])).toEqual(['六.(二).1', '七.(二).1']);
  });
});

describe('a text that ends with its last item\'s unit line (made-up input)', () => {
  it('"责任单位:市乙局。" closing the text is a whole list: the last item stays, with its unit', () => {
    const text = ['一、甲工作', '1.乙工程建设,3月中旬完成。', '责任单位:市甲局。', '2.丙工程建设,5月完成。', '责任单位:市乙局。'].join('\n');
    expect(brief(text).map((t) => [t[0], t[2]])).toEqual([['一.1', ['市甲局']], ['一.2', ['市乙局']]]);
    expect(buildPlan({ text }).warnings.join()).not.toContain('截断');
  });
});

describe('items numbered through a squashed text, and a mark after an item number (made-up inputs)', () => {
  it('"(二)乙行动5.打造…" after item 4 starts item 5 on its line; a gap of a skipped item too; a figure far from the count does not', () => {
    const guide = '为推进甲事业高质量发展,结合本区实际,制定本方案,各单位要统筹推进各项工作,'.repeat(4);
    const line = `某区甲事业发展行动方案${guide}一、总体要求坚持稳中求进。二、重点任务(一)建设甲体系行动1.推进甲医院建设,(责任单位:区甲局、区乙局等)2.加强甲科室建设,(责任单位:区甲局)4.开展甲惠民行动,(责任单位:区丙局)(二)提升甲能力行动5.打造甲示范品牌,(责任单位:区甲局、区丁局等)(三)培养甲人才行动7.加强甲人才队伍建设,(责任单位:区戊局)(四)丙行动90.5亿元以上投资完成,(责任单位:区己局)三、组织实施各单位要加强领导。`;
    const tasks = brief(line);
    expect(tasks.map((t) => t[0])).toEqual(expect.arrayContaining(['二.(一).1', '二.(一).2', '二.(一).4', '二.(二).5', '二.(三).7']));
    expect(tasks.find((t) => t[0] === '二.(二).5')?.[2]).toEqual(['区甲局', '区丁局']);
    expect(tasks.map((t) => t[0])).not.toContain('二.(四).90');
  });
  it('"1* .开展…" and "2★、推进…": a mark between an item number and its stop leaves the number the item\'s', () => {
    expect(markerOf('1* .开展甲改革。')?.seg).toBe('1');
    expect(markerOf('2★、推进乙工作。')?.rest).toBe('推进乙工作。');
    expect(markerOf('3*5个点位')).toBeNull();
    const text = ['一、甲工作', '(一)乙事项。', '1* .开展甲改革。(责任单位:区甲局)', '2*.推进乙登记。(责任单位:区乙局)'].join('\n');
    expect(brief(text).map((t) => [t[0], t[1]])).toEqual([['一.(一).1', '开展甲改革'], ['一.(一).2', '推进乙登记']]);
  });
});

describe('a "|" table with columns the reader has no word for, and figures among its cells (made-up input)', () => {
  it('reads past unknown header words to the time column, and a figure cell (户数 5) before the row\'s time is no row', () => {
    const text = ['某局2031年抽查工作计划', '序号 |', '责任股室 |', '任务名称 |', '抽查对象 |', '抽查方式 |', '拟抽查户数 |', '完成时间 |',
      '1 |', '甲股 |', '甲事项的检查 |', '各类经营者 |', '定向抽查 |', '5 |', '2031年10月10日前 |',
      '2 |', '乙股 |', '乙事项的检查 |', '各类经营者 |', '随机抽查 |', '4 |', '2031年11月15日前 |',
      '3 |', '丙股 |', '丙事项的检查 |', '有关单位 |', '定向抽查 |', '12 |', '2031年12月1日前 |'].join('\n');
    const tasks = brief(text);
    expect(tasks.map((t) => [t[0], t[1]])).toEqual([['1', '甲事项的检查'], ['2', '乙事项的检查'], ['3', '丙事项的检查']]);
    expect(tasks.map((t) => t[3])).toEqual([['2031-10-10'], ['2031-11-15'], ['2031-12-01']]);
  });
});

describe('rules from the misses of batch ag (made-up inputs)', () => {
  it('a last item cut after it states its time, before its units, stays with a warning; one cut before any time goes', () => {
    const head = ['一、甲工作', '(一)推进甲。2031年底前完成甲。(市甲局负责)', '(二)推进乙。2031年6月底前完成乙。(市乙局负责)'];
    const dated = buildPlan({ text: [...head, '(三)推进丙。2032年3月底前,市丙局制定丙办法,各县区'].join('\n') });
    expect(dated.tasks.map((t) => t.path)).toEqual(['一.(一)', '一.(二)', '一.(三)']);
    expect(dated.tasks[2]!.deadlines.map((d) => d.date)).toEqual(['2032-03-31']);
    expect(dated.tasks[2]!.warnings.join()).toContain('截断');
    const undated = buildPlan({ text: [...head, '(三)推进丙。市丙局制定丙办法,各县区'].join('\n') });
    expect(undated.tasks.map((t) => t.path)).toEqual(['一.(一)', '一.(二)']);
  });

  it('"由A承办，B、C配合。" on the line after a heading names the item\'s units; 承办 is no lead', () => {
    const text = ['某乡甲工程实施方案', '一、治理甲污染', '由乡甲中心承办,乡乙站、卫生院配合。', '治理目标:甲合格率达到98%以上。', '二、治理乙污染', '由乡丙站承办,派出所配合。', '治理目标:乙合格率达到95%以上。'].join('\n');
    expect(brief(text).map((t) => [t[0], t[2]])).toEqual([['一', ['乡甲中心', '乡乙站', '卫生院']], ['二', ['乡丙站', '派出所']]]);
  });

  it('a labelled list in a bracket that states the lead rule: "(责任部门:A局、B委。列第一位的为牵头部门,下同)"', () => {
    const text = ['一、甲治理', '(一)甲设施改造。2031年底前完成。(责任部门:市甲局、乙委。列第一位的为牵头部门,其他有关部门按职责分工负责,下同)', '(二)乙整治。2031年6月底前完成。(责任部门:市丙局、丁委)'].join('\n');
    const plan = buildPlan({ text });
    expect(plan.tasks.map((t) => [t.units, t.leadUnits])).toEqual([[['市甲局', '乙委'], ['市甲局']], [['市丙局', '丁委'], ['市丙局']]]);
  });
});

describe('rules from the misses of batch ah (made-up inputs)', () => {
  it('a "|" table whose header the page cut off is read by its rows: number, task text, a column of unit names', () => {
    const text = ['1 | 完成甲校空调改造,新装空调100台。 | 县甲局 | 已安装80台。 | 按时序推进 |', '|', '2 | 建成乙中心3家。 | 县乙局 | 2家完工。 | 按时序推进 |', '|',
      '3 | 改造丙路口20个。 | 县丙局、县丁局 | 已完成排查。 | 按时序推进 |'].join('\n');
    const tasks = buildPlan({ text, tables: textTables(text) }).tasks.map((t) => [t.path, t.title, t.units]);
    expect(tasks).toEqual([['1', '完成甲校空调改造,新装空调100台', ['县甲局']], ['2', '建成乙中心3家', ['县乙局']], ['3', '改造丙路口20个', ['县丙局', '县丁局']]]);
  });

  it('an item laid out as numbered fields (责任领导, 责任单位, 协办单位, 完成时限) is one task with those fields', () => {
    const text = ['某市2031年十件实事任务分解方案', '(六)完成时限:2031年内', '一、建设甲工程', '(一)责任领导:张某', '(二)责任单位:市甲局', '(三)协办单位:市乙局、各县区政府',
      '(四)项目内容及任务分解:', '1、新建甲设施50处。', '2、改造乙设施20处。', '(五)完成时限:2031年底', '二、实施乙工程', '(一)责任领导:李某', '(二)责任单位:市丙局', '(三)完成时限:2031年10月底'].join('\n');
    const plan = buildPlan({ text });
    expect(plan.tasks.map((t) => [t.path, t.units, t.assistUnits, t.deadlines.map((d) => d.date)])).toEqual([
      ['一', ['市甲局', '市乙局', '各县区政府'], ['市乙局', '各县区政府'], ['2031-12-31']],
      ['二', ['市丙局'], [], ['2031-10-31']],
    ]);
  });

  it('a section that ranks places ("各县区进度综合排名") lists no work', () => {
    const text = ['某市民生工程进度通报', '一、各县区实施进度综合排名', '1、甲县;2、乙区;3、丙县。', '二、部分项目进展情况', '1、技能培训提升,牵头单位:市甲局。', '2、养老服务,牵头单位:市乙局。'].join('\n');
    expect(brief(text).map((t) => t[0])).toEqual(['二.1', '二.2']);
  });
});

describe('rules from the misses of batch ai (made-up inputs)', () => {
  it('a text salted against scraping: the ASCII runs at line ends go, and items whose number runs into them are numbered again', () => {
    const text = ['某市2031年民生实事项目 ?}0 ,o.', '一,甲品质提升工程 >j/w@Fj', '1开展甲计划 ![1rzQvGDb', '2甲设施提升 -~1~I', 'e2', '3甲布局优化 TxD#9]Q`',
      '二,乙服务提效工程 2 nCA<&', '1乙院体制改革 6\'/ #+,d\'', '2加强乙能力建设 qna8|3eP', '三,丙品质跃升工程 S\'" Df5', '1开展丙小区改造工程 6Oq7#3]'].join('\n');
    expect(brief(text).map((t) => [t[0], t[1]])).toEqual([['一.1', '开展甲计划'], ['一.2', '甲设施提升'], ['一.3', '甲布局优化'], ['二.1', '乙院体制改革'], ['二.2', '加强乙能力建设'], ['三.1', '开展丙小区改造工程']]);
  });

  it('a line ending in a word, a figure or an address is no noise, and a text with few such lines is left alone', () => {
    const text = ['一、甲工作', '1.推进甲工程,新建5G基站 100个。(市甲局负责)', '2.建设乙平台 www.example.cn。(市乙局负责)'].join('\n');
    expect(brief(text).map((t) => t[1])).toEqual(['推进甲工程,新建5G基站 100个', '建设乙平台 www.example.cn']);
  });
});

describe('a table one cell per line with a column for each year (made-up input)', () => {
  it('year columns under "年度目标" take its place; what a row states under a year is due at its end; a section numeral in a cell of its own', () => {
    const text = ['序号', '|', '任务事项', '|', '年度目标', '|', '牵头责任', '部门', '|', '主要参与部门', '|', '2031年度', '|', '2032年度', '|',
      '一', '|', '甲安全保障方面', '|', '1', '|', '甲设施建设', '|', '当年完成100公里甲设施。', '|', '完成当年甲设施任务。', '|', '市甲处', '|', '各区甲管理部门', '|',
      '2', '|', '乙桥改造', '|', '2031-2032年,完成乙桥改造。', '|', '市乙处', '|', '各区乙管理部门', '|'].join('\n');
    const plan = buildPlan({ text });
    expect(plan.tasks.map((t) => [t.path, t.title, t.units, t.deadlines.map((d) => d.date)])).toEqual([
      ['一.1', '甲设施建设', ['市甲处', '各区甲管理部门'], ['2031-12-31', '2032-12-31']],
      ['一.2', '乙桥改造', ['市乙处', '各区乙管理部门'], ['2032-12-31']],
    ]);
  });
});

describe('a unit line closing a list (made-up input)', () => {
  it('"责任单位:市甲局" after the last item, where no item names a unit of its own, is the whole list\'s', () => {
    const text = ['【目标任务】', '培育甲单位不少于40个。', '【推进措施】', '1.开展甲培育活动,培育甲单位不少于40个。', '2.将甲指标纳入考核,对成效明显的地方予以激励。', '责任单位:市甲局', '联 系 人:张某'].join('\n');
    expect(brief(text).map((t) => [t[0], t[2]])).toEqual([['1', ['市甲局']], ['2', ['市甲局']]]);
    const own = ['一、甲工作', '1.开展甲培育。(市乙局负责)', '2.推进甲考核。', '责任单位:市甲局'].join('\n');
    expect(brief(own).map((t) => [t[0], t[2]])).toEqual([['一.1', ['市乙局']], ['一.2', ['市甲局']]]);
  });
});

describe('batches aj and ak: layouts and words met on their first run (made-up input)', () => {
  it('a list run onto one line is broken at its items when they count up, with or without a 一、 heading', () => {
    const items = Array.from({ length: 8 }, (_, i) => `${i + 1}、推进甲${i + 1}号工程建设,完成年度投资计划,做好征地拆迁和前期各项准备工作。`).join(' ');
    const text = `2031年甲局主要工作 2031年,将加快甲设施建设,确保项目落地见效。 (一)抓好工程项目 ${items} (二)加快乙产业发展 9、开展乙中心前期工作。`;
    expect(brief(text).map((t) => t[0])).toEqual(['(一).1', '(一).2', '(一).3', '(一).4', '(一).5', '(一).6', '(一).7', '(一).8', '(二).9']);
  });

  it('items whose number runs into their title are numbered again where the lines count up; a number with a measure or a month is a figure', () => {
    const text = ['一、甲工程', '', '1优化甲服务', '', '牵头单位:市甲局', '', '2加快乙培育', '', '牵头单位:市乙局', '', '3加强丙培训', '', '牵头单位:市丙局、市丁局'].join('\n');
    expect(brief(text).map((t) => [t[0], t[1], t[2]])).toEqual([['一.1', '优化甲服务', ['市甲局']], ['一.2', '加快乙培育', ['市乙局']], ['一.3', '加强丙培训', ['市丙局', '市丁局']]]);
    const figures = ['一、甲工作', '1.推进甲工程。(市甲局负责)', '3个项目已开工。', '2.推进乙工程。(市乙局负责)', '1月底前完成招标。'].join('\n');
    expect(brief(figures).map((t) => t[0])).toEqual(['一.1', '一.2']);
  });

  it('a table names its unit columns by any word for units (检查主体, 股室); a row whose unit cells are empty has them in the cell before', () => {
    const rows = ['序号 | 检查主体 | 检查事项 | 开展时间 | 股室 |', '1 | 某县甲局 | 对甲经营者的检查 | 全年 | 甲股 |', '2 | 某县甲局 | 对乙经营者的检查 | 全年 | 乙股 |'].join('\n');
    expect(brief(rows).map((t) => [t[0], t[2]])).toEqual([['1', ['某县甲局', '甲股']], ['2', ['某县甲局', '乙股']]]);
    const merged = ['序号 | 工作任务 | 细化分工 | 责任处室 | 完成时限 |', '1 | 做好甲信息发布 | 围绕甲事项发布信息 | 甲处、乙处 | 长期 |', '2 | 做好乙信息公开 | 丙处 | 长期 |'].join('\n');
    expect(brief(merged).map((t) => [t[0], t[2]])).toEqual([['1', ['甲处', '乙处']], ['2', ['丙处']]]);
  });

  it('angle brackets around Chinese words are round ones; 等 of 高等 closes no list; places listed before one department are one collective', () => {
    expect(unifyWidth('各县<市、区>甲局')).toBe('各县(市、区)甲局');
    expect(unifyWidth('a<b>c')).toBe('a<b>c');
    expect(splitUnits('各高等学校、省属中职学校、厅属甲高中')).toEqual(['各高等学校', '省属中职学校', '厅属甲高中']);
    expect(splitUnits('各市(州)、县(市、区)甲局,省乙厅')).toEqual(['各市(州)、县(市、区)甲局', '省乙厅']);
    expect(splitUnits('市甲局、县乙局')).toEqual(['市甲局', '县乙局']);
    const text = ['三、保障措施', '(一)加强甲管理。完善甲制度。(牵头处室:甲处;责任处室〔单位〕:各相关处室<单位>)'].join('\n');
    expect(brief(text).map((t) => t[2])).toEqual([['甲处', '各相关处室(单位)']]);
  });

  it('"工作时间:…" under a section is its period, not a task; a byline\'s 时间 dates the page; a quarter a target is set for is a deadline', () => {
    const text = ['一、开展甲行动', '(一)工作时间:2031年2月至6月,共5个月。', '(二)重点任务:', '1.开展甲活动。(责任单位:市甲局)'].join('\n');
    expect(brief(text).map((t) => t[0])).toEqual(['一.(二).1']);
    const byline = ['作者:某某 时间:2031-03-01 08:14 来源:某日报', '', '甲局重点工作', '1、上半年开工建设甲中心。', '2、力争一季度一批项目投产。'].join('\n');
    expect(brief(byline).map((t) => t[3])).toEqual([['2031-06-30'], ['2031-03-31']]);
  });
});

describe('batch al: a cell of work or of progress is no unit (made-up input)', () => {
  it('a name that opens with the work done to a body, or with how far it has got, is no unit', () => {
    expect(isUnitName('建成启用甲级活动中心')).toBe(false);
    expect(isUnitName('目前正在进行主体施工阶段')).toBe(false);
    expect(isUnitName('区甲活动中心')).toBe(true);
    expect(isUnitName('建设局')).toBe(true);
    const text = ['序号', '重点工作任务', '牵头单位', '计划完成时间', '进展情况', '1', '新增甲食堂15个', '区甲局', '11月底前', '已选址', '2', '建成启用区级甲活动中心', '目前正在进行主体施工阶段。', '3', '新增甲床位500张', '已完成建设。'].join('\n');
    expect(brief(text).map((t) => [t[0], t[1], t[2]])).toEqual([['1', '新增甲食堂15个', ['区甲局']], ['2', '建成启用区级甲活动中心', []], ['3', '新增甲床位500张', []]]);
  });
});

describe('batch aj: a goal whose sub-rows each have unit cells (made-up input)', () => {
  it('the unit cells of every "——" sub-row of a numbered goal are its units', () => {
    const text = ['甲规划目标责任分解书', '', '领域', '', '主要目标', '', '主要责任单位', '', '责任单位', '', '1.提高甲水平。', '', '——降低甲发生率。', '', '省甲厅', '', '省乙委', '',
      '——控制乙比率在4%以下。', '', '省甲厅', '', '省丙厅', '', '2.降低丙发生率。', '', '——丙率控制在6‰以下。', '', '省甲厅', '', '省丁局'].join('\n');
    expect(brief(text).map((t) => [t[0], t[2]])).toEqual([['1', ['省甲厅', '省乙委', '省丙厅']], ['2', ['省甲厅', '省丁局']]]);
  });
});

describe('batch an: "|" rows under cells merged from the rows above (made-up input)', () => {
  // as a .txt file is read (the reader of laid-out text tables, then the plan)
  const imported = async (text: string) => (await importDocument(Buffer.from(text), { fileName: 'list.txt' })).tasks.map((t) => [t.path, t.title, t.units, t.deadlines.filter((d) => d.date).map((d) => d.date)]);
  it('a row that leaves out the merged cells on its left has its text in the columns just before its units; names apart by spaces are a list', async () => {
    const text = ['甲市创建示范区工作任务清单', '一级指标 | 二级 指标 | 指标内容 | 任务分解 | 责任单位 | 完成时限 |',
      '一、甲体系建设 | (一)甲设施建设 | 布局甲设施,实现全覆盖。 | 1.1制定甲规划; | 市甲局 乙集团 | 2031年6月 |',
      '1.2绘制甲设施布局图; | 市丙局 市甲局 | 2031年11月 | |||',
      '1.3建成甲中心并对外开放; | 市甲局 丁集团 | 2031年10月 | |||'].join('\n');
    expect((await imported(text)).map((t) => [t[2], t[3]])).toEqual([[['市甲局', '乙集团'], ['2031-06-30']], [['市丙局', '市甲局'], ['2031-11-30']], [['市甲局', '丁集团'], ['2031-10-31']]]);
  });

  it('the column whose cells carry the rows\' own numbers, counting up, holds the items; steps numbered inside every cell do not', async () => {
    const text = ['任务 内容 | 标准或要求 | 工作内容及要求 | 责任单位 | 完成 期限 |',
      '甲 环 境 | 1、甲绿化扎实开展,效果明显。 | 禁止开发甲山体,保护植被。 | 市甲局 | 2031年9月20日前 |',
      '2、按照甲要求建设防护绿地。 | 加强甲绿地的建设及管护。 | 市乙局 | 2031年9月20日前 | |',
      '3、甲综合治理工作扎实开展。 | 改善甲处理设施。 | 市丙局 | 2031年9月20日前 | |'].join('\n');
    expect((await imported(text)).map((t) => t[1])).toEqual(['甲绿化扎实开展,效果明显', '按照甲要求建设防护绿地', '甲综合治理工作扎实开展']);
  });
});

describe('batch ap: a table one cell per line whose category cells are merged over their rows (made-up input)', () => {
  it('a row with fewer texts than text columns lacks the merged category; "/" in a unit column is no unit', () => {
    const text = ['2031年某区民生实事任务分解方案', '序号', '事项分类', '事项名称', '项目内容', '牵头单位', '协同单位',
      '1', '甲类工程', '新建一批学校', '新建学校5所。', '区教体局', '甲镇', '乙镇',
      '2', '食堂改造', '对28所学校食堂改造。', '区教体局', '/',
      '3', '乙类工程', '新建卫生室', '新建卫生室80家。', '区卫健局', '各乡镇(街道)'].join('\n');
    expect(brief(text).map((t) => [t[1], t[2]])).toEqual([
      ['新建一批学校', ['区教体局', '甲镇', '乙镇']], ['食堂改造', ['区教体局']], ['新建卫生室', ['区卫健局', '各乡镇(街道)']]]);
  });
});

describe('batches ap and aq: lists that share an organ, and functional zones (made-up input)', () => {
  it('levels listed before a level with its organ share it; zones named after places share the zone and its organ; a 板块 is a place', () => {
    expect(splitUnits('各县市、区政府')).toEqual(['各县市、区政府']);
    expect(splitUnits('市财政局,各县市、区人民政府')).toEqual(['市财政局', '各县市、区人民政府']);
    expect(splitUnits('临安、余杭经济开发区管委会')).toEqual(['临安、余杭经济开发区管委会']);
    expect(splitUnits('各区、功能板块,市卫健委')).toEqual(['各区', '功能板块', '市卫健委']);
    expect(splitUnits('市税务局、区政府')).toEqual(['市税务局', '区政府']);
  });
});

describe('batch aq: a table drawn with box characters (made-up input)', () => {
  const imported = async (text: string) => (await importDocument(Buffer.from(text), { fileName: 'list.txt' })).tasks.map((t) => [t.path, t.title, t.units, t.deadlines.filter((d) => d.date).map((d) => d.date)]);
  it('a cell runs from rule to rule; cells a partial rule leaves open are merged over the rows after it; numbered rows under one 序号 are its items', async () => {
    const text = ['附件:2031年某市绿化工作任务', '┌──┬────┬────────────┬─────┬───┐', '│序号│责任单位│ 任务目标 │ 完成时间 │责任人│', '├──┼────┼────────────┼─────┼───┤',
      '│ 1 │ 甲区 │1.新建绿地10万平方米。 │2031.11.30│ 区长 │', '│ │ ├────────────┼─────┤ │', '│ │ │2.新建游园3个,每个面积不少于 │2031.06.30│ │', '│ │ │2000平方米。 │ │ │',
      '├──┼────┼────────────┼─────┼───┤', '│ 2 │ 乙区 │新植乔木1万株。 │2031.04.30│ 区长 │', '└──┴────┴────────────┴─────┴───┘'].join('\n');
    expect(await imported(text)).toEqual([
      ['1.1', '新建绿地10万平方米', ['甲区'], ['2031-11-30']],
      ['1.2', '新建游园3个,每个面积不少于2000平方米', ['甲区'], ['2031-06-30']],
      ['2', '新植乔木1万株', ['乙区'], ['2031-04-30']]]);
  });
});

describe('batch ap: an extract of a numbered list across sections, with divisions of a department (made-up input)', () => {
  it('items keep the numbers of the whole list over any gap when they read as headings; a bare bracket of 处 and 科 names units', () => {
    const text = ['某厅2031年目标任务分解方案', '一、目标分解', '4.城镇新增就业增长5%左右。 (就业处、财务科)', '9.登记失业率控制在4%。 (就业处)',
      '二、任务分解', '(一)加快发展农村经济。', '21.继续办好农村实事。', '(2)技能培训工程。培训农村劳动力10万人。(职业能力建设处)',
      '22.新增农村劳动力转移5万人。 (就业处)'].join('\n');
    expect(brief(text).map((t) => [t[0], t[2]])).toEqual([
      ['一.4', ['就业处', '财务科']], ['一.9', ['就业处']], ['二.(一).21.(2)', ['职业能力建设处']], ['二.(一).22', ['就业处']]]);
  });
});

describe('batch ap: a progress table with a schedule column (made-up input)', () => {
  const imported = async (text: string) => (await importDocument(Buffer.from(text), { fileName: 'list.txt' })).tasks.map((t) => [t.path, t.title, t.units]);
  it('a column named for a period\'s plan (月度工作计划) is the schedule, not the task', async () => {
    const text = ['2031年5月某县民生实事项目进展情况汇总表', '序号 | 项目内容 | 月度工作计划 | 牵头单位 | 落实情况 |',
      '1 | 为全县老年人免费体检8000人。 | 5月:制定体检工作方案并组织实施。 | 县卫生健康局 | 已完成。 |',
      '2 | 新增配置救护车3辆。 | 5月:完成采购招标。 | 县卫生健康局 | 进行中。 |'].join('\n');
    expect(await imported(text)).toEqual([['1', '为全县老年人免费体检8000人', ['县卫生健康局']], ['2', '新增配置救护车3辆', ['县卫生健康局']]]);
  });
});
