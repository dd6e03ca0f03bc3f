// Needs PostgreSQL (test/helpers/db.ts): the dashboard over real HTTP — who gets in,
// who is refused, and that a refusal shows no data.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { REF_NOW } from '../helpers/seed.ts';
import { signDashboardLink } from '../../src/dashboard/link.ts';
import { seedRecord } from '../ledger/seed-record.ts';
import { ADMIN, SECRET, serveDashboard } from './serve.ts';

let t: TestDatabase;
let seed: Awaited<ReturnType<typeof seedRecord>>;
let srv: Awaited<ReturnType<typeof serveDashboard>>;
let otherPlan: string;
const hour = 3600_000;

beforeAll(async () => {
  t = await createTestDatabase('dash_access');
  seed = await seedRecord(t.db);
  const p = await t.db.plan.create({ data: { title: '另一方案', sourceHash: 'other', status: 'active', tasks: { create: [{ path: '一', pathKey: '1', seq: 1, title: '另一方案的秘密任务', text: 'x', dueKind: 'unknown' }] } } });
  otherPlan = p.id;
  srv = await serveDashboard(t.db, REF_NOW);
});
afterAll(async () => { await srv.close(); await t.drop(); });

const get = (path: string, headers: Record<string, string> = {}) => fetch(srv.base + path, { headers, redirect: 'manual' });

describe('dashboard access', () => {
  it('a signed link opens the dashboard until it expires, then is refused without data', async () => {
    srv.clock.set(REF_NOW);
    const link = signDashboardLink(SECRET, { expiresAt: new Date(REF_NOW.getTime() + 24 * hour) });
    const ok = await get(link);
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain('提高区域急救能力');
    expect(html).toContain('另一方案的秘密任务');
    expect(ok.headers.get('referrer-policy')).toBe('no-referrer');
    srv.clock.set(new Date(REF_NOW.getTime() + 25 * hour));
    const late = await get(link);
    expect(late.status).toBe(403);
    const body = await late.text();
    expect(body).toContain('链接已过期');
    expect(body).not.toContain('提高区域急救能力');
    srv.clock.set(REF_NOW);
  });

  it('a link with a bad signature, a tampered plan or another secret is refused', async () => {
    const link = signDashboardLink(SECRET, { planId: seed.planId, expiresAt: new Date(REF_NOW.getTime() + hour) });
    const [payload, sig] = new URL(link, 'http://x').searchParams.get('t')!.split('.');
    const flipped = sig!.slice(0, -1) + (sig!.endsWith('A') ? 'B' : 'A');
    const forgedPayload = Buffer.from(JSON.stringify({ e: Math.floor(REF_NOW.getTime() / 1000) + 3600 })).toString('base64url');
    for (const bad of [`${payload}.${flipped}`, `${forgedPayload}.${sig}`, signDashboardLink('another-secret-0123456789abcdef', { expiresAt: new Date(REF_NOW.getTime() + hour) }).split('t=')[1]!, 'garbage', `${payload}.${sig}.x`]) {
      const r = await get(`/dashboard?t=${bad}`);
      expect(r.status).toBe(401);
      const body = await r.text();
      expect(body).toContain('链接无效');
      expect(body).not.toContain('急救');
    }
    expect((await get('/dashboard')).status).toBe(401);
    expect((await get(`/dashboard/task/${seed.tasks['二.(一)']}`)).status).toBe(401);
    expect((await get('/dashboard/ledger.xlsx')).status).toBe(401);
  });

  it('a plan-bound link shows only that plan, even when asked for another', async () => {
    const link = signDashboardLink(SECRET, { planId: seed.planId, expiresAt: new Date(REF_NOW.getTime() + hour) });
    const html = await (await get(`${link}&plan=${otherPlan}`)).text();
    expect(html).toContain('测试方案');
    expect(html).not.toContain('另一方案的秘密任务');
    const other = await t.db.task.findFirstOrThrow({ where: { planId: otherPlan } });
    const token = link.split('t=')[1]!;
    expect((await get(`/dashboard/task/${other.id}?t=${token}`)).status).toBe(404);
    const own = await get(`/dashboard/task/${seed.tasks['二.(二)']}?t=${token}`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('佐证材料不全');
  });

  it('the admin token works as a Bearer header and through the login form cookie', async () => {
    expect((await get('/dashboard', { authorization: `Bearer ${ADMIN}` })).status).toBe(200);
    expect((await get('/dashboard', { authorization: 'Bearer wrong-token-wrong-token-0000' })).status).toBe(401);
    const form = (token: string) => fetch(`${srv.base}/dashboard/login`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual' });
    const wrong = await form('nope');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('令牌不正确');
    const right = await form(ADMIN);
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/dashboard');
    const cookie = right.headers.get('set-cookie')!;
    expect(cookie).toMatch(/duban_admin=.*httponly/i);
    const page = await get('/dashboard', { cookie: cookie.split(';')[0]! });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('推进紧密型医共体建设');
  });

  it('admins download the ledger and the bulletin', async () => {
    const auth = { authorization: `Bearer ${ADMIN}` };
    const x = await get(`/dashboard/ledger.xlsx?plan=${seed.planId}`, auth);
    expect(x.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(x.headers.get('content-disposition')!)).toContain('督办台账（2025年11月20日）.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await x.arrayBuffer());
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['测试方案', '汇总', '全程留痕']);
    const d = await get('/dashboard/bulletin.docx', auth);
    expect(d.headers.get('content-type')).toContain('wordprocessingml');
    const b = await (await get('/dashboard/bulletin', auth)).text();
    expect(b).toContain('关于督办事项推进情况的通报');
  });
});
