// Pure: signed dashboard links.
import { describe, expect, it } from 'vitest';
import { signDashboardLink, verifyDashboardToken } from '../../src/dashboard/link.ts';

const SECRET = 'link-test-secret-0123456789';
const now = new Date('2025-11-20T10:00:00+08:00');
const token = (link: string) => new URL(link, 'http://x').searchParams.get('t')!;

describe('signed dashboard links', () => {
  it('carry the plan and expiry and verify until the second they expire', () => {
    const expiresAt = new Date(now.getTime() + 3600_000);
    const link = signDashboardLink(SECRET, { planId: 'p1', expiresAt });
    expect(link).toMatch(/^\/dashboard\?t=[\w-]+\.[\w-]+$/);
    expect(verifyDashboardToken(SECRET, token(link), now)).toEqual({ ok: true, planId: 'p1', expiresAt });
    expect(verifyDashboardToken(SECRET, token(link), new Date(expiresAt.getTime() - 1))).toMatchObject({ ok: true });
    expect(verifyDashboardToken(SECRET, token(link), expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('are refused when signed with another secret or changed in any character', () => {
    const t = token(signDashboardLink(SECRET, { expiresAt: new Date(now.getTime() + 3600_000) }));
    expect(verifyDashboardToken('another-secret-0123456789', t, now)).toEqual({ ok: false, reason: 'bad' });
    for (let i = 0; i < t.length; i += 7) {
      const c = t[i] === 'a' ? 'b' : 'a';
      const changed = t.slice(0, i) + c + t.slice(i + 1);
      if (changed !== t) expect(verifyDashboardToken(SECRET, changed, now).ok).toBe(false);
    }
  });
});
