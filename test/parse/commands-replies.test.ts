// Commands given as a WeCom quoted reply or in a looser form: a bare 同意 / 不同意 answering a
// quoted extension request decides it, and a group may be bound as 这是X的工作群 or in English.
import { describe, expect, it } from 'vitest';
import { parse, type Directive } from '../../src/commands/parse/index.ts';
import { CTX } from './load-cases.ts';

const SEP = ` ${'- '.repeat(15)}`;
const REQUEST = `「督办助手：【延期申请】区卫生健康局申请将2.3 提高区域急救能力 延期至2025年12月31日，原因：设备未到货。」${SEP}`;

const CASES: [string, Directive][] = [
  [`${REQUEST}同意`, { kind: 'decide_extension', approve: true, task: '2.3', date: null, reason: null }],
  [`${REQUEST}不同意，必须按期完成`, { kind: 'decide_extension', approve: false, task: '2.3', date: null, reason: '必须按期完成' }],
  ['这是公安分局的工作群', { kind: 'bind_group', unit: '公安分局', leaders: false }],
  ['本群为区市场监管局工作群', { kind: 'bind_group', unit: '区市场监管局', leaders: false }],
  ['bind this group to 医保分局', { kind: 'bind_group', unit: '医疗保障分局', leaders: false }],
];

describe('commands in replies and looser forms', () => {
  it.each(CASES)('%s', (text, command) => {
    const got = parse(text, CTX);
    expect(got.directive).toEqual(command);
    expect(got.intent).toBe(command.kind === 'bind_group' ? 'bind_group' : 'request_extension');
  });

  it('leaves 同意 alone when the quote is not an extension request', () => {
    const reminder = `「督办助手：【督办提醒】2.3 提高区域急救能力 截止日期为2025年12月31日。」${SEP}同意`;
    expect(parse(reminder, CTX).directive).toBeUndefined();
  });
});
