// Schemas of sandbox inboxes and inspection, chaos rules, test sends and snippets.
import { z } from 'zod';
import { empty, id, page } from './primitives';

const address = z.string().min(3).max(320);
const pattern = z.string().max(320);

const chaosAction = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('reply'),
    code: z.union([z.literal(421), z.literal(450), z.literal(451), z.literal(452), z.literal(550), z.literal(551), z.literal(552), z.literal(553), z.literal(554)]),
    enhanced: z.string().regex(/^[245]\.\d{1,3}\.\d{1,3}$/, 'must be an RFC 3463 status such as 4.2.0').optional(),
    text: z.string().min(1).max(300).refine((text) => !/[\r\n]/.test(text), 'must be one line').optional(),
  }),
  z.strictObject({ kind: z.literal('slow'), delayMs: z.number().int().min(1).max(600_000) }),
  z.strictObject({ kind: z.literal('disconnect') }),
]);

export const sandboxMethodSpecs = {
  'sandbox.inboxes': { params: empty, summary: 'Captured mail per credential.' },
  'sandbox.messages': {
    params: z.strictObject({ credentialId: z.number().int().min(1).nullable().optional(), search: z.string().max(320).optional(), ...page }),
    summary: 'Captured messages, newest first, of one inbox or all.',
  },
  'sandbox.inspect': {
    params: z.strictObject({ id, checkLinks: z.boolean().optional() }),
    summary: 'HTML compatibility, links, spam score and SPF/DKIM/DMARC of a captured message.',
  },
  'sandbox.sendTest': {
    params: z.strictObject({
      username: z.string().min(1).max(64), secret: z.string().min(1).max(200), from: address, to: z.array(address).min(1).max(10),
      subject: z.string().max(200).optional(), text: z.string().max(100_000).optional(), html: z.string().max(1_000_000).optional(),
    }),
    summary: 'Submit a test message over SMTP to this relay with a credential.',
  },
  'chaos.get': { params: empty, summary: 'The chaos rules.' },
  'chaos.set': {
    params: z.strictObject({
      seed: z.number().int().min(0).max(2 ** 31),
      rules: z.array(z.strictObject({
        id: z.string().min(1).max(40),
        isEnabled: z.boolean(),
        sender: pattern.optional(),
        recipient: pattern.optional(),
        routes: z.array(z.string().min(1).max(40)).min(1).max(20).optional(),
        probability: z.number().min(0).max(1),
        phase: z.enum(['rcpt', 'data']).optional(),
        action: chaosAction,
      })).max(100),
    }),
    summary: 'Replace the chaos rules (by sender, recipient or probability: 421, 450, 550, slow, disconnect).',
  },
  'chaos.preview': {
    params: z.strictObject({ sender: pattern, recipient: pattern, route: z.string().min(1).max(40).optional(), messageId: id.optional(), attempt: z.number().int().min(0).max(1000).optional() }),
    summary: 'What the chaos rules would answer for one attempt.',
  },
  'snippets.list': {
    params: z.strictObject({
      username: z.string().min(1).max(64), secret: z.string().min(1).max(200).optional(), from: address.optional(), to: address.optional(),
      listener: z.string().min(1).max(32).optional(), host: z.string().min(1).max(253).optional(), certificatePath: z.string().min(1).max(500).optional(),
    }),
    summary: 'Connection details and configuration snippets for common client libraries.',
  },
};
