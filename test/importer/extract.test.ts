// The extraction rules as tables: unit markers and splitting, deadline expressions,
// outline markers. Cases come from the issue, the labelling rules and official usage.
import { describe, expect, it } from 'vitest';
import { extractUnits, firstListedLeads, othersListedAssist } from '../../src/importer/extract-units.ts';
import { splitUnits } from '../../src/importer/split-units.ts';
import { extractDeadlines, extractRecurrence } from '../../src/importer/extract-deadlines.ts';
import { markerOf, segment } from '../../src/importer/segment.ts';
import { extractTargets } from '../../src/importer/extract-targets.ts';

describe('units', () => {
  it.each([
    ['……。(区卫生健康局负责)', ['区卫生健康局'], [], []],
    ['……。(区卫生健康局、区委编办、区财政局按职责分工负责)', ['区卫生健康局', '区委编办', '区财政局'], [], []],
    ['……。(区卫生健康局、区人力资源社会保障局、医疗保障分局等按职责分工负责)', ['区卫生健康局', '区人力资源社会保障局', '医疗保障分局'], [], []],
    ['……\n责任单位：XX发展和改革局、XX财政局，各乡镇人民政府', ['XX发展和改革局', 'XX财政局', '各乡镇人民政府'], [], []],
    ['……\n牵头单位：市发改委；配合单位：市财政局、市统计局', ['市发改委', '市财政局', '市统计局'], ['市发改委'], ['市财政局', '市统计局']],
    ['……(市教育局牵头，市财政局、市人社局配合)', ['市教育局', '市财政局', '市人社局'], ['市教育局'], ['市财政局', '市人社局']],
    ['……(牵头单位:县卫健委;责任单位:县财政局、县医保局)', ['县卫健委', '县财政局', '县医保局'], ['县卫健委'], []],
    ['……(区卫生健康局、医疗保障分局、各镇政府、街道办按职责分工负责)', ['区卫生健康局', '医疗保障分局', '各镇政府', '街道办'], [], []],
    ['……(各县(市、区)政府负责)', ['各县(市、区)政府'], [], []],
    ['……(市住房和城乡建设局、城乡一体化示范区、高新区党工委和管委会负责)', ['市住房和城乡建设局', '城乡一体化示范区、高新区党工委和管委会'], [], []],
    ['……(市公安局、市交通运输局分别牵头)', ['市公安局', '市交通运输局'], ['市公安局', '市交通运输局'], []],
    ['……(区应急管理局负责，2025年底前完成)', ['区应急管理局'], [], []],
    ['加快建设。(责任单位：市发改委、市财政局)到2025年建成。', ['市发改委', '市财政局'], [], []],
    ['……\n责任单位：区教育局。其余学校参照执行。', ['区教育局'], [], []],
    ['财政部门负责保障所需资金，县深化医改领导小组办公室研究制定考核方案。', [], [], []],
    ['建立服务团队(主任由卫健委主任兼任)，落实“县管乡用”(县级医疗机构聘用管理,乡镇卫生院使用)。', [], [], []],
    ['……\n责任单位：县市场监管局、各乡镇人民政府(街道办事处)', ['县市场监管局', '各乡镇人民政府(街道办事处)'], [], []],
    ['……(各街道办事处、区住建局分别牵头；协同配合单位：区民政局；完成时限：长期坚持)', ['区民政局', '各街道办事处', '区住建局'], ['各街道办事处', '区住建局'], ['区民政局']],
    ['……(责任单位：县秸秆禁?办)', ['县秸秆禁?办'], [], []],
    ['……(责任单位：是否落实?)', [], [], []],
  ])('%s', (text, units, lead, assist) => {
    expect(extractUnits(text)).toEqual({ units, leadUnits: lead, assistUnits: assist });
  });

  it('a document rule "列第一位为牵头单位" makes the first unit lead, single units included', () => {
    expect(firstListedLeads('(责任单位:区教育局、区财政局(列第一位为牵头单位,下同))')).toBe(true);
    expect(extractUnits('责任单位：区财政局', { firstIsLead: true }).leadUnits).toEqual(['区财政局']);
  });

  it.each([
    ['住房和城乡建设局', ['住房和城乡建设局']],
    ['县委和县人民政府', ['县委和县人民政府']],
    ['县发展和改革局及县财政局', ['县发展和改革局', '县财政局']],
    ['市生态环境局和市自然资源和规划局', ['市生态环境局', '市自然资源和规划局']],
    ['A镇、B镇人民政府', ['A镇、B镇人民政府']],
    ['各县区、市直有关部门', ['各县区', '市直有关部门']],
    ['区财政局等有关部门', ['区财政局']],
    ['区民政局 区残联', ['区民政局', '区残联']],
  ])('splits %s', (list, names) => expect(splitUnits(list)).toEqual(names));
});

