/**
 * 佐证材料 links: signed links (src/lib/signed-link.ts) for the purpose 'evidence', scoped to one
 * task, given to one person privately. They open that task's dashboard page (facts, history,
 * files: pictures shown, other files downloaded) and its files — nothing else. Whether the
 * person may (a leader, an admin, a member of one of the task's units) is checked when the
 * link is made and again on every request, so a role change closes it at once.
 */
import type { SignedLinks } from '../lib/signed-link.ts';
import type { EvidenceStore } from '../store/evidence.ts';
import { TOKEN_PARAM } from './link.ts';

export const EVIDENCE_PURPOSE = 'evidence';
/** Evidence links in chat stay valid this long (the notice says 24小时). */
export const EVIDENCE_LINK_TTL_MS = 24 * 3600_000;

/** The path and query of a task's evidence page for this person, e.g. `/dashboard/task/<id>?t=eyJ…`. */
export function signEvidenceLink(links: SignedLinks, a: { personId: string; taskId: string; now: Date; expiresAt?: Date }): { path: string; token: string; id: string } {
  const { token, id } = links.sign({ purpose: EVIDENCE_PURPOSE, subject: a.personId, scope: { task: a.taskId }, expiresAt: a.expiresAt ?? new Date(a.now.getTime() + EVIDENCE_LINK_TTL_MS), now: a.now });
  return { path: `/dashboard/task/${a.taskId}?${TOKEN_PARAM}=${token}`, token, id };
}

/** True when the person may open the task's files: a leader or admin, or a member of one of its units. */
export async function mayOpenEvidence(store: Pick<EvidenceStore, 'rightsOf'>, personId: string, taskId: string): Promise<boolean> {
  const r = await store.rightsOf(personId, taskId);
  return Boolean(r && (r.role === 'leader' || r.role === 'admin' || r.ofTask));
}

export interface EvidenceLinks {
  /** the task's page with its files */
  page: string;
  files: { name: string; url: string; image: boolean; size: number }[];
}

/**
 * The one function that gives a person the signed link(s) to a task's 佐证材料: the page and
 * each file, under one token made for that person; null when they may not open them (or
 * links are off). `baseUrl` is PUBLIC_BASE_URL.
 */
export async function evidenceLinksFor(deps: { store: Pick<EvidenceStore, 'rightsOf' | 'forTask'>; links: SignedLinks | null; baseUrl: string; now: Date }, a: { personId: string; taskId: string }): Promise<EvidenceLinks | null> {
  if (!deps.links || !(await mayOpenEvidence(deps.store, a.personId, a.taskId))) return null;
  const base = deps.baseUrl.replace(/\/$/, '');
  const { path, token } = signEvidenceLink(deps.links, { ...a, now: deps.now });
  const files = await deps.store.forTask(a.taskId);
  return {
    page: base + path,
    files: files.map((f) => ({ name: f.name, url: `${base}/dashboard/file/${f.id}?${TOKEN_PARAM}=${token}`, image: f.mime.startsWith('image/') && f.mime !== 'image/heic', size: f.size })),
  };
}
