// Pure: the one signed-link definition (dashboard links now; evidence downloads and card actions later).
import { describe, expect, it } from 'vitest';
import { createSignedLinks, type LinkClaims } from '../../src/lib/signed-link.ts';

const SECRET = 'link-test-secret-0123456789';
const now = new Date('2025-11-20T10:00:00+08:00');
const hour = 3600_000;

describe('signed links', () => {
  const links = createSignedLinks({ secret: SECRET, newId: () => 'link-1' });

  it('carry purpose, person, scope and times, and verify until the millisecond they expire', async () => {
    const expiresAt = new Date(now.getTime() + hour);
    const { token, id } = links.sign({ purpose: 'dashboard', subject: 'person-1', scope: { unit: 'u1' }, expiresAt, now });
    expect(id).toBe('link-1');
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
    const claims: LinkClaims = { id: 'link-1', purpose: 'dashboard', subject: 'person-1', scope: { unit: 'u1' }, issuedAt: now, expiresAt };
    expect(await links.verify(token, 'dashboard', now)).toEqual({ ok: true, claims });
    expect(await links.verify(token, 'dashboard', new Date(expiresAt.getTime() - 1))).toMatchObject({ ok: true });
    expect(await links.verify(token, 'dashboard', expiresAt)).toEqual({ ok: false, reason: 'expired' });
    expect(links.read(token)).toEqual(claims);
  });

  it('open only what they were signed for: another purpose is refused', async () => {
    const { token } = links.sign({ purpose: 'evidence', subject: 'person-1', scope: { task: 't1' }, expiresAt: new Date(now.getTime() + hour), now });
    expect(await links.verify(token, 'dashboard', now)).toEqual({ ok: false, reason: 'bad' });
    expect(await links.verify(token, 'evidence', now)).toMatchObject({ ok: true });
  });

  it('are refused when signed with another secret or changed in any character', async () => {
    const { token } = links.sign({ purpose: 'dashboard', subject: 'p', scope: {}, expiresAt: new Date(now.getTime() + hour), now });
    expect(await createSignedLinks({ secret: 'another-secret-0123456789' }).verify(token, 'dashboard', now)).toEqual({ ok: false, reason: 'bad' });
    for (let i = 0; i < token.length; i += 5) {
      const changed = token.slice(0, i) + (token[i] === 'a' ? 'b' : 'a') + token.slice(i + 1);
      if (changed !== token) expect((await links.verify(changed, 'dashboard', now)).ok).toBe(false);
    }
    for (const junk of ['', '.', 'a.b.c', 'bm90IGpzb24.x']) expect(await links.verify(junk, 'dashboard', now)).toEqual({ ok: false, reason: 'bad' });
  });

  it('ask the injected store whether a valid link was revoked, and only then', async () => {
    const asked: LinkClaims[] = [];
    const revoked = new Set(['gone']);
    let n = 0;
    const guarded = createSignedLinks({ secret: SECRET, newId: () => (n++ === 0 ? 'gone' : 'kept'), isRevoked: async (c) => (asked.push(c), revoked.has(c.id)) });
    const sign = () => guarded.sign({ purpose: 'dashboard', subject: 'p', scope: {}, expiresAt: new Date(now.getTime() + hour), now }).token;
    const gone = sign();
    const kept = sign();
    expect(await guarded.verify(gone, 'dashboard', now)).toEqual({ ok: false, reason: 'revoked' });
    expect(await guarded.verify(kept, 'dashboard', now)).toMatchObject({ ok: true });
    expect(await guarded.verify(kept, 'dashboard', new Date(now.getTime() + 2 * hour))).toEqual({ ok: false, reason: 'expired' });
    expect(await guarded.verify(kept, 'evidence', now)).toEqual({ ok: false, reason: 'bad' });
    expect(asked.map((c) => c.id)).toEqual(['gone', 'kept']);
  });
});
