/**
 * The ledger module's public face, what the CLI, the chat hooks and the dashboard use:
 * export the workbook, read an edited one back as a change set, apply it on confirmation,
 * and build the bulletin. Everything else in src/ledger/ is internal.
 */
export { exportLedger, ledgerFileName, type ExportOptions } from './export.ts';
export { readLedgerChanges, isLedgerWorkbook } from './import.ts';
export { applyLedgerChanges, type Actor, type ApplyResult } from './apply.ts';
export { ChangeSet, hasChanges } from './change-set.ts';
export { reviewReply, appliedReply, type LedgerReply } from './review.ts';
export { buildBulletin, type Bulletin, type BulletinData } from './bulletin.ts';
export { DEFAULT_RULES, type AssessmentRules } from './assessment.ts';
export { loadLedger, type LedgerView } from './load.ts';
