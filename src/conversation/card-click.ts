/**
 * A click on a card's button (an `action` message whose text is the button's action key,
 * channels/card.ts) goes through the same decision path as the words it stands for: the
 * button names one pending request (a 办结 claim, an extension request) or one task, and the
 * click becomes the command a leader or unit would have typed about exactly that item
 * (`#task:<id>`), run by the same intents, so it is authorised like text (only leaders
 * review, nobody reviews their own unit's item).
 *
 * - A decision click locks the task first, so a double click or two leaders at once act
 *   once: the second finds the request decided and is told so ("已处理：已销号 · 王局长 · …").
 *   A platform's retry of the same click is the same message and is stored once (inbox).
 * - A decided request answers with the card itself, decided ("已销号 · 王局长 · 12月8日 10:02"),
 *   sent on the click's route, which updates the clicked card for everyone who sees it.
 * - 退回 takes its reason from the card's input where the platform has one (a DingTalk
 *   template's `reason` field), else asks for it in the chat; 同意但改日期 asks for the day;
 *   报进展 asks for the progress, 已办结 asks to confirm, 申请延期 asks for the date and reason
 *   (the intent's own question), 查看任务 answers the task card, 查看佐证材料 sends the leader
 *   their own link privately. The answer to such a question, typed, is acted
 *   on as the command the button began (conversation/dialog.ts), and its card is updated then.
 */
import type { Store } from '../store/index.ts';
import type { StoredMessage } from '../store/messages.ts';
import type { Speaker } from '../commands/speaker.ts';
import { emptyCommand, type Command } from '../commands/command.ts';
import { TASK_ID_REF } from '../commands/resolve-task.ts';
import type { IntentHooks, IntentResult, Notice } from '../commands/intents/types.ts';
import { decidedCard, parseActionKey, type Card, type CardVerb } from '../channels/card.ts';
import { ReplyRoute } from '../channels/types.ts';
import { buildCard, cardResult } from '../render/card.ts';
import { chineseDate, shortTime } from '../lib/shanghai.ts';
import { dayOf } from '../tasks/status.ts';

export interface ClickOutcome {
  result: IntentResult;
  /** the decided card, sent on the click's route (it updates the clicked card) */
  card: Card | null;
  /** the card says it all: no text answer */
  quiet: boolean;
}

/** Card context a question opened by a click keeps, so the typed answer updates the card. */
export interface CardContext { cardId: string; route: ReplyRoute; kind: 'review' | 'extension'; requestId: string }

/** The questions a click opens (answered in conversation/dialog.ts). */
export const CARD_DIALOGS = new Set(['card_reason', 'card_date', 'card_report']);

type Act = (command: Command) => Promise<IntentResult>;

const isReviewer = (s: Speaker) => s.role === 'leader' || s.role === 'admin';
const taskRef = (taskId: string) => `${TASK_ID_REF}${taskId}`;
const say = (data: Record<string, unknown>): ClickOutcome => ({ result: { reply: { key: 'card-click', data } }, card: null, quiet: false });
const refused = (result: IntentResult): ClickOutcome => ({ result, card: null, quiet: false });

export async function answerClick(store: Store, msg: StoredMessage, speaker: Speaker, act: Act, hooks: IntentHooks): Promise<ClickOutcome> {
  const action = parseActionKey(msg.text);
  const route = ReplyRoute.safeParse(msg.replyTo);
  const cardId = route.success && typeof route.data.extra?.cardId === 'string' ? route.data.extra.cardId : '';
  if (!action) return say({ gone: true });
  const input = (msg.raw as { input?: Record<string, string> } | null)?.input ?? {};
  const ctx: ClickCtx = { store, speaker, act, hooks, cardId, route: route.success ? route.data : null, input };
  return CLICKS[action.verb](ctx, action.id);
}

/**
 * What each button does, by its verb (channels/card.ts CARD_VERBS): a new button is a verb
 * there, a line here (`satisfies` makes a missing one a compile error) and its words in
 * templates/cards.json.
 */
