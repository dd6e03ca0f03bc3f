/** 台账 — "导出台账", "出一期通报", "看板". Leaders and admins. */
import type { IntentHandler } from './types.ts';
import { seesEverything } from '../speaker.ts';

export const exportLedger: IntentHandler = async (ctx) => {
  if (!seesEverything(ctx.speaker)) return { reply: { key: 'errors/not-leader', data: {} } };
  const file = (await ctx.hooks.exportLedger?.({ now: ctx.now })) ?? null;
  if (!file) return { reply: { key: 'errors/internal', data: { what: '台账导出' } } };
  return { reply: { key: 'ledger/exported', data: { name: file.name, link: ctx.hooks.dashboardLink({}) } }, file };
};

export const bulletin: IntentHandler = async (ctx) => {
  if (!seesEverything(ctx.speaker)) return { reply: { key: 'errors/not-leader', data: {} } };
  const markdown = (await ctx.hooks.bulletin?.({ now: ctx.now })) ?? null;
  if (!markdown) return { reply: { key: 'errors/internal', data: { what: '通报' } } };
  return { reply: { key: 'ledger/bulletin-chat', data: { markdown } } };
};

export const dashboard: IntentHandler = async (ctx) => {
  if (!seesEverything(ctx.speaker)) return { reply: { key: 'errors/not-leader', data: {} } };
  const link = ctx.hooks.dashboardLink({});
  return { reply: { key: 'ledger/dashboard-link', data: { link, off: !link } } };
};
