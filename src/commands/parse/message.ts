/**
 * The parts of a chat message before any meaning: who it is addressed to (@督办助手 or
 * people), the quoted reminder of a WeCom reply, and the reply itself.
 *
 * WeCom flattens a quoted reply as `「督办助手：<reminder>」 - - - … - <reply>` (fifteen
 * "- " pairs); WeCom keeps `@督办助手` (sometimes `＠`), DingTalk strips it and may leave
 * leading spaces; voice input writes the name without @. Mentions of people (`@陈科`) stay in the text.
 */
import { fuzzyRead, type Guess } from './fuzzy-read.ts';
import { pathsIn } from '../../tasks/path-key.ts';
import { blank, collapseSpaces, normalise, stripEmoticons, subNorm, type Norm } from './normalise.ts';

export interface Message {
  /** the reply text (after the quote), mentions and emoticons blanked */
  body: Norm;
  /** the quoted message, or null */
  quote: Norm | null;
  mentionsBot: boolean;
  mentionsPeople: boolean;
  /** WeCom emoticon codes found in the reply: 强, 抱拳, ok … */
  emoticons: string[];
  /** the reply as written (after the quote), emoji included */
  replyRaw: string;
  /** slips of input read as the words the bot acts on (办洁 → 办结): `body` has them read in place */
  guesses: Guess[];
}

/**
 * The bot by its name: after @, or its full name called out as a voice message does (喂那个督办助手啊…,
 * 督办助手你好) — at the start, after a pause or an interjection; 报给督办助手了 speaks of it.
 */
const BOT_NAMES = /@\s?(?:督办助手|督办小助手|督办机器人|督办|duban)|(?<=^\s*|[\s,，。!！?？]|喂|那个|嗯|哎|诶|嘿|哈喽|你好|您好)(?:督办助手|督办小助手|督办机器人)/g;
const PERSON = /@(?:所有人|all|[\p{L}\p{N}_·.-]{1,12})/u;
const QUOTE = /^\s*「([^」]*)」\s*(?:-\s*){3,}/;

/** Words of the work a quoted message may concern: a request, a decision, a reminder. */
const ABOUT_WORK = /延期|延到|延至|宽限|延后|顺延|办结|销号|退回|交办|签收|催办|催报|提醒|逾期|到期/;

/**
 * Whether a quoted message concerns the work — names a task or a request — so that a reply to it is
 * about that; a quoted "好的，收到。" concerns nothing, and a reply to it is read as if unquoted.
 */
export function quoteConcernsWork(quote: string): boolean {
  return pathsIn(quote).length > 0 || ABOUT_WORK.test(quote);
}

/** Splits and cleans a message; never throws. `exact`: slips are left as written. */
export function splitMessage(text: string, exact = false): Message {
  let n = normalise(text);
  let quote: Norm | null = null;
  const q = QUOTE.exec(n.s);
  if (q) {
    const inner = q[0].indexOf('「') + 1;
    quote = collapseSpaces(subNorm(n, inner, inner + q[1]!.length));
    n = subNorm(n, q[0].length, n.s.length);
  }
  const replyRaw = q ? text.slice(n.from[0] ?? text.length) : text;
  let mentionsBot = false;
  for (const m of n.s.matchAll(BOT_NAMES)) {
    if (mentionsBot && m.index > 200) break;
    mentionsBot = true;
    n = blank(n, m.index, m.index + m[0].length);
  }
  const mentionsPeople = PERSON.test(n.s.replace(/[\w.+-]+@[\w-]+\.[\w.]+/g, ''));
  const { norm, codes } = stripEmoticons(n);
  const body = collapseSpaces(norm);
  const read = exact ? { s: body.s, guesses: [] } : fuzzyRead(body.s);
  return { body: { ...body, s: read.s }, quote, mentionsBot, mentionsPeople, emoticons: codes, replyRaw, guesses: read.guesses };
}
