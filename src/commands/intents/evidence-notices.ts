/**
 * Leaders are told of a claim's 佐证材料 privately, each with their own signed link to the
 * task's page and files (the hooks sign it; dashboard/evidence-link.ts).
 */
import type { IntentHooks, Notice } from './types.ts';
import type { Store } from '../../store/index.ts';

export async function leaderNotices(deps: { store: Pick<Store, 'directory'>; hooks: IntentHooks }, task: { id: string; title: string }, path: string, data: { unit: string; count: number; names?: string; after?: boolean }): Promise<Notice[]> {
  const leaders = await deps.store.directory.leaders();
  return leaders.map((l) => ({
    to: { kind: 'person' as const, personId: l.id },
    reply: { key: 'evidence-for-leader' as const, data: { ...data, path, title: task.title, link: deps.hooks.evidenceLink?.({ personId: l.id, taskId: task.id }) ?? null } },
  }));
}
