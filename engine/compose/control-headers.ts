// The X-Relaydesk-* headers an SMTP client may set to use a template, override tracking or
// label a message. They are read at intake and removed before the message is stored, so
// they never reach a recipient.
import type { HeaderField } from '../api/contract';
import { headerValue } from '../message/index';
import { ValidationError } from '../shared/errors';
import type { TemplateRef } from '../templates/index';
import type { ComposeOptions } from './composer';

export const CONTROL_PREFIX = 'x-relaydesk-';

export interface SmtpTemplateRequest {
  ref: TemplateRef;
  variables: Record<string, unknown>;
}

const MAX_VARIABLES_BYTES = 256 * 1024;
const MAX_TAGS = 20;

/**
 * X-Relaydesk-Template: <name>            a stored template, current version
 * X-Relaydesk-Template-Version: <n>       optional, a given version
 * X-Relaydesk-Variables: <base64 JSON>    an object of variables (may be folded)
 * X-Relaydesk-Track: opens=on, clicks=off overrides the stream's tracking defaults
 * X-Relaydesk-Category: <text>            X-Relaydesk-Tags: <a>, <b>
 */
export function readControlHeaders(fields: readonly HeaderField[]): { template: SmtpTemplateRequest | null; options: ComposeOptions } {
  const name = headerValue(fields, 'x-relaydesk-template');
  const versionText = headerValue(fields, 'x-relaydesk-template-version');
  const variablesText = headerValue(fields, 'x-relaydesk-variables');
  if (name === null && (versionText !== null || variablesText !== null)) {
    throw new ValidationError('X-Relaydesk-Variables and X-Relaydesk-Template-Version need X-Relaydesk-Template: <name>.', { field: 'X-Relaydesk-Template' });
  }
  const version = versionText === null ? undefined : Number(versionText.trim());
  if (version !== undefined && !(Number.isInteger(version) && version >= 1)) {
    throw new ValidationError(`X-Relaydesk-Template-Version "${versionText}" is not a version number.`, { field: 'X-Relaydesk-Template-Version' });
  }
  const template = name === null ? null : { ref: { name: name.trim(), ...(version !== undefined && { version }) }, variables: readVariables(variablesText) };
  const category = headerValue(fields, 'x-relaydesk-category')?.trim() || null;
  const tagsText = headerValue(fields, 'x-relaydesk-tags');
  const tags = tagsText ? tagsText.split(',').map((tag) => tag.trim()).filter(Boolean) : [];
  if (tags.length > MAX_TAGS) throw new ValidationError(`X-Relaydesk-Tags has ${tags.length} tags; at most ${MAX_TAGS}.`, { field: 'X-Relaydesk-Tags' });
  const trackText = headerValue(fields, 'x-relaydesk-track');
  return { template, options: { category, tags, ...(trackText !== null && { tracking: readTracking(trackText) }) } };
}

function readVariables(text: string | null): Record<string, unknown> {
  if (text === null) return {};
  const compact = text.replace(/\s+/g, '');
  if (compact.length > MAX_VARIABLES_BYTES) throw new ValidationError(`X-Relaydesk-Variables is larger than ${MAX_VARIABLES_BYTES} bytes.`, { field: 'X-Relaydesk-Variables' });
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(compact, 'base64').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError('X-Relaydesk-Variables must be the base64 encoding of a JSON object, e.g. base64(\'{"name":"Ada"}\').', { field: 'X-Relaydesk-Variables' });
  }
  return value as Record<string, unknown>;
}

function readTracking(text: string): NonNullable<ComposeOptions['tracking']> {
  const tracking: NonNullable<ComposeOptions['tracking']> = {};
  for (const item of text.split(/[,;]/).map((part) => part.trim()).filter(Boolean)) {
    const match = /^(opens|clicks)\s*=\s*(on|off|yes|no|true|false)$/i.exec(item);
    if (!match) throw new ValidationError(`X-Relaydesk-Track: "${item}" is not opens=on|off or clicks=on|off.`, { field: 'X-Relaydesk-Track' });
    tracking[match[1]!.toLowerCase() as 'opens' | 'clicks'] = /^(on|yes|true)$/i.test(match[2]!);
  }
  return tracking;
}
