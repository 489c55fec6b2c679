// Configuration of the sandbox's inspection: the SpamAssassin daemon it asks for a score.
import { z } from 'zod';

export const sandboxSchema = z.strictObject({
  /** spamd's address as host:port (e.g. 127.0.0.1:783); unset, only the built-in checks run. */
  spamd: z.string().regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'must be host:port such as 127.0.0.1:783').optional(),
  /** How long spamd may take over one message. */
  spamdTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});

export type SandboxConfig = z.output<typeof sandboxSchema>;
