/**
 * The chat command parser: text → { intent, slots, command? }, pure and without a language
 * model (government networks are closed). Intents and slots follow the labelling rules of
 * ../shared/eval/chat-labeling.md; `command` carries what the conversation layer needs
 * beyond them. Never throws; any input gets an answer (at worst `unknown`).
 */
export { parse, parseExtensionAnswer } from './parse-message.ts';
export { parseCli } from './cli.ts';
export { BadDate, Command, Intent, INTENTS, ParseResult, Slots, type ParseContext } from './schema.ts';
