// Needs PostgreSQL (test/helpers/db.ts). The .docx is read back with mammoth, the page
// is checked as HTML; the printable page is also opened in Chromium by test/dashboard.
import mammoth from 'mammoth';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { REF_NOW } from '../helpers/seed.ts';
import { buildBulletin, type Bulletin } from '../../src/ledger/bulletin.ts';
import { render } from '../../src/render/render.ts';
import { seedRecord } from './seed-record.ts';
import { createStore } from '../../src/store/index.ts';

let t: TestDatabase;
let b: Bulletin;

beforeAll(async () => {
  t = await createTestDatabase('ledger_bulletin');
  await seedRecord(t.db);
  b = await buildBulletin(createStore(t.db).ledger, { now: REF_NOW });
});
afterAll(async () => t.drop());

describe('bulletin (通报)', () => {
  it('counts and shares by status, in the register of a 通报', () => {
    const md = b.markdown();
    expect(md).toMatch(/^# 关于《测试方案》推进情况的通报/);
    expect(md).toContain('截至2025年11月20日《测试方案》推进情况通报如下');
    expect(md).toContain('共5项任务。其中，已完成1项，占20.0%；逾期2项，占40.0%');
    // the list gives the other statuses only: 已完成 and 逾期 are said once, in the sentence
    expect(md).toContain('逾期2项，占40.0%。其余任务：\n- ');
    expect(md).not.toContain('- 逾期2项');
    expect(md).not.toContain('- 已完成1项');
    expect(md).toContain('- 持续推进1项，占20.0%。');
    expect(md).not.toContain('临期0项');
  });

  it('ranks units by score and lists lagging items by unit with numbers and days late', () => {
    const md = b.markdown();
    const ranks = [...md.matchAll(/第(\d)名　(\S+)：/g)].map((m) => `${m[1]}${m[2]}`);
    expect(ranks).toEqual(['1区财政局', '2医疗保障分局', '3区卫生健康局']);
    expect(md).toContain('区卫生健康局：承担3项，已完成1项（完成率33.3%），逾期1项，考评得分-2分');
    expect(md).toContain('**医疗保障分局**（1项）\n- 二.(三)　深化医保支付方式改革（完成时限2025年9月30日，已逾期51天）');
    expect(md).toContain('**区卫生健康局**（1项）\n- 二.(一)　提高区域急救能力（完成时限2025年10月31日，已逾期20天）');
    expect(md).toMatch(/> 督办办公室\n> 2025年11月20日$/);
  });

  it('fits a chat message, dropping whole units from the end and saying how many', async () => {
    const many = { ...b.data, lagging: Array.from({ length: 40 }, (_, i) => ({ unit: `第${i}单位`, count: 3, items: Array.from({ length: 3 }, (_, j) => ({ path: `${i}.${j}`, title: '某项长期拖延的重点改革任务名称', due: '2025年9月30日', daysLate: 51 })) })) };
    const md = render('ledger/bulletin', many, { channel: 'console', maxBytes: 3500, listKey: 'lagging' }).markdown;
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(3500);
    expect(md).toMatch(/另有\d+个单位的滞后事项详见督办台账/);
    expect(md).toContain('**第0单位**');
  });

  it('is a printable page with escaped text and a valid .docx with the same words', async () => {
    const html = b.html();
    expect(html).toContain('<h1>关于《测试方案》推进情况的通报</h1>');
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('<strong>医疗保障分局</strong>');
    const docx = await b.docx();
    mkdirSync('test-output', { recursive: true });
    writeFileSync(`test-output/${b.fileName}`, docx);
    writeFileSync('test-output/bulletin.html', html);
    const { value } = await mammoth.extractRawText({ buffer: docx });
    expect(value).toContain('关于《测试方案》推进情况的通报');
    expect(value).toContain('二.(三)　深化医保支付方式改革（完成时限2025年9月30日，已逾期51天）');
    expect(b.fileName).toBe('督办通报（2025年11月20日）.docx');
  });

  it('escapes a hostile task title on the printable page', async () => {
    await t.db.task.updateMany({ where: { path: '二.(三)' }, data: { title: '<script>alert(1)</script>' } });
    const html = (await buildBulletin(createStore(t.db).ledger, { now: REF_NOW })).html();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
