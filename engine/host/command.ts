// What every CLI command receives, and how it reports a usage problem.
import type { Output } from './output';

export interface CommandContext {
  dataDir: string;
  version: string;
  out: Output;
}

export type Command = (context: CommandContext, args: string[]) => Promise<number>;

/** A mistake in how the command was called: printed with its usage line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string, readonly usage: string) {
    super(message);
  }
}
