/** 台账 — "导出台账", "出一期通报", "看板". Leaders and admins; "看板" also unit members (their unit's tasks). */
import type { IntentContext, IntentHandler } from './types.ts';
import { seesEverything } from '../speaker.ts';

/** A dashboard link only where nobody else reads it: a single chat. */
export const privateLink = (ctx: IntentContext) => (ctx.speaker.chat.kind === 'single' ? ctx.hooks.dashboardLink({ speaker: ctx.speaker }) : null);

export const exportLedger: IntentHandler = async (ctx) => {
  if (!seesEverything(ctx.speaker)) return { reply: { key: 'errors/not-leader', data: {} } };
  const file = (await ctx.hooks.exportLedger?.({ now: ctx.now })) ?? null;
  if (!file) return { reply: { key: 'errors/internal', data: { what: '台账导出' } } };
  return { reply: { key: 'ledger/exported', data: { name: file.name, link: privateLink(ctx) } }, file };
};

export const bulletin: IntentHandler = async (ctx) => {
  if (!seesEverything(ctx.speaker)) return { reply: { key: 'errors/not-leader', data: {} } };
  const markdown = (await ctx.hooks.bulletin?.({ now: ctx.now })) ?? null;
  if (!markdown) return { reply: { key: 'errors/internal', data: { what: '通报' } } };
  return { reply: { key: 'ledger/bulletin-chat', data: { markdown } } };
};

/** The link is the asker's own: in a group it is sent to them privately and the group is told so. */
export const dashboard: IntentHandler = async (ctx) => {
  const { speaker } = ctx;
  if (!seesEverything(speaker) && !speaker.unitId) return { reply: { key: 'errors/not-bound', data: {} } };
  const link = ctx.hooks.dashboardLink({ speaker });
  const data = { link, off: !link, unit: seesEverything(speaker) ? null : speaker.unitName };
  if (!link || speaker.chat.kind === 'single' || !speaker.personId) return { reply: { key: 'ledger/dashboard-link', data } };
  return {
    reply: { key: 'ledger/dashboard-link-sent', data: { name: speaker.name } },
    notices: [{ to: { kind: 'person', personId: speaker.personId }, reply: { key: 'ledger/dashboard-link', data } }],
  };
};
