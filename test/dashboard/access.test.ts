// Needs PostgreSQL (test/helpers/db.ts): the dashboard over real HTTP — who gets in, what a
// link shows (its person's scope), when it stops working (expiry, revocation, a role change),
// how admins sign in (a signed session cookie, throttled login), and that a refusal shows no data.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { REF_NOW } from '../helpers/seed.ts';
import { createSignedLinks } from '../../src/lib/signed-link.ts';
import { signDashboardLink } from '../../src/dashboard/link.ts';
import { LOGIN_ATTEMPTS } from '../../src/dashboard/login.ts';
import { seedRecord } from '../ledger/seed-record.ts';
import { ADMIN, serveDashboard } from './serve.ts';

let t: TestDatabase;
let seed: Awaited<ReturnType<typeof seedRecord>>;
let srv: Awaited<ReturnType<typeof serveDashboard>>;
let otherPlan: string;
let people: Record<'wang' | 'zhangsan' | 'lisi', string>;
const hour = 3600_000;

beforeAll(async () => {
  t = await createTestDatabase('dash_access');
  seed = await seedRecord(t.db);
  const p = await t.db.plan.create({ data: { title: '另一方案', sourceHash: 'other', status: 'active', tasks: { create: [{ path: '一', pathKey: '1', seq: 1, title: '另一方案的秘密任务', text: 'x', dueKind: 'unknown' }] } } });
  otherPlan = p.id;
  const id = async (userId: string) => (await t.db.person.findFirstOrThrow({ where: { userId } })).id;
  people = { wang: await id('wang'), zhangsan: await id('zhangsan'), lisi: await id('lisi') };
  srv = await serveDashboard(t.db, REF_NOW);
});
afterAll(async () => { await srv.close(); await t.drop(); });

const get = (path: string, headers: Record<string, string> = {}) => fetch(srv.base + path, { headers, redirect: 'manual' });
const tokenOf = (path: string) => new URL(path, 'http://x').searchParams.get('t')!;

