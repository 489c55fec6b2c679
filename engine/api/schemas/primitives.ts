// Zod building blocks shared by the method and topic schemas.
import { z } from 'zod';

export const stream = z.enum(['transactional', 'bulk']);
export const recipientState = z.enum(['queued', 'sending', 'deferred', 'delivered', 'bounced', 'suppressed', 'expired', 'held']);
export const epochMs = z.number().int().min(0);
export const rateLimit = z.strictObject({
  messages: z.number().int().min(1).max(1_000_000),
  windowMs: z.number().int().min(1000).max(86_400_000),
});
export const page = {
  limit: z.number().int().min(1).max(500).optional(),
  cursor: z.string().max(200).optional(),
};
export const username = z.string().min(1).max(64);
export const id = z.string().min(1).max(64);
export const empty = z.strictObject({});
