/** 帮助 — "帮助", "怎么用", "进度要怎么报给你？", "提醒太频繁了怎么关掉" (help on that topic) */
import type { IntentHandler } from './types.ts';
import { seesEverything } from '../speaker.ts';

export const help: IntentHandler = async ({ speaker, command }) => {
  if (command.topic) return { reply: { key: `help-${command.topic}`, data: {} } };
  return { reply: { key: 'help', data: { member: speaker.role === 'member' || speaker.role === 'guest', leader: speaker.role === 'leader' || speaker.role === 'admin', admin: speaker.role === 'admin' } } };
};

/** Not understood: examples for what this speaker does (leaders review, units report). */
export const unknown: IntentHandler = async ({ speaker }) => ({ reply: { key: 'unknown', data: { reviewer: seesEverything(speaker) } } });

/** 你好 / 谢谢 / 今天中午食堂吃什么, 民政局电话多少: one friendly line and the way to 帮助. */
export const smallTalk: IntentHandler = async ({ command }) => ({
  reply: { key: 'small-talk', data: { greeting: command.aside === 'greeting', thanks: command.aside === 'thanks', offTopic: command.aside === 'off_topic', toEveryone: command.aside === 'to_everyone' } },
});
