/**
 * The chat command parser: text → { intent, slots, directive? }, pure and without a language
 * model (government networks are closed). Intents and slots follow the labelling rules of
 * ../shared/eval/chat-labeling.md; `directive` carries what the conversation layer needs
 * beyond them. Never throws; any input gets an answer (at worst `unknown`).
 */
export { lastDateIn, parse, parseExtensionAnswer } from './parse-message.ts';
export { parseCli } from './cli.ts';
export { BadDate, Directive, Intent, INTENTS, ParseResult, Slots, type ParseContext } from './schema.ts';
