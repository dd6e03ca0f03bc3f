/**
 * Builds the channel-neutral card (channels/card.ts) of a kind from templates/cards.json, the
 * cards' wording: title, facts and buttons per kind, and the result line a decided card shows
 * ("已销号 · 王局长 · 12月8日 10:02"). What a click answers in words is templates/card-click.md. Pure.
 *
 * Buttons whose verb decides a request carry `requestId`; the others carry `taskId`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Mustache from 'mustache';
import { z } from 'zod';
import { actionKey, Card, type CardVerb } from '../channels/card.ts';
import { TEMPLATES_DIR } from './render.ts';

const Kind = z.object({
  title: z.string(),
  facts: z.array(z.tuple([z.string(), z.string()])),
  buttons: z.array(z.tuple([z.string(), z.string(), z.enum(['primary', 'danger', 'default'])])),
});
/** The kinds of card; each has its title, facts and buttons under `kinds` in templates/cards.json. */
export const CARD_KINDS = ['review', 'extension', 'reminder', 'task'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

const CardWords = z.object({
  kinds: z.record(z.enum(CARD_KINDS), Kind),
  results: z.record(z.string(), z.string()),
  /** the words of a button that only opens the task (DingTalk ActionCard) */
  viewButton: z.string(),
});

let cached: z.infer<typeof CardWords> | null = null;
export function cardWords(): z.infer<typeof CardWords> {
  cached ??= CardWords.parse(JSON.parse(readFileSync(path.join(TEMPLATES_DIR, 'cards.json'), 'utf8')));
  return cached;
}

/** Verbs acting on a pending request; the rest act on a task. */
export const REQUEST_VERBS = new Set<CardVerb>(['close', 'return', 'evidence', 'approve', 'approve_date', 'reject']);

const fill = (s: string, data: Record<string, unknown>) => Mustache.render(s, data, {}, { escape: (v: unknown) => String(v) });

export interface CardInput {
  /** unique per card sent: WeCom task_id, DingTalk cardBizId */
  id: string;
  requestId?: string;
  taskId: string;
  data: Record<string, unknown>;
}

export function buildCard(kind: CardKind, input: CardInput, opts: { except?: CardVerb[] } = {}): Card {
  const w = cardWords().kinds[kind];
  const facts = w.facts.map(([label, value]) => ({ label, value: fill(value, input.data).trim() })).filter((f) => f.value && f.value !== '%');
  const buttons = w.buttons
    .filter(([, verb]) => !opts.except?.includes(verb as CardVerb))
    .map(([label, verb, style]) => {
      const v = verb as CardVerb;
      const id = REQUEST_VERBS.has(v) ? input.requestId : input.taskId;
      if (!id) throw new Error(`card ${kind}: button ${verb} needs ${REQUEST_VERBS.has(v) ? 'requestId' : 'taskId'}`);
      return { label, action: actionKey({ verb: v, id }), style };
    });
  return Card.parse({ id: input.id, title: fill(w.title, input.data), facts, buttons });
}

/** "已销号 · 王局长 · 12月8日 10:02". */
export function cardResult(what: string, data: Record<string, unknown>): string {
  const s = cardWords().results[what];
  if (!s) throw new Error(`no card result ${what}`);
  return fill(s, data);
}

/** Card text for channels and logs that show no card: title, facts, the result or the buttons' words. */
export function cardAsText(card: Card): string {
  const lines = [`**${card.title}**`, ...card.facts.map((f) => `${f.label}：${f.value}`)];
  if (card.result) lines.push(card.result);
  else if (card.buttons.length) lines.push(card.buttons.map((b) => `［${b.label}］`).join(' '));
  return lines.join('\n');
}
