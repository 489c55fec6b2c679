// Schemas of analytics, retention and message search.
import { z } from 'zod';
import { empty, epochMs, page, recipientState, stream } from './primitives';

const provider = z.enum(['gmail', 'outlook', 'yahoo', 'icloud', 'other']);
const days = z.number().int().min(1).max(3650);
const streamRetention = z.strictObject({ bodyDays: days, metadataDays: days });

const analyticsQuery = z.strictObject({
  granularity: z.enum(['hour', 'day']),
  from: epochMs,
  to: epochMs,
  stream: stream.optional(),
  provider: provider.optional(),
  senderDomain: z.string().max(253).optional(),
  groupBy: z.array(z.enum(['stream', 'provider', 'senderDomain'])).max(3).optional(),
});

export const analyticsMethodSpecs = {
  'analytics.query': { params: analyticsQuery, summary: 'Rollups by hour or day, split by stream, provider and sender domain.' },
  'analytics.export': { params: analyticsQuery, summary: 'The same rollups as CSV.' },
  'analytics.dimensions': { params: z.strictObject({ from: epochMs, to: epochMs }), summary: 'Sender domains and providers seen in a range.' },
  'analytics.rebuild': { params: empty, summary: 'Recount rollups from the stored events.' },
  'retention.get': { params: empty, summary: 'Retention per stream and the last purge.' },
  'retention.set': {
    params: z.strictObject({ transactional: streamRetention.optional(), bulk: streamRetention.optional() }),
    summary: 'Change how many days bodies, transcripts and metadata are kept, per stream.',
  },
  'retention.run': { params: empty, summary: 'Purge what is past its retention now.' },
  'message.search': {
    params: z.strictObject({
      recipient: z.string().min(1).max(320).optional(),
      sender: z.string().min(1).max(320).optional(),
      subject: z.string().min(1).max(500).optional(),
      messageId: z.string().min(1).max(998).optional(),
      state: recipientState.optional(),
      stream: stream.optional(),
      from: epochMs.optional(),
      to: epochMs.optional(),
      ...page,
    }),
    summary: 'Search messages by recipient, sender, subject, message id, state and time.',
  },
};