const CLICKS = {
  close: (ctx, id) => claimClick(ctx, id, 'close'),
  return: (ctx, id) => claimClick(ctx, id, 'return'),
  evidence: (ctx, id) => evidenceClick(ctx, id),
  approve: (ctx, id) => extensionClick(ctx, id, 'approve'),
  approve_date: (ctx, id) => extensionClick(ctx, id, 'approve_date'),
  reject: (ctx, id) => extensionClick(ctx, id, 'reject'),
  report: (ctx, id) => taskClick(ctx, id, 'report'),
  extend: (ctx, id) => taskClick(ctx, id, 'extend'),
  claim: (ctx, id) => taskClick(ctx, id, 'claim'),
  view: (ctx, id) => taskClick(ctx, id, 'view'),
  sign: (ctx, id) => signClick(ctx, id),
  decided: async () => say({ decidedButton: true }),
} satisfies Record<CardVerb, (ctx: ClickCtx, id: string) => Promise<ClickOutcome>>;

interface ClickCtx { store: Store; speaker: Speaker; act: Act; hooks: IntentHooks; cardId: string; route: ReplyRoute | null; input: Record<string, string> }

async function claimClick(ctx: ClickCtx, claimId: string, verb: 'close' | 'return'): Promise<ClickOutcome> {
  if (!isReviewer(ctx.speaker)) return refused({ reply: { key: 'errors/not-leader', data: {} } });
  const first = await ctx.store.cards.claim(claimId);
  if (!first) return say({ gone: true });
  await ctx.store.cards.lockTask(first.taskId);
  const claim = (await ctx.store.cards.claim(claimId))!;
  const task = await ctx.store.tasks.byId(claim.taskId);
  if (!task) return say({ gone: true });
  const view = { path: task.path, title: task.title };
  if (!claim.pending) return alreadyDecided(ctx, view, await reviewCard(ctx, claim, task), claimResult(claim.decision));
  if (verb === 'return' && ctx.input.reason) {
    // the card had an input for the reason: 退回 at once, with it
    const result = await ctx.act({ ...emptyCommand('return_done'), task: taskRef(task.id), reason: ctx.input.reason });
    return withDecidedCard(ctx, result, await decidedReviewCard(ctx.store, ctx.cardId, claimId));
  }
  if (verb === 'return') {
    const context: CardContext | null = ctx.cardId && ctx.route ? { cardId: ctx.cardId, route: ctx.route, kind: 'review', requestId: claimId } : null;
    return { ...say({ askReason: true, ...view }), result: { reply: { key: 'card-click', data: { askReason: true, ...view } }, dialog: { kind: 'card_reason', payload: { command: { ...emptyCommand('return_done'), task: taskRef(task.id) }, card: context } } } };
  }
  const result = await ctx.act({ ...emptyCommand('mark_done'), review: true, task: taskRef(task.id) });
  return withDecidedCard(ctx, result, await decidedReviewCard(ctx.store, ctx.cardId, claimId));
}

/**
 * 查看佐证材料: the clicker's own signed link to the claim's files goes to them privately (as
 * the 办结 notice's private copies do: conversation/evidence.ts), never into the group.
 */
async function evidenceClick(ctx: ClickCtx, claimId: string): Promise<ClickOutcome> {
  if (!isReviewer(ctx.speaker)) return refused({ reply: { key: 'errors/not-leader', data: {} } });
  const claim = await ctx.store.cards.claim(claimId);
  const task = claim ? await ctx.store.tasks.byId(claim.taskId) : null;
  if (!claim || !task) return say({ gone: true });
  const view = { path: task.path, title: task.title };
  const count = await ctx.store.evidence.countForTask(task.id);
  if (!count || !ctx.speaker.personId) return say({ noEvidence: true, ...view });
  const personId = ctx.speaker.personId;
  const link = ctx.hooks.evidenceLink?.({ personId, taskId: task.id }) ?? null;
  const notices: Notice[] = [{ to: { kind: 'person', personId }, reply: { key: 'evidence-for-leader', data: { unit: claim.unit ?? '', count, ...view, link } } }];
  return { result: { reply: { key: 'card-click', data: { evidenceSent: true, count, ...view } }, notices }, card: null, quiet: false };
}

