// Argument parsing shared by the CLI commands (node:util parseArgs, strict).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command';

export type ArgValues = Record<string, string | boolean | undefined>;

export function parseCommandArgs(args: string[], options: ParseArgsConfig['options'], usage: string): { values: ArgValues; positionals: string[] } {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as { values: ArgValues; positionals: string[] };
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
}

export function onePositional(positionals: string[], what: string, usage: string): string {
  if (positionals.length !== 1) throw new UsageError(`Expected ${what}.`, usage);
  return positionals[0]!;
}
