// Ranking tasks by a title in the speaker's own words (src/commands/title-match.ts): pure.
import { expect, it } from 'vitest';
import { rankTitles } from '../../src/commands/title-match.ts';

const TASKS = [
  '提高区域急救能力', '加强急救人员培训', '深化医保支付方式改革', '加强基层医疗卫生人才队伍建设', '推进紧密型县域医共体建设',
  '强化药品耗材集采力度', '提高疾病预防控制能力', '推进智慧医院建设',
].map((title, i) => ({ id: String(i), title, text: i === 6 ? '健全医防协同机制，完善传染病监测预警' : i === 7 ? '推进电子病案系统互联互通' : null }));

const winner = (ref: string) => {
  const r = rankTitles(ref, TASKS);
  return r.kind === 'winner' ? r.best.item.title : r.kind;
};

it.each([
  ['医保支付改革', '深化医保支付方式改革'], // words left out
  ['人材队伍', '加强基层医疗卫生人才队伍建设'], // a homophone
  ['医宝支付', '深化医保支付方式改革'],
  ['医疗保障支付', '深化医保支付方式改革'], // the full words of an abbreviation
  ['医共体', '推进紧密型县域医共体建设'],
  ['集彩', '强化药品耗材集采力度'], // an exact character outweighs two homophones elsewhere
  ['医房协同', '提高疾病预防控制能力'], // found in the task's text
  ['智慧医院病案系统', '推进智慧医院建设'], // words of the title and of the text put together
  ['传染病预警', '提高疾病预防控制能力'], // the text's words with one left out (传染病监测预警)
])('%s names %s', (ref, title) => {
  expect(winner(ref)).toBe(title);
});

it('asks among titles that fit about as well', () => {
  const r = rankTitles('急救', TASKS);
  expect(r.kind).toBe('close');
  if (r.kind === 'close') expect(r.close.map((s) => s.item.title).sort()).toEqual(['加强急救人员培训', '提高区域急救能力']);
});

it('names nothing with too little in common', () => {
  expect(rankTitles('食堂菜单', TASKS).kind).toBe('nothing');
  expect(rankTitles('建设', TASKS).kind).not.toBe('winner');
  // pieces of two common characters each do not make a name
  expect(rankTitles('建设能力', TASKS).kind).not.toBe('winner');
});
