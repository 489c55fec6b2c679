// Schemas of the template, tracking and inbound-report methods.
import { z } from 'zod';
import { empty, id, page } from './primitives';

const templateName = z.string().min(1).max(100);
const version = z.number().int().min(1);
const variables = z.record(z.string().max(200), z.unknown());
const templateParts = {
  subject: z.string().min(1).max(998),
  html: z.string().max(5 * 1024 * 1024).nullable().optional(),
  text: z.string().max(5 * 1024 * 1024).nullable().optional(),
};

export const messagingMethodSpecs = {
  'templates.list': { params: empty, summary: 'Templates by name, with their current version.' },
  'templates.get': { params: z.strictObject({ name: templateName, version: version.optional() }), summary: 'One template version and its history.' },
  'templates.save': {
    params: z.strictObject({ name: templateName, ...templateParts, sampleData: variables.optional() }),
    summary: 'Save the next version of a template (Handlebars subject, html, text).',
  },
  'templates.remove': { params: z.strictObject({ name: templateName }), summary: 'Remove a template; sent messages keep their versions.' },
  'templates.preview': {
    params: z.strictObject({ name: templateName.optional(), version: version.optional(), draft: z.strictObject(templateParts).optional(), variables: variables.optional() }),
    summary: 'Render a template or a draft with variables (default: its sample data).',
  },
  'tracking.events': {
    params: z.strictObject({ messageId: id, limit: z.number().int().min(1).max(1000).optional() }),
    summary: 'Opens, clicks and unsubscribes of a message.',
  },
  'inbound.list': {
    params: z.strictObject({ messageId: id.optional(), kind: z.enum(['dsn', 'arf', 'unsubscribe', 'other']).optional(), ...page }),
    summary: 'Bounces, complaints and unsubscribes received by the inbound listener.',
  },
};
