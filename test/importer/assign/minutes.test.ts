// 会议纪要 import: decided items become tasks of the meeting, owned by the bodies the decisions
// give the work to. Floors on the published minutes in test/fixtures/assign/minutes (figures in the README).
import { describe, expect, it } from 'vitest';
import { scoreMinutes } from './score-minutes.ts';
import { importDocument } from '../../../src/importer/index.ts';
import { minutesOwners, readMeeting } from '../../../src/importer/extract-minutes.ts';

describe('会议纪要 import', () => {
  it('keeps its figures on the published minutes', async () => {
    const r = await scoreMinutes();
    expect(r.matched).toBeGreaterThanOrEqual(8);
    expect(r.predicted).toBeLessThanOrEqual(8);
    expect(r.unitsExact).toBeGreaterThanOrEqual(8);
  });
  it('reads the meeting and the owners of a decided item written as minutes write them', async () => {
    const text = '区政府第12次常务会议纪要\n2026年12月3日，区长主持召开区政府第12次常务会议。现将会议议定事项纪要如下：\n一、关于冬季供暖保障\n区城市管理局要会同区住房城乡建设局、各街道等单位于12月20日前完成管网排查。\n二、关于校园安全\n由区教育局负责，12月31日前完成校园安全隐患排查整治。\n三、会议还研究了其他事项。';
    expect(readMeeting(text)).toEqual({ name: '区政府第12次常务会议', dateRaw: '2026年12月3日' });
    const plan = await importDocument(Buffer.from(text), { fileName: 'minutes.txt' });
    expect(plan.origin).toMatchObject({ kind: 'meeting', meeting: '区政府第12次常务会议', meetingDate: '2026-12-03' });
    expect(plan.tasks.map((t) => [t.path, t.units])).toEqual([['一', ['区城市管理局', '区住房城乡建设局']], ['二', ['区教育局']]]);
    expect(plan.tasks[0]!.deadlines.map((d) => d.date)).toEqual(['2026-12-20']);
  });
  it('takes no post, no class of offices and no delegating body for an owner', () => {
    expect(minutesOwners('会议听取了区城管执法局局长赵坚华同志的汇报。各单位要进一步提高认识。')).toEqual([]);
    expect(minutesOwners('县人民政府回购资产，委托张谷英管理处经营管理。')).toEqual(['张谷英管理处']);
  });
});
