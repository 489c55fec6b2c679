// The signature verification functions of the README ("Verifying signatures"), word for
// word: test/integration/webhooks/verifiers/ runs the same functions against real signed
// requests, so what the console shows is known to verify. Keep the three in step with it.

export interface SignatureSnippet {
  key: 'node' | 'python' | 'php';
  label: string;
  code: string;
}

/** The request header a receiver verifies, as the engine sends it (engine/webhooks/signature.ts). */
export const SIGNATURE_HEADER = 'Relaydesk-Signature';
export const SIGNATURE_FORMAT = 'Relaydesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">';

export const SIGNATURE_SNIPPETS: readonly SignatureSnippet[] = [
  {
    key: 'node',
    label: 'Node',
    code: `import { createHmac, timingSafeEqual } from 'node:crypto';

export function verifyRelaydesk(secret, header, rawBody, toleranceSeconds = 300, now = Date.now() / 1000) {
  const parts = Object.fromEntries(header.split(',').map((item) => [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > toleranceSeconds) return false; // a replay
  const expected = createHmac('sha256', secret).update(\`\${timestamp}.\`).update(rawBody).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
`,
  },
  {
    key: 'python',
    label: 'Python',
    code: `import hashlib
import hmac
import time


def verify_relaydesk(secret: str, header: str, body: bytes, tolerance: int = 300, now: float | None = None) -> bool:
    parts = dict(item.split("=", 1) for item in header.split(","))
    timestamp = int(parts.get("t", "0"))
    if abs((now or time.time()) - timestamp) > tolerance:
        return False  # too old (or from the future): a replay
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts.get("v1", ""))
`,
  },
  {
    key: 'php',
    label: 'PHP',
    code: `function relaydesk_verify(string $secret, string $header, string $body, int $tolerance = 300, ?int $now = null): bool {
    $parts = [];
    foreach (explode(',', $header) as $item) {
        [$key, $value] = array_pad(explode('=', $item, 2), 2, '');
        $parts[$key] = $value;
    }
    if (!isset($parts['t'], $parts['v1']) || abs(($now ?? time()) - (int) $parts['t']) > $tolerance) {
        return false; // too old (or from the future): a replay
    }
    $expected = hash_hmac('sha256', $parts['t'] . '.' . $body, $secret);
    return hash_equals($expected, $parts['v1']);
}
`,
  },
];
