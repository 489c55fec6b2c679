// Suppression imports from sample exports in each provider's layout (test/fixtures/providers):
// the format is recognised from its header, reasons are mapped (soft bounces left out), bad
// rows are reported by line, and the preview counts the queued recipients an import stops.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../engine/api/contract';
import { openStore, type Store } from '../../../engine/store/index';
import { ManualClock } from '../../../engine/shared/clock';
import { SuppressionService } from '../../../engine/policy/index';
import { importProviderExport } from '../../../engine/migration/suppression-import';

const FIXTURES = join(import.meta.dirname, '../../fixtures/providers');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

let store: Store;
let suppressions: SuppressionService;

beforeEach(() => {
  store = openStore({ path: ':memory:' });
  suppressions = new SuppressionService(store, new ManualClock());
});
afterEach(() => store.close());

const CASES: Array<{ provider: ProviderId; file: string; format: string; byReason: Record<string, number>; rejected: number }> = [
  { provider: 'sendgrid', file: 'sendgrid-bounces.csv', format: 'sendgrid-bounces', byReason: { 'hard-bounce': 1, skip: 1 }, rejected: 1 },
  { provider: 'sendgrid', file: 'sendgrid-spam-reports.csv', format: 'sendgrid-spam-reports', byReason: { complaint: 1 }, rejected: 0 },
  { provider: 'sendgrid', file: 'sendgrid-unsubscribes.csv', format: 'sendgrid-unsubscribes', byReason: { unsubscribe: 2 }, rejected: 0 },
  { provider: 'sendgrid', file: 'sendgrid-invalid-emails.csv', format: 'sendgrid-invalid-emails', byReason: { 'hard-bounce': 1 }, rejected: 0 },
  { provider: 'mailgun', file: 'mailgun-bounces.csv', format: 'mailgun-bounces', byReason: { 'hard-bounce': 1, skip: 1 }, rejected: 1 },
  { provider: 'mailgun', file: 'mailgun-complaints.csv', format: 'mailgun-complaints', byReason: { complaint: 1 }, rejected: 0 },
  { provider: 'mailgun', file: 'mailgun-unsubscribes.csv', format: 'mailgun-unsubscribes', byReason: { unsubscribe: 1 }, rejected: 0 },
  { provider: 'ses', file: 'ses-suppressed-destinations.csv', format: 'ses-suppressed-destinations', byReason: { 'hard-bounce': 1, complaint: 1 }, rejected: 1 },
  { provider: 'ses', file: 'ses-import.csv', format: 'ses-import-file', byReason: { 'hard-bounce': 1, complaint: 1 }, rejected: 0 },
  { provider: 'postmark', file: 'postmark-suppressions.csv', format: 'postmark-suppressions', byReason: { 'hard-bounce': 1, complaint: 1, unsubscribe: 1 }, rejected: 1 },
  { provider: 'brevo', file: 'brevo-blocked-contacts.csv', format: 'brevo-blocked-contacts', byReason: { 'hard-bounce': 1, complaint: 1, unsubscribe: 1, manual: 1 }, rejected: 1 },
  { provider: 'mandrill', file: 'mandrill-rejects.csv', format: 'mandrill-rejects', byReason: { 'hard-bounce': 1, skip: 1, complaint: 1, unsubscribe: 1, manual: 1 }, rejected: 1 },
];

describe.each(CASES)('$file', ({ provider, file, format, byReason, rejected }) => {
  it(`is read as ${format} with its reasons mapped`, async () => {
    const report = await importProviderExport(suppressions, { provider, csv: fixture(file), scope: 'global' });
    expect(report.format).toBe(format);
    expect(report.byReason).toEqual(byReason);
    expect(report.skipped).toBe(byReason.skip ?? 0);
    expect(report.rejected).toHaveLength(rejected);
    const imported = Object.entries(byReason).filter(([reason]) => reason !== 'skip').reduce((sum, [, n]) => sum + n, 0);
    expect(report.added).toBe(imported);
    const listed = suppressions.list({}, undefined, 100).items;
    expect(listed).toHaveLength(report.added);
    for (const [reason] of Object.entries(byReason).filter(([r]) => r !== 'skip')) {
      expect(listed.some((entry) => entry.reason === reason), reason).toBe(true);
    }
  });
});

describe('mapping and preview', () => {
  it('reports rejected rows with their line and leaves soft bounces out', async () => {
    const report = await importProviderExport(suppressions, { provider: 'mandrill', csv: fixture('mandrill-rejects.csv'), scope: 'global', dryRun: true });
    expect(report.rejected).toEqual([{ line: 7, text: expect.stringContaining('@,hard-bounce'), reason: '"@" is not an email address' }]);
    expect(report.added).toBe(0);
    expect(suppressions.list({}, undefined, 10).items).toEqual([]);
  });

  it('previews the queued recipients an import would stop, then stops them', async () => {
    const now = Date.UTC(2026, 0, 1);
    await store.writer.commit(() => {
      store.messages.insert({
        id: 'Q1', receivedAt: now, source: 'smtp', sessionId: null, credentialId: null, stream: 'transactional', mailFrom: 'app@shop.example',
        senderDomain: 'shop.example', headerFrom: null, subject: null, messageIdHeader: null, raw: Buffer.from('x'), recipientCount: 2, route: 'direct',
      });
      store.recipients.insertForMessage('Q1', 'transactional', [
        { address: 'gone@example.org', domain: 'example.org', state: 'queued', reason: null, dsnNotify: null, dsnOrcpt: null },
        { address: 'fine@example.org', domain: 'example.org', state: 'queued', reason: null, dsnNotify: null, dsnOrcpt: null },
      ], now, now + 86_400_000);
    });
    const csv = fixture('postmark-suppressions.csv');
    const preview = await importProviderExport(suppressions, { provider: 'postmark', csv, scope: 'domain', scopeValue: 'shop.example', dryRun: true });
    expect(preview).toMatchObject({ added: 0, valid: 3, affectsQueued: 1 });
    const done = await importProviderExport(suppressions, { provider: 'postmark', csv, scope: 'domain', scopeValue: 'shop.example' });
    expect(done).toMatchObject({ added: 3, duplicates: 0, affectsQueued: 1 });
    expect(suppressions.list({ scope: 'domain' }, undefined, 10).items.map((s) => [s.address, s.reason]).sort()).toEqual([
      ['angry@example.org', 'complaint'], ['bye@example.org', 'unsubscribe'], ['gone@example.org', 'hard-bounce'],
    ]);
    const again = await importProviderExport(suppressions, { provider: 'postmark', csv, scope: 'domain', scopeValue: 'shop.example', dryRun: true });
    expect(again).toMatchObject({ duplicates: 3 });
  });

  it('keeps the strongest reason when an export lists an address twice', async () => {
    const csv = 'EmailAddress,Reason,LastUpdateTime\r\nboth@example.org,BOUNCE,x\r\nBoth@Example.org,COMPLAINT,y\r\n';
    const report = await importProviderExport(suppressions, { provider: 'ses', csv, scope: 'global' });
    expect(report).toMatchObject({ valid: 1, added: 1 });
    expect(suppressions.list({}, undefined, 10).items[0]!.reason).toBe('complaint');
  });

  it('names the formats it knows when the header matches none', async () => {
    await expect(importProviderExport(suppressions, { provider: 'sendgrid', csv: 'mail,when\r\na@b.example,1\r\n', scope: 'global' }))
      .rejects.toThrow(/matches no export of this provider: sendgrid-bounces \(created, email, reason, status\)/);
  });
});
