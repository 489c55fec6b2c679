// Configuration of webhook delivery: the retry schedule and the request timeout.
import { z } from 'zod';

export const webhooksSchema = z.strictObject({
  /** Delay before the first retry of a failed request; each further retry doubles it. */
  retryInitialMs: z.number().int().min(10).max(3_600_000).default(10_000),
  /** The longest delay between two retries. */
  retryMaxMs: z.number().int().min(10).max(86_400_000).default(3_600_000),
  /** How long undelivered events are retried before they count as failed (replayable). */
  retryWindowHours: z.number().min(1).max(168).default(24),
  /** A request without a response in this long has failed. */
  requestTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});
