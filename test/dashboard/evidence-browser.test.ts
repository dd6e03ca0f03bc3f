// Needs PostgreSQL and Chromium (Debian packages chromium and fonts-noto-cjk): a task's page
// opened from a leader's 佐证材料 link shows the photos as thumbnails (decoded by the browser)
// and other files as downloads with safe headers; a person outside the task's units is refused.
// The screenshot is kept in test-output/dashboard-task-evidence.png.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { REF_NOW, seedPlan } from '../helpers/seed.ts';
import { serveDashboard } from './serve.ts';
import { launchChromium } from './browser.ts';
import { evidenceLinksFor, signEvidenceLink } from '../../src/dashboard/evidence-link.ts';
import { bufferStream } from '../../src/channels/file-stream.ts';
import { detectFileKind } from '../../src/lib/file-kind.ts';

declare const document: { querySelectorAll(s: string): ArrayLike<{ naturalWidth: number; complete: boolean }> };

const OUT = 'test-output';
let t: TestDatabase;
let srv: Awaited<ReturnType<typeof serveDashboard>>;
let browser: BrowserContext;
let taskId: string;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  t = await createTestDatabase('dash_evidence');
  const seed = await seedPlan(t.db);
  taskId = seed.tasks['二.(一)']!;
  srv = await serveDashboard(t.db, REF_NOW);
  const zhang = await t.db.person.findFirstOrThrow({ where: { userId: 'zhangsan' } });
  const msg = await t.db.inboundMessage.create({ data: { platform: 'console', messageId: 'ev-1', chatType: 'single', senderId: 'zhangsan', kind: 'file' } });
  const files = ['现场照片1.png', '现场照片2.jpg', '签到表.png', '验收报告.pdf'];
  for (const [seq, name] of files.entries()) {
    const bytes = readFileSync(path.resolve(__dirname, '../fixtures/evidence', name));
    const stored = await srv.store.files.put(bufferStream(bytes), { maxBytes: 20 << 20, inspect: (h) => { const d = detectFileKind(h); if (!d.ok) throw new Error(d.reason); return d.kind.mime; } });
    await srv.store.evidence.add({ fileId: stored.fileId, name, mime: stored.mime, size: stored.size, taskId, unitId: seed.units['区卫生健康局']!, personId: zhang.id, senderName: '张三', messageId: msg.id, seq });
  }
  browser = await launchChromium();
}, 60_000);
afterAll(async () => { await browser?.close(); await srv?.close(); await t?.drop(); });

describe('a task\'s 佐证材料 in Chromium', () => {
  it('a leader\'s link shows the photos as thumbnails and the PDF as a download, each opening logged', async () => {
    const wang = await t.db.person.findFirstOrThrow({ where: { userId: 'wang' } });
    const links = await evidenceLinksFor({ store: srv.store.evidence, links: srv.links, baseUrl: srv.base, now: srv.clock.now() }, { personId: wang.id, taskId });
    expect(links!.files.map((f) => [f.name, f.image])).toEqual([['现场照片1.png', true], ['现场照片2.jpg', true], ['签到表.png', true], ['验收报告.pdf', false]]);
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1100, height: 900 });
    expect((await page.goto(links!.page))?.status()).toBe(200);
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#evidence img')).every((i) => i.complete));
    const widths = await page.evaluate(() => Array.from(document.querySelectorAll('#evidence img')).map((i) => i.naturalWidth));
    expect(widths).toEqual([240, 16, 200]);
    expect(await page.locator('#evidence h2').innerText()).toBe('佐证材料（4份）');
    expect(await page.locator('#evidence a[download]').allInnerTexts()).toEqual(['PDF', '验收报告.pdf']);
    await page.screenshot({ path: `${OUT}/dashboard-task-evidence.png`, fullPage: true });
    // the page does not lead back to the whole dashboard, and the link opens nothing else
    expect(await page.locator('header nav').count()).toBe(0);
    const token = new URL(links!.page).searchParams.get('t')!;
    expect((await fetch(`${srv.base}/dashboard?t=${token}`)).status).toBe(403);

    const pdf = await fetch(links!.files[3]!.url);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment;.*%E9%AA%8C%E6%94%B6%E6%8A%A5%E5%91%8A\.pdf/);
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    expect(pdf.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await pdf.arrayBuffer()).equals(readFileSync(path.resolve(__dirname, '../fixtures/evidence/验收报告.pdf')))).toBe(true);
    const photo = await fetch(links!.files[0]!.url);
    expect([photo.headers.get('content-type'), photo.headers.get('content-disposition')?.split(';')[0]]).toEqual(['image/png', 'inline']);
    // three thumbnails and two fetches, each logged with who opened it
    expect(await t.db.evidenceDownload.count({ where: { viewer: wang.id, via: 'link' } })).toBe(5);
  });

  it('refuses a person outside the task\'s units, and another task\'s files under a link', async () => {
    const lisi = await t.db.person.findFirstOrThrow({ where: { userId: 'lisi' } });
    expect(await evidenceLinksFor({ store: srv.store.evidence, links: srv.links, baseUrl: srv.base, now: srv.clock.now() }, { personId: lisi.id, taskId })).toBeNull();
    const forged = signEvidenceLink(srv.links, { personId: lisi.id, taskId, now: srv.clock.now() });
    expect((await fetch(srv.base + forged.path)).status).toBe(404);
    const zhang = await t.db.person.findFirstOrThrow({ where: { userId: 'zhangsan' } });
    const other = await t.db.task.findFirstOrThrow({ where: { path: '二.(五)' } });
    const own = signEvidenceLink(srv.links, { personId: zhang.id, taskId: other.id, now: srv.clock.now() });
    const ev = await t.db.evidence.findFirstOrThrow({ where: { taskId } });
    expect((await fetch(`${srv.base}/dashboard/file/${ev.id}?t=${own.token}`)).status).toBe(404);
    // dashboard links: a unit member of the task opens its files (logged), another unit's member does not
    const unitLink = (personId: string, unitId: string) => new URL(srv.base + srv.link(personId, { unitId }).path).searchParams.get('t')!;
    const units = Object.fromEntries((await t.db.unit.findMany()).map((u) => [u.name, u.id]));
    expect((await fetch(`${srv.base}/dashboard/file/${ev.id}?t=${unitLink(zhang.id, units['区卫生健康局']!)}`)).status).toBe(200);
    expect(await t.db.evidenceDownload.count({ where: { viewer: zhang.id, via: 'dashboard' } })).toBe(1);
    expect((await fetch(`${srv.base}/dashboard/file/${ev.id}?t=${unitLink(lisi.id, units['医疗保障分局']!)}`)).status).toBe(404);
  });
});
