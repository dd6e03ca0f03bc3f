/** Text → Command: the parser's output, extended with the conversation's own commands. */
import { emptyCommand, type Command } from './command.ts';
import type { Understand } from '../conversation/handle-message.ts';

export const understand: Understand = (): Command => emptyCommand('unknown');
