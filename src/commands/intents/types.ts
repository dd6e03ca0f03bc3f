/**
 * What an intent handler gets and returns. Handlers act through the store and return a
 * reply spec (template key + data); they never send anything themselves.
 */
import type { Store } from '../../store/index.ts';
import type { WorkCalendar } from '../../tasks/calendar.ts';
import type { TemplateKey } from '../../render/keys.ts';
import type { CardKind } from '../../render/card.ts';
import type { Speaker } from '../speaker.ts';
import type { Command } from '../command.ts';
import type { PolicyChange, PolicyOutcome } from '../../reminders/policy-settings.ts';
import type { UnsignedUnit } from '../../reminders/unsigned.ts';

export interface ReplySpec {
  key: TemplateKey;
  data: Record<string, unknown>;
  /** the list in `data` that may be shortened to fit the channel */
  listKey?: string;
}

/** A message to somewhere other than the asking chat (leaders' group, a unit's group, one person privately). */
export interface Notice {
  to: { kind: 'leaders' } | { kind: 'unit'; unitId: string } | { kind: 'person'; personId: string };
  reply: ReplySpec;
  /** the same notice as a card with buttons (templates/cards.json), where the route carries cards */
  card?: NoticeCard;
}

/**
 * A card a notice carries: its kind (templates/cards.json), the pending request its decision
 * buttons act on (a done_claim report's id, an extension request's id), the task its other
 * buttons act on, and the data its title and facts are filled with.
 */
export interface NoticeCard {
  kind: CardKind;
  requestId?: string;
  taskId: string;
  data: Record<string, unknown>;
}

export interface IntentResult {
  reply: ReplySpec;
  /** further replies given with this one (a message about several tasks) */
  also?: ReplySpec[];
  /** a file to send with the reply (ledger export) */
  file?: { name: string; content: Buffer };
  notices?: Notice[];
  /** a question left open: the next message of this speaker in this chat may answer it */
  dialog?: { kind: string; payload: Record<string, unknown> };
}

export interface IntentContext {
  command: Command;
  speaker: Speaker;
  message: { id: string; text: string; quote: string | null };
  now: Date;
  today: string;
  calendar: WorkCalendar;
  store: Store;
  hooks: IntentHooks;
}

/** What intents may ask of other modules (reminders, ledger), injected by the composition root. */
export interface IntentHooks {
  /** a task's deadline or state changed: reschedule or drop its reminders */
  taskChanged(taskId: string): Promise<void>;
  /** a plan was switched on or off: its reminders start or stop */
  planChanged?(planId: string): Promise<void>;
  /**
   * A task reached units it was not with before (a 交办 confirmed, a 改派). The one place where
   * "this unit now has this task" is said; 签收 (receipt by the unit) starts here.
   */
  taskReachedUnits?(a: { taskId: string; unitIds: string[]; at: Date; via: 'assign' | 'reassign' | 'correction' }): Promise<void>;
  /**
   * record an acknowledgement against the latest reminder sent to the unit, and the 签收 it
   * makes (the named tasks, the quoted notice's, or the reminder's); null if nothing reached the unit
   */
  recordAck(a: { unitId: string; personId: string | null; messageId: string; text: string; now: Date; quote?: string | null; taskIds?: string[] }): Promise<{ tasks: string[]; signed: { taskId: string; label: string }[] } | null>;
  /**
   * tasks reached their units now (a plan activated on 确认, 交办, 改派, a unit correction): 签收 starts — each unit gets a notice and, unsigned,
   * 签收提醒 (src/reminders/signing.ts `startSigning`, the one entry point); `restart` for a unit a task moved back to
   */
  startSigning?(a: { taskIds?: string[]; planId?: string; unitIds?: string[]; restart?: boolean }): Promise<string[]>;
  /** the tasks reached and not signed for, by unit (one unit's, or all) */
  unsigned?(a: { unitId?: string; now: Date }): Promise<UnsignedUnit[]>;
  pause(a: { scope: 'task' | 'unit' | 'plan'; id: string; until: Date | null }): Promise<void>;
  /** show (change null), change or reset the reminder policy of a task or a plan */
  reminderPolicy(a: { scope: 'task' | 'plan'; id: string; change: PolicyChange }): Promise<PolicyOutcome>;
  /**
   * a signed dashboard link for this speaker, tied to them and to what they may see (leaders
   * and admins everything, a unit member their unit's tasks), or null when the dashboard is off
   * or they may see nothing; it goes to them privately, never into a group
   */
  dashboardLink(a: { speaker: Speaker; planId?: string }): string | null;
  /**
   * the signed link through which this person opens the task's 佐证材料 (conversation/evidence.ts),
   * or null when they may not (not the task's unit, a leader or an admin) or links are off
   */
  evidenceLink?(a: { personId: string; taskId: string }): string | null;
  /** the ledger workbook, or null when unavailable */
  exportLedger?(a: { now: Date }): Promise<{ name: string; content: Buffer } | null>;
  bulletin?(a: { now: Date }): Promise<string>;
}

export const noHooks: IntentHooks = {
  taskChanged: async () => {},
  recordAck: async () => null,
  pause: async () => {},
  reminderPolicy: async () => ({ ok: false, notFound: true }),
  dashboardLink: () => null,
};

export type IntentHandler = (ctx: IntentContext) => Promise<IntentResult>;
