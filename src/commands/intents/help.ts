/** 帮助 — "帮助", "怎么用", "进度要怎么报给你？" */
import type { IntentHandler } from './types.ts';
import { seesEverything } from '../speaker.ts';

export const help: IntentHandler = async ({ speaker }) => ({
  reply: { key: 'help', data: { member: speaker.role === 'member' || speaker.role === 'guest', leader: speaker.role === 'leader' || speaker.role === 'admin', admin: speaker.role === 'admin' } },
});

/** Not understood: examples for what this speaker does (leaders review, units report). */
export const unknown: IntentHandler = async ({ speaker }) => ({ reply: { key: 'unknown', data: { reviewer: seesEverything(speaker) } } });
