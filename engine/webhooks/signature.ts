// Webhook signatures: HMAC-SHA256 over `<timestamp>.<raw body>`, sent as
// `Relaydesk-Signature: t=<unix seconds>,v1=<hex>`. The timestamp is signed too, so a
// receiver that rejects timestamps older than 5 minutes cannot be fed a captured request
// again (the scheme Stripe and others use; README "Verifying signatures").
import { createHmac, randomBytes } from 'node:crypto';

export const SIGNATURE_HEADER = 'Relaydesk-Signature';

/** A new signing secret: 32 random bytes; receivers use the whole string, as UTF-8, as the HMAC key. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function signatureHeader(secret: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}