describe('more field labels', () => {
  it('reads 主要负责单位 as the lead and 负责单位 as plain units', () => {
    const a = extractUnits('……\n主要负责单位：县卫健局\n协助单位：县医保局');
    expect([a.units, a.leadUnits, a.assistUnits]).toEqual([['县卫健局', '县医保局'], ['县卫健局'], ['县医保局']]);
    expect(extractUnits('……（负责单位：县卫健局）').units).toEqual(['县卫健局']);
  });
});

describe('sections (股) of a county bureau', () => {
  it('are units, in a bracket with or without a role word', () => {
    expect(extractUnits('开展核查。（县统计局执法监督股负责，县司法局配合）').units).toEqual(['县统计局执法监督股', '县司法局']);
    expect(extractUnits('编印月报。（县统计局综合股）').units).toEqual(['县统计局综合股']);
  });
});

describe('a unit line wrapped after a list separator', () => {
  it('carries on to the next line', () => {
    expect(extractUnits('……。牵头单位：县民政局；责任单位：县教育局、县残联、\n县总工会、县税务局。完成时限：长期坚持。').units)
      .toEqual(['县民政局', '县教育局', '县残联', '县总工会', '县税务局']);
    expect(extractUnits('……\n责任单位：县教育局\n县总工会要加强宣传').units).toEqual(['县教育局']);
  });
});

describe('a stated rule for the units after the first', () => {
  it('makes them assist only where the document says so', () => {
    const rule = '各项任务中列第一位的为牵头单位，其他为配合单位。';
    expect([othersListedAssist(rule), othersListedAssist('列第一位的为牵头单位。')]).toEqual([true, false]);
    const a = extractUnits('……\n责任单位：县数据局、县财政局', { firstIsLead: true, othersAssist: true });
    expect([a.leadUnits, a.assistUnits]).toEqual([['县数据局'], ['县财政局']]);
    const b = extractUnits('……(县商务局牵头，县财政局负责)', { firstIsLead: true, othersAssist: true });
    expect([b.leadUnits, b.assistUnits]).toEqual([['县商务局'], []]);
  });
});

