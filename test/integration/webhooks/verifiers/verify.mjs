// Verifies a Relaydesk webhook signature; the function is the README's Node snippet.
// Usage: node verify.mjs SECRET SIGNATURE_HEADER NOW_UNIX_SECONDS < raw_body
import { createHmac, timingSafeEqual } from 'node:crypto';

export function verifyRelaydesk(secret, header, rawBody, toleranceSeconds = 300, now = Date.now() / 1000) {
  const parts = Object.fromEntries(header.split(',').map((item) => [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > toleranceSeconds) return false; // a replay
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
console.log(verifyRelaydesk(process.argv[2], process.argv[3], Buffer.concat(chunks), 300, Number(process.argv[4])) ? 'valid' : 'invalid');
