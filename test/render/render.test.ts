// Rendering from templates/: channel limits, list shortening worst-first, and user text
// that looks like a template staying literal.
import { describe, expect, it } from 'vitest';
import { render } from '../../src/render/render.ts';

const item = (n: number) => ({ n, path: `二.(${n})`, title: `第${n}项任务的标题比较长一些用来占位`, units: '区卫生健康局', due: '2025年10月31日', daysOverdue: 100 - n, lastReport: null, lastReportAt: null });

describe('render', () => {
  it('renders a list answer in Chinese with every field a leader needs', () => {
    const out = render('overdue-list', { unit: null, total: 1, none: false, items: [item(1)], rest: 0 }, { channel: 'wecom', listKey: 'items' });
    expect(out.markdown).toMatchInlineSnapshot(`
      "**逾期任务：共 1 项**
      1. 二.(1) 第1项任务的标题比较长一些用来占位｜区卫生健康局｜时限 2025年10月31日｜逾期 99 天｜最新进展：未报送"
    `);
    expect(out.text).not.toContain('**');
  });

  it('shortens a long list to fit the WeCom markdown limit and says how many were left out', () => {
    const items = Array.from({ length: 200 }, (_, i) => item(i + 1));
    const out = render('overdue-list', { total: 200, none: false, items, rest: 0 }, { channel: 'wecom', listKey: 'items' });
    expect(Buffer.byteLength(out.markdown)).toBeLessThanOrEqual(4096);
    const omitted = Number(/另有 (\d+) 项未列出/.exec(out.markdown)?.[1]);
    const shown = out.markdown.split('\n').filter((l) => /^\d+\. /.test(l)).length;
    expect(shown + omitted).toBe(200);
    expect(out.markdown).toContain('1. 二.(1)');
  });

  it('keeps template-looking user text literal', () => {
    const out = render('done-returned', { path: '2.3', title: 't', reason: '{{#items}}x{{/items}} <script>' }, { channel: 'wecom' });
    expect(out.markdown).toContain('{{#items}}x{{/items}} <script>');
  });

  it('breaks lines with blank lines for DingTalk markdown', () => {
    const out = render('overdue-list', { total: 2, none: false, items: [item(1), item(2)], rest: 0 }, { channel: 'dingtalk', listKey: 'items' });
    expect(out.markdown).toMatch(/占位｜[^\n]*\n\n2\. /);
  });
});
