/**
 * The only importer file that touches the store: saves an ImportedPlan as a draft plan
 * (re-importing the same document updates it; an active plan keeps its history).
 */
import type { PlansStore, SavedPlan } from '../store/plans.ts';
import type { ImportedPlan } from './types.ts';

/** Saves the plan; `sourceName` is the file name shown to admins. */
export function saveImportedPlan(plans: Pick<PlansStore, 'saveDraft'>, plan: ImportedPlan, opts: { sourceName?: string } = {}): Promise<SavedPlan> {
  return plans.saveDraft(plan, opts);
}