async function extensionClick(ctx: ClickCtx, extId: string, verb: 'approve' | 'approve_date' | 'reject'): Promise<ClickOutcome> {
  if (!isReviewer(ctx.speaker)) return refused({ reply: { key: 'errors/not-leader', data: {} } });
  const first = await ctx.store.cards.extension(extId);
  if (!first) return say({ gone: true });
  await ctx.store.cards.lockTask(first.taskId);
  const task = await ctx.store.tasks.byId(first.taskId);
  if (!task) return say({ gone: true });
  const view = { path: task.path, title: task.title };
  const decided = await decidedExtensionCard(ctx.store, ctx.cardId, extId);
  if (decided) return alreadyDecided(ctx, view, decided.card, decided.result);
  const command: Command = { ...emptyCommand('decide_extension'), approve: verb !== 'reject', task: taskRef(task.id) };
  if (verb === 'approve_date') {
    const context: CardContext | null = ctx.cardId && ctx.route ? { cardId: ctx.cardId, route: ctx.route, kind: 'extension', requestId: extId } : null;
    return { result: { reply: { key: 'card-click', data: { askDate: true, ...view } }, dialog: { kind: 'card_date', payload: { command, card: context } } }, card: null, quiet: false };
  }
  const result = await ctx.act(command);
  return withDecidedCard(ctx, result, (await decidedExtensionCard(ctx.store, ctx.cardId, extId))?.card ?? null);
}

/**
 * 签收: the clicker's unit signs for the task, as 「签收 <task>」 would; the card then shows who
 * signed and when, for everyone who sees it. A click by someone outside the task's units is
 * answered as the words would be (nothing to sign).
 */
async function signClick(ctx: ClickCtx, taskId: string): Promise<ClickOutcome> {
  const task = await ctx.store.tasks.byId(taskId);
  if (!task) return say({ gone: true });
  const result = await ctx.act({ ...emptyCommand('sign'), task: taskRef(task.id) });
  const unitId = ctx.speaker.unitId;
  const signed = unitId ? await ctx.store.reminders.signing.signature(task.id, unitId) : null;
  if (!signed || !ctx.cardId) return refused(result);
  const card = buildCard('task', { id: ctx.cardId, taskId: task.id, data: { path: task.path, title: task.title } });
  return { result, card: decidedCard(card, cardResult('sign', { by: signed.by, at: shortTime(signed.at) })), quiet: false };
}

async function taskClick(ctx: ClickCtx, taskId: string, verb: 'report' | 'extend' | 'claim' | 'view'): Promise<ClickOutcome> {
  const task = await ctx.store.tasks.byId(taskId);
  if (!task) return say({ gone: true });
  const view = { path: task.path, title: task.title };
  const task_ = taskRef(task.id);
  if (verb === 'view') return refused(await ctx.act({ ...emptyCommand('query_task'), task: task_ }));
  // the intent asks for the date and the reason, and keeps the question open
  if (verb === 'extend') return refused(await ctx.act({ ...emptyCommand('request_extension'), task: task_ }));
  if (verb === 'claim') return { result: { reply: { key: 'card-click', data: { askClaim: true, ...view } }, dialog: { kind: 'confirm_guess', payload: { command: { ...emptyCommand('mark_done'), task: task_ } } } }, card: null, quiet: false };
  return { result: { reply: { key: 'card-click', data: { askReport: true, ...view } }, dialog: { kind: 'card_report', payload: { command: { ...emptyCommand('report_progress'), task: task_ } } } }, card: null, quiet: false };
}