describe('deadlines', () => {
  const ctx = { planYear: 2025, notBefore: '2023-02-24' };
  it.each([
    ['完成时限：2025年10月底', [['2025年10月底', '2025-10-31']]],
    ['到2023年底，区人民医院推广多学科诊疗', [['到2023年底', '2023-12-31']]],
    ['2025年6月底前完成改造', [['2025年6月底前完成', '2025-06-30']]],
    ['于2023年下半年对各区进行考核', [['于2023年下半年', '2023-12-31']]],
    ['力争2025年底前建成互联网医院', [['力争2025年底前', '2025-12-31']]],
    ['确保于4月10日前完成改造任务', [['确保于4月10日前完成', '2025-04-10']]],
    ['3月底前完成招标采购。4月底前，人员全部到位', [['3月底前完成', '2025-03-31'], ['4月底前', '2025-04-30']]],
    ['年内完成50个项目', [['年内完成', '2025-12-31']]],
    ['2024年一季度完成方案制定', [['2024年一季度完成', '2024-03-31']]],
    ['2024年3月—6月开展集中整治', [['2024年3月—6月', '2024-06-30']]],
    ['20256月底前修订制度', [['20256月底前', '2025-06-30']]],
    ['完成时限：20__年10月底', [['20__年10月底', null]]],
    ['2021年起，新建社区卫生服务中心参照社区医院标准建设', []],
    ['按照《2024年数字政府建设工作要点》要求', []],
    ['2020年已建成平台，加强2022年投资项目调度', []],
    ['三年内乡村医生达到50%以上', [['三年内', null]]],
    ['完成时限：2025年11月1日至15日', [['2025年11月1日至15日', '2025-11-15']]],
    ['5月至8月集中开展招聘活动20场以上', [['5月至8月', '2025-08-31']]],
    ['6月10日至7月5日开展排查', [['6月10日至7月5日', '2025-07-05']]],
    // a span's first day written without its 日 (9月20-24日, 9月20至9月24日) is still a span, due at its end
    ['9月20-24日集中开展宣传', [['9月20-24日', '2025-09-24']]],
    ['3月1日至15日开展排查', [['3月1日至15日', '2025-03-15']]],
    ['2025年9月20至9月24日完成验收', [['2025年9月20至9月24日完成', '2025-09-24']]],
    ['汛期（5月至9月）实行24小时值班', []],
    ['5月至9月为主汛期', []],
    ['5月至10月每周开展一次蚊媒监测', []],
    ['本年度内完成', [['本年度内完成', '2025-12-31']]],
    ['时间安排：2025年全年', [['2025年', '2025-12-31']]],
    ['7—9月集中开展品牌宣传推介活动', [['7—9月', '2025-09-30']]],
    ['明年3月底前通过资质认定评审', [['明年3月底前', '2026-03-31']]],
    ['力争明年底前建成', [['力争明年底前', '2026-12-31']]],
    ['今年底前完成认证', [['今年底前完成', '2025-12-31']]],
    ['组织开展“质量月”活动，9月集中宣传', [['9月', '2025-09-30']]],
    ['2024年9月印发实施意见', []],
  ])('%s', (text, want) => {
    expect(extractDeadlines(text, ctx).map((d) => [d.raw, d.date])).toEqual(want);
  });
  it('a 完成时限 of 长期坚持 is ongoing, with no date', () => {
    expect(extractDeadlines('完成时限：长期坚持', ctx)).toEqual([{ raw: '长期坚持', date: null, kind: 'ongoing' }]);
  });
  it.each([
    ['每年至少召开1次会议', 'yearly'], ['每季度通报一次', 'quarterly'], ['每年培训，每月公示', 'monthly'], ['定期开展督查', null], ['逐年增加', null], ['每万人配置1台', null],
  ])('recurrence of %s', (text, want) => expect(extractRecurrence(text)).toBe(want));
});

describe('outline', () => {
  it.each([
    ['一、总体要求', 'cn', '一'], ['(三)提高能力', 'cnParen', '(三)'], ['5.加强管理', 'num', '5'], ['(1)建立机制', 'numParen', '(1)'], ['①完善制度', 'circled', '①'], ['2、推进建设', 'num', '2'],
  ])('%s', (line, kind, seg) => expect(markerOf(line)).toMatchObject({ kind, seg }));
  it.each(['2.5公里服务半径', '2025年底前完成', '一是加强领导', '10%以上'])('%s is not a marker', (line) => {
    const m = markerOf(line);
    expect(m === null || m.kind === 'num' && /^\d/.test(line) && false).toBe(true);
  });
  it('nests by first appearance and keeps inline 一是…二是… inside the item', () => {
    const root = segment('一、重点任务\n(一)加强监管。一是完善制度；二是强化执法。\n1.细化清单\n2.落实责任\n(二)优化服务\n二、保障措施');
    expect(root.children.map((c) => c.seg)).toEqual(['一', '二']);
    expect(root.children[0]!.children.map((c) => [c.seg, c.children.map((x) => x.seg)])).toEqual([['(一)', ['1', '2']], ['(二)', []]]);
  });
});

describe('targets', () => {
  it('keeps quantified clauses verbatim, not dates, money or named sets', () => {
    const t = extractTargets('到2025年，公立医院人员支出占业务支出比例提高到45%左右。落实18项医疗质量安全核心制度。安排资金500万元。建设12个基层中医馆。');
    expect(t).toEqual(['公立医院人员支出占业务支出比例提高到45%左右', '建设12个基层中医馆']);
  });
});

describe('a title without a notice, wrapped inside its bracket', () => {
  it('is read whole, with its plan period', async () => {
    const { extractMeta } = await import('../../src/importer/extract-meta.ts');
    const m = extractMeta('关于发展壮大村级集体经济三年行动(2024—\n2026年)的实施意见\n各区(市)人民政府:\n一、总体要求');
    expect([m.title, m.planPeriod]).toEqual(['关于发展壮大村级集体经济三年行动(2024—2026年)的实施意见', { raw: '2024—2026年', end: '2026-12-31' }]);
  });
});
