// `relaydesk call --list` and `relaydesk call <method> '<json>'`: the contract, raw.
import { z } from 'zod';
import { methodSpecs } from '../../api/index';
import { UsageError, type Command } from '../command';
import { withClient } from '../clients';

const USAGE = `relaydesk call --list
relaydesk call <method> ['<params as JSON>']`;

export const call: Command = async ({ dataDir, version, out }, args) => {
  if (args[0] === '--list') {
    const methods = Object.entries(methodSpecs).map(([name, spec]) => ({
      method: name, summary: spec.summary, params: z.toJSONSchema(spec.params) as JsonSchema,
    }));
    out.result(methods, () => methods.map((m) => `${m.method} ${signature(m.params)}\n    ${m.summary}`).join('\n'));
    return 0;
  }
  const [method, json, ...extra] = args;
  if (!method || extra.length) throw new UsageError('Expected a method name and at most one JSON argument.', USAGE);
  let params: unknown = {};
  if (json !== undefined) {
    try {
      params = JSON.parse(json);
    } catch (error) {
      throw new UsageError(`The params are not valid JSON: ${(error as Error).message}`, USAGE);
    }
  }
  return withClient(dataDir, version, async (client) => {
    const result = await client.call(method as never, params as never);
    out.line(JSON.stringify(result ?? null, null, out.isJson ? undefined : 2));
  });
};

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema;
  enum?: unknown[]; anyOf?: JsonSchema[] };

/** A TypeScript-like one-line rendering of a params schema, for people. */
function signature(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (schema.anyOf) return schema.anyOf.map(signature).join(' | ');
  if (schema.type === 'array') {
    const item = signature(schema.items ?? {});
    return item.includes(' | ') ? `(${item})[]` : `${item}[]`;
  }
  if (schema.type === 'object' || schema.properties) {
    const entries = Object.entries(schema.properties ?? {});
    if (entries.length === 0) return '{}';
    const required = new Set(schema.required ?? []);
    return `{ ${entries.map(([key, value]) => `${key}${required.has(key) ? '' : '?'}: ${signature(value)}`).join('; ')} }`;
  }
  if (schema.type === 'integer') return 'number';
  return Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'unknown');
}
