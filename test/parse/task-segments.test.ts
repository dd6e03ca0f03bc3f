// A message about several tasks splits into one message per task; anything else stays whole.
import { describe, expect, it } from 'vitest';
import { taskSegments } from '../../src/commands/parse/task-segments.ts';

describe('taskSegments', () => {
  it.each([
    ['2.3已完成，2.4进度50%', ['2.3已完成', '2.4进度50%']],
    ['2.3、2.4 都已办结', ['2.3 已办结', '2.4 已办结']],
    ['2.3和2.4现在什么情况', ['2.3现在什么情况', '2.4现在什么情况']],
    ['二（一）、二（二）均已办结，材料已报送', ['二（一） 已办结，材料已报送', '二（二） 已办结，材料已报送']],
    ['@督办助手 2.3进度70%；2.4申请延期到月底，原因是设备未到', ['2.3进度70%', '2.4申请延期到月底，原因是设备未到']],
    ['「督办助手：【督办提醒】区卫生健康局 1. 二.(一) 2. 二.(二)」 - - - - - - 2.1进度80%，2.2进度60%', ['2.1进度80%', '2.2进度60%']],
  ])('%s → %j', (text, parts) => {
    expect(taskSegments(text)).toEqual(parts);
  });

  it.each([
    '2.3进度70%，比2.1快',
    '2.3 已完成胸痛中心建设，卒中中心验收中，进度70%',
    '2.3 申请延期到3.31',
    '2.3进度70%，2.3的材料明天报',
    '「督办助手：【督办提醒】区卫生健康局 1. 二.(一) 2. 二.(二)」 - - - - - - 收到，马上办',
  ])('keeps %j whole', (text) => {
    expect(taskSegments(text)).toBeNull();
  });
});
