// The template editor's fields and how they become the contract's input: empty parts are
// absent parts, and the sample data is a JSON object typed by the operator. Pure.
import type { TemplateInput, TemplateVersionView } from '../../../engine/api/contract';

export interface TemplateFields {
  name: string;
  subject: string;
  html: string;
  text: string;
  /** JSON text of an object. */
  sampleData: string;
}

/** The engine's rule for names (engine/templates/service.ts). */
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** The parts a template is written from: a saved version's, or a starting point's. */
export type TemplateSourceParts = Pick<TemplateVersionView, 'subject' | 'html' | 'text' | 'sampleData'>;

export function fieldsOf(name: string, version: TemplateSourceParts | null): TemplateFields {
  return {
    name,
    subject: version?.subject ?? '',
    html: version?.html ?? '',
    text: version?.text ?? '',
    sampleData: JSON.stringify(version?.sampleData ?? {}, null, 2),
  };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseSampleData(text: string): Parsed<Record<string, unknown>> {
  if (!text.trim()) return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Sample data is not JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'Sample data must be a JSON object, e.g. {"name": "Ada"}.' };
  return { ok: true, value: value as Record<string, unknown> };
}

/** The parts a preview or a save sends: an empty part is no part. */
export function draftOf(fields: TemplateFields): { subject: string; html: string | null; text: string | null } {
  return { subject: fields.subject, html: fields.html.trim() ? fields.html : null, text: fields.text.trim() ? fields.text : null };
}

export function toTemplateInput(fields: TemplateFields): Parsed<TemplateInput> {
  if (!NAME.test(fields.name)) return { ok: false, message: 'Name: 1-100 letters, digits, ".", "_" or "-".' };
  if (!fields.subject.trim()) return { ok: false, message: 'Give the template a subject.' };
  const draft = draftOf(fields);
  if (draft.html === null && draft.text === null) return { ok: false, message: 'A template needs an HTML or a text part (or both).' };
  const sampleData = parseSampleData(fields.sampleData);
  if (!sampleData.ok) return sampleData;
  return { ok: true, value: { name: fields.name, ...draft, sampleData: sampleData.value } };
}

/** Base64 of the UTF-8 JSON, as X-Relaydesk-Variables carries it. */
export function variablesHeader(variables: Record<string, unknown>): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(JSON.stringify(variables))) binary += String.fromCharCode(byte);
  return btoa(binary);
}
