// The Webhooks page's pure parts: the verification snippets it shows are the very functions
// the signature integration test runs against real signed requests, and the endpoint form
// turns typed text into the contract's input or names what to fix.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_SNIPPETS } from '../../../renderer/views/webhooks/signature-snippets';
import { fieldsOf, toggled, toWebhookInput } from '../../../renderer/views/webhooks/webhook-fields';

const VERIFIERS = join(import.meta.dirname, '../../integration/webhooks/verifiers');
const FILES = { node: 'verify.mjs', python: 'verify.py', php: 'verify.php' } as const;

describe('webhook verification snippets', () => {
  it.each(SIGNATURE_SNIPPETS.map((snippet) => [snippet.label, snippet] as const))('shows the %s function the verifiers run', (_label, snippet) => {
    const verifier = readFileSync(join(VERIFIERS, FILES[snippet.key]), 'utf8');
    // The imports sit at the top of the verifier with its own; the function itself is verbatim.
    const fn = snippet.code.slice(snippet.code.search(/^(export function|def |function )/m));
    expect(fn.length).toBeGreaterThan(200);
    expect(verifier).toContain(fn.trimEnd());
  });

  it('shows the same functions as the README', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
    for (const snippet of SIGNATURE_SNIPPETS) expect(readme).toContain(snippet.code);
  });
});

describe('webhook form fields', () => {
  it('builds the contract input with lists split and numbers checked', () => {
    const fields = { ...fieldsOf(null), name: ' Orders ', url: 'https://app.example/hooks', senderDomains: 'shop.example,  news.example ', batchSize: '10', batchIntervalMs: '0' };
    expect(toWebhookInput(fields)).toEqual({
      ok: true,
      input: { name: 'Orders', url: 'https://app.example/hooks', isEnabled: true, eventTypes: [], streams: [], senderDomains: ['shop.example', 'news.example'], format: 'json', batchSize: 10, batchIntervalMs: 0 },
    });
  });

  it('names the field to fix', () => {
    const valid = { ...fieldsOf(null), name: 'x', url: 'https://app.example/' };
    expect(toWebhookInput({ ...valid, name: ' ' })).toEqual({ ok: false, message: 'Give the endpoint a name.' });
    expect(toWebhookInput({ ...valid, url: 'ftp://app.example/' })).toMatchObject({ ok: false, message: expect.stringMatching(/^The URL/) });
    expect(toWebhookInput({ ...valid, batchSize: '1001' })).toMatchObject({ ok: false, message: expect.stringMatching(/^Events per request/) });
    expect(toWebhookInput({ ...valid, batchIntervalMs: '' })).toMatchObject({ ok: false, message: expect.stringMatching(/^Batch wait/) });
  });

  it('toggles a choice in the order of all choices', () => {
    expect(toggled(['c'], 'a', ['a', 'b', 'c'])).toEqual(['a', 'c']);
    expect(toggled(['a', 'c'], 'a', ['a', 'b', 'c'])).toEqual(['c']);
  });
});
