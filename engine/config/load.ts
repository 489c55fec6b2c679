// Reads a JSON or YAML config file and validates it, with errors that point at the key.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { ConfigError } from '../shared/errors';
import { configSchema, type EngineConfig } from './schema';
import { describeIssues } from './describe-issues';

/** Validates a config object (already parsed); `source` names it in errors. */
export function parseConfig(input: unknown, source = 'config'): EngineConfig {
  const result = configSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const lines = describeIssues(result.error.issues, input).map((line, i) => {
    const issue = result.error.issues[i]!;
    if (issue.code !== 'unrecognized_keys') return line;
    const allowed = allowedKeysAt(configSchema, issue.path);
    return allowed.length ? `${line} (allowed keys: ${allowed.join(', ')})` : line;
  });
  throw new ConfigError(`Invalid configuration in ${source}:\n  ${lines.join('\n  ')}`, { problems: lines });
}

export function loadConfigFile(path: string): EngineConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${path}: ${(error as Error).message}`);
  }
  return parseConfig(parseConfigText(text, path), path);
}

function parseConfigText(text: string, path: string): unknown {
  const extension = extname(path).toLowerCase();
  if (extension === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (extension === '.yaml' || extension === '.yml') {
    // Required on demand: most hosts run without a YAML file.
    const { parseDocument } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
    const document = parseDocument(text, { prettyErrors: true });
    if (document.errors.length) {
      throw new ConfigError(`${path} is not valid YAML:\n  ${document.errors.map((e) => e.message).join('\n  ')}`);
    }
    return document.toJS() as unknown;
  }
  throw new ConfigError(`Config file ${path} must end in .json, .yaml or .yml.`);
}

// Walks the schema to the object an unknown key was found in, to list what it allows.
function allowedKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = schema;
  for (const part of [...path, null]) {
    current = unwrap(current);
    if (part === null) break;
    if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else if (current instanceof z.ZodObject) current = current.shape[String(part)] as z.ZodType | undefined;
    else return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodOptional || current instanceof z.ZodPipe) {
    current = (current instanceof z.ZodPipe ? current.in : current.unwrap()) as z.ZodType;
  }
  return current;
}
