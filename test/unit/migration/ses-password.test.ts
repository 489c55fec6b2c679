// The SES SMTP password derivation, checked against an independent computation of AWS's
// documented algorithm with Python's hmac module in a child process.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sesSmtpPassword } from '../../../engine/migration/ses-password';

// AWS's documented script (smtp-credentials.html), written out in Python without sharing any code with ours.
const PYTHON = `
import base64, hashlib, hmac, json, sys
def sign(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()
out = []
for secret, region in json.load(sys.stdin):
    signature = sign(("AWS4" + secret).encode("utf-8"), "11111111")
    for part in (region, "ses", "aws4_request", "SendRawEmail"):
        signature = sign(signature, part)
    out.append(base64.b64encode(bytes([0x04]) + signature).decode("utf-8"))
print(json.dumps(out))
`;

const CASES: Array<[string, string]> = [
  // AWS's documentation example key (not a live secret).
  ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'us-east-1'],
  ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'eu-west-1'],
  ['Zm9vYmFyYmF6cXV4+/=secretWithSymbols0123', 'ap-southeast-2'],
  ['x', 'us-gov-west-1'],
  ['ünïcødé-secret', 'ca-central-1'],
];

describe('sesSmtpPassword', () => {
  it('matches an independent Python computation for every key and region', () => {
    const expected = JSON.parse(execFileSync('python3', ['-c', PYTHON], { input: JSON.stringify(CASES), encoding: 'utf8' })) as string[];
    expect(CASES.map(([secret, region]) => sesSmtpPassword(secret, region))).toEqual(expected);
  });

  it('gives a password that starts with the version byte 4 and depends on the region', () => {
    const [secret] = CASES[0]!;
    const password = sesSmtpPassword(secret, 'us-east-1');
    expect(Buffer.from(password, 'base64')).toHaveLength(33);
    expect(Buffer.from(password, 'base64')[0]).toBe(4);
    expect(password).not.toBe(sesSmtpPassword(secret, 'us-west-2'));
  });

  it('refuses what is not an AWS region', () => {
    expect(() => sesSmtpPassword('secret', 'Europe')).toThrow(/not an AWS region/);
  });
});
