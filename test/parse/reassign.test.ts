// 改派 as written by leaders and admins → the task, the unit whose part moves, the new units and role.
import { describe, expect, it } from 'vitest';
import { readReassign } from '../../src/commands/parse/reassign.ts';
import { unitAliases } from '../../src/tasks/unit-aliases.ts';

const units = ['区卫生健康局', '医疗保障分局', '区民政局', '区财政局'].map((name) => ({ name, aliases: unitAliases(name).slice(1) }));

describe('改派', () => {
  it.each([
    ['2.3 改由区民政局牵头', { task: '2.3', from: null, to: ['区民政局'], role: 'lead' }],
    ['把二（三）交给民政局办', { task: '二(三)', from: null, to: ['区民政局'], role: 'owner' }],
    ['二（三）改派给民政局、财政局', { task: '二(三)', from: null, to: ['区民政局', '区财政局'], role: 'owner' }],
    ['将2.3转交民政局办理', { task: '2.3', from: null, to: ['区民政局'], role: 'owner' }],
    ['2.3 卫健局的部分改由民政局负责', { task: '2.3', from: '区卫生健康局', to: ['区民政局'], role: 'owner' }],
    ['2.3 由卫健局改为民政局配合', { task: '2.3', from: '区卫生健康局', to: ['区民政局'], role: 'assist' }],
  ])('%s', (text, want) => expect(readReassign(text, units)).toMatchObject({ ...want, unknown: [] }));
  it('names a unit the directory does not know', () => expect(readReassign('2.3 改由区城投集团牵头', units)).toMatchObject({ to: [], unknown: ['区城投集团'] }));
  it('is not a progress report nor a new 交办', () => {
    expect(readReassign('2.3进度50%，已交给民政局核实', units)).toBeNull();
    expect(readReassign('把这件事交给民政局，下周五前办结', units)).toBeNull();
  });
});
