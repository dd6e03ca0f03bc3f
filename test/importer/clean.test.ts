// Each clean-up step on its own: traditional → simplified, pinyin removal, widths, web
// chrome, characters lost to '?'.
import { describe, expect, it } from 'vitest';
import { toSimplified, looksTraditional } from '../../src/importer/clean-traditional.ts';
import { removePinyin } from '../../src/importer/clean-pinyin.ts';
import { unifyWidth } from '../../src/importer/clean-width.ts';
import { removeChrome } from '../../src/importer/clean-chrome.ts';
import { countLostChars, lostCharsWarning } from '../../src/importer/clean-lost-chars.ts';

describe('traditional → simplified', () => {
  it.each([
    ['關於落實山東省基層醫療衛生服務能力提升行動三年規劃的實施意見', '关于落实山东省基层医疗卫生服务能力提升行动三年规划的实施意见'],
    ['各區(市)人民政府,棗莊高新區管委會', '各区(市)人民政府,枣庄高新区管委会'],
  ])('%s', (from, to) => expect(toSimplified(from)).toBe(to));
  it('leaves simplified text untouched and does not call it traditional', () => {
    const s = '佛山市高明区深化医药卫生体制改革重点工作任务(区卫生健康局负责)';
    expect(looksTraditional(s)).toBe(false);
    expect(toSimplified(s)).toBe(s);
  });
});

describe('pinyin annotations', () => {
  it.each([
    ['關(guān)於落實(shí)', '關於落實'],
    ['衛(wèi)生服務(wù)機構(gòu)', '衛生服務機構'],
    ['特色??平ㄔO(shè)。', '特色??平ㄔO。'],
    ['区(市)综合医院', '区(市)综合医院'],
    ['村(居)民委员会、执业(助理)医师', '村(居)民委员会、执业(助理)医师'],
    ['按疾病诊断相关分组(DRG)付费、(a)项', '按疾病诊断相关分组(DRG)付费、(a)项'],
  ])('%s → %s', (from, to) => expect(removePinyin(from)).toBe(to));
  it('removes toneless syllables only in a text that is annotated', () => {
    expect(removePinyin('關(guān)於落(luò)實(shí)的(de)工作')).toBe('關於落實的工作');
    expect(removePinyin('附件(an)说明')).toBe('附件(an)说明');
  });
  it('removes an annotation a hard line wrap has broken off or split', () => {
    expect(removePinyin('關(guān)於落實(shí)按職\n(zé)責(zé)分工,國(guó)家總(z\nǒng)局')).toBe('關於落實按職責分工,國家總局');
    expect(removePinyin('關(guān)於落實(shí)工作職(zé)\n(一)加強')).toBe('關於落實工作職\n(一)加強');
  });
});

describe('widths', () => {
  it.each([
    ['（一）完善机制。到２０２５年', '(一)完善机制。到2025年'],
    ['明府办函〔2023〕4号', '明府办函〔2023〕4号'],
    ['１．加强领导', '1.加强领导'],
    ['比例达到９５％', '比例达到95%'],
    ['A\u3000B\u00a0C', 'A B C'],
    ['第一行\r\n第二行', '第一行\n第二行'],
  ])('%s', (from, to) => expect(unifyWidth(from)).toBe(to));
  it('keeps Chinese punctuation as written', () => expect(unifyWidth('责任单位：区财政局、区民政局；完成。')).toBe('责任单位：区财政局、区民政局；完成。'));
});

describe('web chrome', () => {
  it('drops login bars, share buttons, breadcrumbs, counters, keywords and repeated 发布时间/信息来源 blocks', () => {
    const page = [
      '欢迎访问开鲁县人民政府!', '登录/注册 用户中心 支持IPV6', '当前位置: 首页 > 政务公开 >', '发布时间:', '', '2024-10-14 11:15', '信息来源:', '开鲁县人民政府办公室',
      '分享到:', '| 浏览量:', '开鲁县深化医药卫生体制改革实施方案', '一、主要任务', '1.加强管理。(县卫生健康局负责)', '关键词：质量、发展',
    ].join('\n');
    expect(removeChrome(page).split('\n').filter(Boolean)).toEqual(['开鲁县深化医药卫生体制改革实施方案', '一、主要任务', '1.加强管理。(县卫生健康局负责)']);
  });
  it('keeps body lines that merely mention a source', () => {
    const line = '信息来源多样化，建立统一的数据共享平台，实现部门间信息互通，提升数据质量和使用效率。';
    expect(removeChrome(line)).toBe(line);
  });
});

describe('characters lost to ?', () => {
  it('finds ? standing for Chinese characters, not real questions or ASCII', () => {
    expect(countLostChars('医共体建设的??要点!随着医疗体制改?的深?推进')).toBe(3);
    expect(countLostChars('如何推进？\n这是问题。')).toBe(0);
    expect(countLostChars('https://example.org/a?b=1')).toBe(0);
  });
  it('gives a warning to put on the task, none on clean text', () => {
    expect(lostCharsWarning('建设?个成功的医疗共合体')).toMatch(/字符丢失/);
    expect(lostCharsWarning('建设一个成功的医疗共合体')).toBeNull();
  });
});