describe('dashboard links', () => {
  it("a leader's link opens every plan until it expires, then is refused without data", async () => {
    srv.clock.set(REF_NOW);
    const { path } = srv.link(people.wang);
    const ok = await get(path);
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain('提高区域急救能力');
    expect(html).toContain('另一方案的秘密任务');
    expect(ok.headers.get('referrer-policy')).toBe('no-referrer');
    srv.clock.set(new Date(REF_NOW.getTime() + 25 * hour));
    const late = await get(path);
    expect(late.status).toBe(403);
    const body = await late.text();
    expect(body).toContain('链接已过期');
    expect(body).not.toContain('提高区域急救能力');
    srv.clock.set(REF_NOW);
  });

  it('a link with a bad signature, tampered claims, another secret or another purpose is refused', async () => {
    const { path } = srv.link(people.zhangsan, { unitId: seed.units['区卫生健康局']! });
    const [payload, sig] = tokenOf(path).split('.');
    const flipped = sig!.slice(0, -1) + (sig!.endsWith('A') ? 'B' : 'A');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const widened = Buffer.from(JSON.stringify({ ...claims, c: {} })).toString('base64url');
    const other = createSignedLinks({ secret: 'another-secret-0123456789abcdef' });
    const foreign = signDashboardLink(other, { personId: people.wang, scope: {}, expiresAt: new Date(REF_NOW.getTime() + hour), now: REF_NOW }).path;
    const evidence = srv.links.sign({ purpose: 'evidence', subject: people.wang, scope: {}, expiresAt: new Date(REF_NOW.getTime() + hour), now: REF_NOW }).token;
    for (const bad of [`${payload}.${flipped}`, `${widened}.${sig}`, tokenOf(foreign), evidence, 'garbage', `${payload}.${sig}.x`]) {
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
    const { path } = srv.link(people.wang, { planId: seed.planId }, 1);
    const html = await (await get(`${path}&plan=${otherPlan}`)).text();
    expect(html).toContain('测试方案');
    expect(html).not.toContain('另一方案的秘密任务');
    const other = await t.db.task.findFirstOrThrow({ where: { planId: otherPlan } });
    const token = tokenOf(path);
    expect((await get(`/dashboard/task/${other.id}?t=${token}`)).status).toBe(404);
    const own = await get(`/dashboard/task/${seed.tasks['二.(二)']}?t=${token}`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('佐证材料不全');
  });

  it("a unit member's link shows their unit's tasks only: no other unit's task, no 通报, a ledger of their tasks", async () => {
    const { path } = srv.link(people.lisi, { unitId: seed.units['医疗保障分局']! });
    const token = tokenOf(path);
    const html = await (await get(path)).text();
    expect(html).toContain('深化医保支付方式改革');
    expect(html).not.toContain('提高区域急救能力');
    expect(html).not.toContain('另一方案的秘密任务');
    expect(html).not.toContain('/dashboard/bulletin');
    expect((await get(`/dashboard/task/${seed.tasks['二.(一)']}?t=${token}`)).status).toBe(404);
    expect((await get(`/dashboard/task/${seed.tasks['二.(三)']}?t=${token}`)).status).toBe(200);
    const bulletin = await get(`/dashboard/bulletin?t=${token}`);
    expect(bulletin.status).toBe(403);
    expect(await bulletin.text()).toContain('只能查看本单位');
    expect((await get(`/dashboard/bulletin.docx?t=${token}`)).status).toBe(403);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await (await get(`/dashboard/ledger.xlsx?t=${token}`)).arrayBuffer());
    const text = wb.worksheets.filter((w) => w.state === 'visible').map((ws) => ws.getSheetValues().flat().join(' ')).join(' ');
    expect(text).toContain('深化医保支付方式改革');
    expect(text).not.toContain('提高区域急救能力');
  });

  it('stops working when revoked, alone or with every link of a person whose role changes; a new link works', async () => {
    const one = srv.link(people.wang);
    const kept = srv.link(people.wang);
    await srv.store.links.revokeLink({ linkId: one.id, subject: people.wang, reason: 'forwarded', at: REF_NOW });
    const refused = await get(one.path);
    expect(refused.status).toBe(403);
    const body = await refused.text();
    expect(body).toContain('链接已收回');
    expect(body).not.toContain('急救');
    expect((await get(kept.path)).status).toBe(200);

    const member = srv.link(people.zhangsan, { unitId: seed.units['区卫生健康局']! });
    expect((await get(member.path)).status).toBe(200);
    await srv.store.directory.setRole(people.zhangsan, 'member', seed.units['区财政局']!);
    expect((await get(member.path)).status).toBe(403);
    // The store records a role change at the wall clock's now: a link signed after that works.
    srv.clock.set(new Date(Date.now() + 1000));
    expect((await get(srv.link(people.zhangsan, { unitId: seed.units['区财政局']! }).path)).status).toBe(200);
    srv.clock.set(REF_NOW);
  });
});

describe('admin sign-in', () => {
  const form = (token: string, ip: string) =>
    fetch(`${srv.base}/dashboard/login`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual', headers: { 'x-forwarded-for': ip } });

  it('the admin token works as a Bearer header; the login form sets a signed, expiring, HttpOnly, SameSite session cookie', async () => {
    srv.clock.set(REF_NOW);
    expect((await get('/dashboard', { authorization: `Bearer ${ADMIN}` })).status).toBe(200);
    expect((await get('/dashboard', { authorization: 'Bearer wrong-token-wrong-token-0000' })).status).toBe(401);
    const wrong = await form('nope', '10.0.0.1');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('令牌不正确');
    const right = await form(ADMIN, '10.0.0.1');
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/dashboard');
    const setCookie = right.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/duban_admin=[\w-]+\.[\w-]+;/);
    expect(setCookie).toMatch(/httponly/i);
    expect(setCookie).toMatch(/samesite=strict/i);
    expect(setCookie).toMatch(/expires=/i);
    expect(setCookie).not.toContain(ADMIN);
    const cookie = setCookie.split(';')[0]!;
    const page = await get('/dashboard', { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('推进紧密型医共体建设');
    // The raw token is no cookie; a session ends after 12 hours.
    expect((await get('/dashboard', { cookie: `duban_admin=${ADMIN}` })).status).toBe(401);
    srv.clock.set(new Date(REF_NOW.getTime() + 13 * hour));
    expect((await get('/dashboard', { cookie })).status).toBe(401);
    srv.clock.set(REF_NOW);
  });

  it(`stops login attempts from one address after ${LOGIN_ATTEMPTS} in 15 minutes, even with the right token`, async () => {
    srv.clock.set(new Date(REF_NOW.getTime() + 2 * hour));
    // The test server trusts no proxy: every request counts for 127.0.0.1, whatever X-Forwarded-For says.
    for (let i = 0; i < LOGIN_ATTEMPTS; i += 1) expect((await form('guess-' + i, `10.9.0.${i}`)).status).toBe(401);
    const blocked = await form(ADMIN, '10.9.9.9');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.headers.get('set-cookie')).toBeNull();
    expect(await blocked.text()).toContain('尝试次数过多');
    srv.clock.set(new Date(REF_NOW.getTime() + 2 * hour + 16 * 60_000));
    expect((await form(ADMIN, '10.9.9.9')).status).toBe(303);
    srv.clock.set(REF_NOW);
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
