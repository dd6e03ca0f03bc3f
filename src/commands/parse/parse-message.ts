/**
 * Text → { intent, slots, command? }: features are read once, then a command beyond the
 * evaluation vocabulary is looked for, else the ordered labelling rules decide the intent.
 */
import { detectCommand } from './commands.ts';
import { readFeatures } from './features.ts';
import { classify } from './intent.ts';
import { EMPTY_SLOTS, type ParseContext, type ParseResult } from './schema.ts';
import { fillSlots } from './slots.ts';

/** Longer messages are plans or pasted documents, not commands: only their start is read. */
const MAX_CHARS = 2000;

/** Parses one chat message. */
export function parse(text: string, ctx: ParseContext): ParseResult {
  try {
    return parseText(typeof text === 'string' ? text.slice(0, MAX_CHARS) : '', ctx);
  } catch {
    return { intent: 'unknown', slots: { ...EMPTY_SLOTS } };
  }
}

function parseText(text: string, ctx: ParseContext): ParseResult {
  const F = readFeatures(text, ctx);
  const addressedElsewhere = F.msg.mentionsPeople && !F.msg.mentionsBot;
  const detected = addressedElsewhere ? null : detectCommand(F);
  if (detected) {
    const slots = fillSlots(detected.intent, F);
    if (detected.intent === 'bind_group') slots.unit = F.unit?.name ?? detected.unitText ?? null;
    if (detected.intent === 'request_extension' && detected.command.kind === 'decide_extension') slots.reason = null;
    return { intent: detected.intent, slots, command: detected.command };
  }
  const intent = classify(F);
  return { intent, slots: fillSlots(intent, F) };
}
