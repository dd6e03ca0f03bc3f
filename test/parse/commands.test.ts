// Commands beyond the evaluation vocabulary (leader decisions, admin settings, dialogue
// answers): the conversation layer acts on `directive`, while `intent` keeps the labelling rule.
import { describe, expect, it } from 'vitest';
import { parse, type Directive } from '../../src/commands/parse/index.ts';
import { CTX } from './load-cases.ts';

const CASES: [string, Directive | undefined][] = [
  ['同意延期', { kind: 'decide_extension', approve: true, task: null, date: null, reason: null }],
  ['同意 2.3 延期到3月31日', { kind: 'decide_extension', approve: true, task: '2.3', date: '2026-03-31', reason: null }],
  ['驳回 2.3 延期', { kind: 'decide_extension', approve: false, task: '2.3', date: null, reason: null }],
  ['不同意二（三）延期，理由：已经延过一次', { kind: 'decide_extension', approve: false, task: '二（三）', date: null, reason: '已经延过一次' }],
  ['退回 2.3，佐证材料不全', { kind: 'return_done', task: '2.3', reason: '佐证材料不全' }],
  ['退回 2.3', { kind: 'return_done', task: '2.3', reason: null }],
  ['本群绑定 区卫生健康局', { kind: 'bind_group', unit: '区卫生健康局', leaders: false }],
  ['本群绑定 领导群', { kind: 'bind_group', unit: null, leaders: true }],
  ['设置 张三 为 医疗保障分局 联络员', { kind: 'set_role', person: '张三', role: 'member', unit: '医疗保障分局' }],
  ['设置 李四 为 领导', { kind: 'set_role', person: '李四', role: 'leader', unit: null }],
  ['把王五设为管理员', { kind: 'set_role', person: '王五', role: 'admin', unit: null }],
  ['暂停 2.3 提醒到12月1日', { kind: 'pause_reminders', task: '2.3', unit: null, date: '2025-12-01' }],
  ['恢复 2.3 提醒', { kind: 'resume_reminders', task: '2.3', unit: null }],
  ['导出台账', { kind: 'export_ledger', unit: null }],
  ['出一期通报', { kind: 'bulletin', window: null }],
  ['我的任务', { kind: 'my_tasks' }],
  ['不同意', { kind: 'decide_extension', approve: false, task: null, date: null, reason: null, bare: true }],
  ['同意', { kind: 'decide_extension', approve: true, task: null, date: null, reason: null, bare: true }],
  ['不同意，材料不全', { kind: 'decide_extension', approve: false, task: null, date: null, reason: '材料不全', bare: true }],
  ['待销号的有哪些', { kind: 'pending_reviews', what: 'done', unit: null }],
  ['有哪些延期申请', { kind: 'pending_reviews', what: 'extension', unit: null }],
  ['待审批的延期', { kind: 'pending_reviews', what: 'extension', unit: null }],
  ['卫健局有哪些延期申请', { kind: 'pending_reviews', what: 'extension', unit: '区卫生健康局' }],
  ['1', { kind: 'choose', index: 1 }],
  ['第二个', { kind: 'choose', index: 2 }],
  ['2号', { kind: 'choose', index: 2 }],
  ['确认', { kind: 'confirm' }],
  ['取消', { kind: 'cancel' }],
  // not commands: the evaluation intents carry these
  ['2.3 申请延期到12月31日，因设备未到货', undefined],
  ['可以延期吗', undefined],
  ['第2项', undefined],
  ['收到', undefined],
  ['怎么绑定本群', { kind: 'help', topic: 'binding' }],
  ['同意，销号', undefined],
  ['延期申请怎么弄', { kind: 'help', topic: 'extension' }],
  ['2.3 延期申请批了吗', undefined],
  ['申请延期，请领导看一下', undefined],
];

describe('commands beyond the evaluation intents', () => {
  it.each(CASES)('%s', (text, command) => {
    expect(parse(text, CTX).directive).toEqual(command);
  });

  it('keeps the labelling intent next to the command', () => {
    expect(parse('2.3 销号', CTX)).toMatchObject({ intent: 'mark_done', slots: { task: '2.3' } });
    expect(parse('同意 2.3 延期到3月31日', CTX)).toMatchObject({ intent: 'request_extension', slots: { task: '2.3', date: '2026-03-31' } });
    expect(parse('本群绑定 区卫生健康局', CTX)).toMatchObject({ intent: 'bind_group', slots: { unit: '区卫生健康局' } });
    expect(parse('我的任务', CTX).intent).toBe('query_unit');
    // a bare 同意 and the review lists keep the intent the rules give the words
    expect(parse('同意', CTX).intent).toBe('unknown');
    expect(parse('二（二）的办理记录', CTX)).toMatchObject({ intent: 'query_task', slots: { task: '二（二）' } });
    expect(parse('二（二）的历史', CTX)).toMatchObject({ intent: 'query_task', slots: { task: '二（二）' } });
  });

  it('ignores commands in messages addressed to people', () => {
    expect(parse('@张三 退回 2.3，佐证材料不全', CTX)).toEqual({ intent: 'unknown', slots: expect.any(Object) });
  });
});
