// Needs PostgreSQL (test/helpers/db.ts) and Chromium (Debian packages chromium and
// fonts-noto-cjk): the dashboard in a real browser at phone and desktop widths.
// Screenshots are written to test-output/.
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { REF_NOW } from '../helpers/seed.ts';
import { seedRecord } from '../ledger/seed-record.ts';
import { ADMIN, serveDashboard } from './serve.ts';
import { launchChromium } from './browser.ts';

let t: TestDatabase;
let srv: Awaited<ReturnType<typeof serveDashboard>>;
let browser: BrowserContext;
let link: string;
const OUT = 'test-output';

// The functions below run inside the page; tsconfig has no DOM lib, so name what they use.
declare const document: { documentElement: { scrollWidth: number } };
declare const window: { innerWidth: number };
declare function getComputedStyle(e: unknown, pseudo?: string): { color: string; content: string };

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  t = await createTestDatabase('dash_browser');
  const seed = await seedRecord(t.db);
  srv = await serveDashboard(t.db, REF_NOW);
  const wang = await t.db.person.findFirstOrThrow({ where: { userId: 'wang' } });
  link = srv.base + srv.link(wang.id, { planId: seed.planId }).path;
  browser = await launchChromium();
}, 60_000);
afterAll(async () => { await browser?.close(); await srv?.close(); await t?.drop(); });

async function open(width: number, height: number, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height });
  const r = await page.goto(url);
  expect(r?.status()).toBe(200);
  return page;
}

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

describe('dashboard in Chromium', () => {
  it('desktop: progress, units, overdue worst first, timeline, tasks', async () => {
    const page = await open(1366, 900, link);
    await page.screenshot({ path: `${OUT}/dashboard-desktop.png`, fullPage: true });
    expect(await page.locator('h1').innerText()).toContain('测试方案');
    const overdue = await page.locator('#overdue tbody tr').allInnerTexts();
    expect(overdue.map((r) => r.split('\t')[0])).toEqual(['二.(三)', '二.(一)']);
    expect(overdue[0]).toContain('51天');
    expect(overdue[1]).toContain('延期待批');
    const units = await page.locator('#units tbody tr').allInnerTexts();
    expect(units.map((r) => r.split('\t')[1])).toEqual(['区财政局', '医疗保障分局', '区卫生健康局']);
    expect(await page.locator('#timeline .month b').allInnerTexts()).toEqual(['2025年9月', '2025年10月', '2026年6月']);
    // the status chip is red for overdue, as in the Excel ledger
    const bg = await page.locator('#overdue .late').first().evaluate((e) => getComputedStyle(e).color);
    expect(bg).toBe('rgb(192, 57, 43)');
    expect(await noSideScroll(page)).toBe(true);
    await page.close();
  });

  it('phone: tables become cards, nothing scrolls sideways, a task opens with its history', async () => {
    const page = await open(390, 844, link);
    await page.screenshot({ path: `${OUT}/dashboard-phone.png`, fullPage: true });
    expect(await noSideScroll(page)).toBe(true);
    const cell = page.locator('#units tbody tr').first().locator('td').nth(1);
    expect(await cell.evaluate((e) => getComputedStyle(e, '::before').content)).toBe('"单位"');
    await page.getByRole('link', { name: '推进紧密型医共体建设' }).first().click();
    await page.waitForURL(/\/dashboard\/task\//);
    await page.screenshot({ path: `${OUT}/dashboard-task-phone.png`, fullPage: true });
    const events = await page.locator('.trail li b').allInnerTexts();
    expect(events).toEqual(['确认办结（销号）', '申请办结', '办结退回', '申请办结', '任务下达']);
    expect(await page.locator('.trail').innerText()).toContain('佐证材料不全');
    expect(await noSideScroll(page)).toBe(true);
    await page.getByRole('link', { name: '返回看板' }).click();
    await page.waitForURL(/\/dashboard\?t=/);
    await page.close();
  });

  it('an expired link shows the refusal; an admin logs in with the token', async () => {
    srv.clock.set(new Date(REF_NOW.getTime() + 2 * 86400_000));
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    expect((await page.goto(link))?.status()).toBe(403);
    expect(await page.locator('h2').innerText()).toBe('链接已过期');
    await page.screenshot({ path: `${OUT}/dashboard-expired.png` });
    await page.getByRole('link', { name: '管理员登录' }).click();
    await page.fill('#token', ADMIN);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/dashboard$/);
    expect(await page.locator('#units tbody tr').count()).toBe(3);
    srv.clock.set(REF_NOW);
    await page.close();
  });

  it('the bulletin prints on A4 in Chromium', async () => {
    const page = await open(1024, 800, `${link.replace('/dashboard?', '/dashboard/bulletin?')}`);
    expect(await page.locator('h1').innerText()).toBe('关于《测试方案》推进情况的通报');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.screenshot({ path: `${OUT}/bulletin.png`, fullPage: true });
    await page.close();
  });
});
