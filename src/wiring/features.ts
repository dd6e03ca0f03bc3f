/**
 * The hooks intents and the import dialogue use, built from the feature modules
 * (reminders, ledger, dashboard, importer). Part of the composition root.
 */
import type { IntentHooks } from '../commands/intents/types.ts';
import type { ImportHooks } from '../conversation/import-plan.ts';
import type { Processors } from '../queue/queues.ts';
import type { Runtime } from '../main.ts';

export function createHooks(rt: Runtime): IntentHooks {
  return {
    taskChanged: async () => {},
    recordAck: async () => null,
    pause: async () => {},
    dashboardLink: () => null,
  };
}

export function createImportHooks(rt: Runtime): ImportHooks {
  return {
    fetchFile: (platform, file) => rt.channels.fetchFile(platform, file),
    importDraft: async () => { throw new Error('importer not wired'); },
    activate: async () => {},
  };
}

export function reminderProcessors(rt: Runtime): Processors {
  void rt;
  return {};
}

export async function reconcileReminders(rt: Runtime): Promise<void> {
  void rt;
}