/** Told it was decided already; the clicked card is brought up to date. */
function alreadyDecided(ctx: ClickCtx, view: { path: string; title: string }, card: Card | null, result: string): ClickOutcome {
  return { result: { reply: { key: 'card-click', data: { already: true, ...view, result } } }, card: ctx.cardId ? card : null, quiet: false };
}

/** After the decision ran: a decided request updates the card and needs no words; a refusal is said. */
function withDecidedCard(ctx: ClickCtx, result: IntentResult, card: Card | null): ClickOutcome {
  if (!card || !ctx.cardId) return { result, card: null, quiet: false };
  return { result, card, quiet: true };
}

function claimResult(decision: NonNullable<Awaited<ReturnType<Store['cards']['claim']>>>['decision']): string {
  if (!decision) return '';
  const what = decision.kind === 'done_confirmed' ? 'close' : decision.kind === 'returned' ? 'return' : 'undone';
  return cardResult(what, { by: decision.by ?? '', at: shortTime(decision.at) });
}

type TaskRow = NonNullable<Awaited<ReturnType<Store['tasks']['byId']>>>;

async function reviewCard(ctx: ClickCtx, claim: NonNullable<Awaited<ReturnType<Store['cards']['claim']>>>, task: TaskRow): Promise<Card | null> {
  if (!ctx.cardId) return null;
  const card = buildCard('review', { id: ctx.cardId, requestId: claim.id, taskId: task.id, data: { path: task.path, title: task.title, unit: claim.unit ?? '', note: claim.note ?? '' } });
  return decidedCard(card, claimResult(claim.decision));
}

/** The review card `cardId` decided, or null while its claim still waits (or there is no card). */
export async function decidedReviewCard(store: Store, cardId: string, claimId: string): Promise<Card | null> {
  const claim = await store.cards.claim(claimId);
  if (!cardId || !claim || claim.pending) return null;
  const task = await store.tasks.byId(claim.taskId);
  if (!task) return null;
  const card = buildCard('review', { id: cardId, requestId: claim.id, taskId: task.id, data: { path: task.path, title: task.title, unit: claim.unit ?? '', note: claim.note ?? '' } });
  return decidedCard(card, claimResult(claim.decision));
}

/** The extension card `cardId` decided, with its result line, or null while the request waits. */
export async function decidedExtensionCard(store: Store, cardId: string, extId: string): Promise<{ card: Card | null; result: string } | null> {
  const ext = await store.cards.extension(extId);
  if (!ext || ext.state === 'pending') return null;
  const at = shortTime(ext.decidedAt ?? ext.createdAt);
  const approved = ext.state === 'approved';
  const result = cardResult(approved ? 'approve' : 'reject', { by: ext.decidedBy ?? '', at, date: ext.approvedDate ? chineseDate(dayOf(ext.approvedDate)!) : '' });
  if (!cardId) return { card: null, result };
  const task = await store.tasks.byId(ext.taskId);
  if (!task) return { card: null, result };
  const card = buildCard('extension', { id: cardId, requestId: ext.id, taskId: task.id, data: { path: task.path, title: task.title, date: chineseDate(dayOf(ext.requestedDate)!), reason: ext.reason } });
  return { card: decidedCard(card, result), result };
}

/** After a typed answer to a click's question: the card it came from, decided, if the answer decided it. */
export async function cardAfterAnswer(store: Store, context: CardContext): Promise<Card | null> {
  if (context.kind === 'review') return decidedReviewCard(store, context.cardId, context.requestId);
  return (await decidedExtensionCard(store, context.cardId, context.requestId))?.card ?? null;
}

/** A card shown earlier, decided now, by its id (`review-<claim id>-<n>`, `extension-<request id>-<n>`). */
export async function decidedCardById(store: Store, cardId: string): Promise<Card | null> {
  const m = /^(review|extension)-([A-Za-z0-9-]{36})-\d+$/.exec(cardId);
  if (!m) return null;
  return m[1] === 'review' ? decidedReviewCard(store, cardId, m[2]!) : (await decidedExtensionCard(store, cardId, m[2]!))?.card ?? null;
}
