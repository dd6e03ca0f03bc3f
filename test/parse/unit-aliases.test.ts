// Aliases of seed 002 unit names (src/tasks/unit-aliases.ts) and how the parser uses them:
// short names resolve to the canonical name, third parties and title words do not.
import { describe, expect, it } from 'vitest';
import { unitAliases } from '../../src/tasks/unit-aliases.ts';
import { parse } from '../../src/commands/parse/index.ts';
import { CTX } from './load-cases.ts';

describe('unitAliases', () => {
  it.each([
    ['区卫生健康局', ['卫健局', '卫生健康局', '卫健委', '卫健']],
    ['医疗保障分局', ['医保分局', '医保局', '医保']],
    ['区人力资源社会保障局', ['人社局', '人社']],
    ['区委编办', ['编办']],
    ['区委宣传部', ['宣传部']],
    ['区市场监管局', ['市场监管局', '市监局']],
    ['佛山市高明区卫生健康局', ['卫生健康局', '卫健局']],
    ['各镇人民政府', ['各镇']],
    ['东城街道办事处', ['东城街道']],
    ['各街道办事处', ['街道办', '街道', '各街道', '街道办事处']],
    ['街道办', ['街道', '各街道', '街道办事处']],
    ['各镇人民政府', ['各镇', '镇政府', '各镇政府']],
  ])('%s is also known as %j', (name, aliases) => {
    expect(unitAliases(name)).toEqual(expect.arrayContaining([name, ...aliases]));
  });

  it('never cuts a word that only starts like a level prefix', () => {
    expect(unitAliases('区市场监管局')).not.toContain('场监管局');
    expect(unitAliases('区委编办')).not.toContain('委编办');
    // a named street office is not all of them
    expect(unitAliases('东城街道办事处')).not.toContain('街道办');
  });
});

describe('the unit slot', () => {
  it.each([
    ['卫健局还有几项没完成？', '区卫生健康局'],
    ['街道办还有几项没完成', '街道办'],
    ['各街道还有几项没完成', '街道办'],
    ['镇政府还有几项没完成', '各镇政府'],
    ['各镇还有哪些没完成', '各镇政府'],
    ['医保那边进展如何', '医疗保障分局'],
    ['人社局逾期任务清单', '区人力资源社会保障局'],
    ['3.2 已与人社局对接，方案在起草', null],
    ['已报区医改办备案，正在等待批复', null],
    ['财政补助机制那项进度六成', null],
    ['我们单位还有哪些没完成', null],
    ['「督办助手：区财政局 二.(二) 即将到期」 - - - - - - - - - - - - - - - 收到', null],
  ])('%s → %s', (text, unit) => {
    expect(parse(text, CTX).slots.unit).toBe(unit);
  });
});
