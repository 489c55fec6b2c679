// Each provider's checklist walked from start to finish against a local DNS server and local
// receivers: the provider kept as a smarthost with its AUTH conventions, DNS published as the
// plan says and checked live, suppressions imported from its export, a test message delivered,
// webhooks received in its shape, the ramp followed day by day, the cutover, the cleanup.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationView, ProviderId } from '../../../engine/api/contract';
import { PLAYBOOKS } from '../../../engine/migration/index';
import { OffsetClock } from '../../support/offset-clock';
import { sendMail, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { eventually } from '../../support/wait';
import { ACCOUNTS, DEST_MX, PROVIDERS, SES_REGION, addressOf, domainOf, hostOf, initialZone, providerMxSpecs, providerRecords, startWebhookReceiver } from './migration-bed';

const DAY = 86_400_000;
const FIXTURE: Record<ProviderId, string> = {
  sendgrid: 'sendgrid-bounces.csv', mailgun: 'mailgun-bounces.csv', ses: 'ses-suppressed-destinations.csv',
  postmark: 'postmark-suppressions.csv', brevo: 'brevo-blocked-contacts.csv', mandrill: 'mandrill-rejects.csv',
};
/** How each provider's own receivers tell a delivery event. */
const DELIVERED_SHAPE: Record<ProviderId, (body: string) => boolean> = {
  sendgrid: (body) => JSON.parse(body).some((e: { event: string }) => e.event === 'delivered'),
  mailgun: (body) => JSON.parse(body)['event-data']?.event === 'delivered',
  ses: (body) => JSON.parse(JSON.parse(body).Message ?? '{}').notificationType === 'Delivery',
  postmark: (body) => JSON.parse(body).RecordType === 'Delivery',
  brevo: (body) => JSON.parse(body).event === 'delivered',
  mandrill: (body) => new URLSearchParams(body).get('mandrill_events')?.includes('"event":"send"') ?? false,
};

const clock = new OffsetClock();
const bed = deliveryTestbed({
  mx: providerMxSpecs(),
  zone: initialZone(),
  relay: {
    clock,
    config: {
      domains: { requireVerified: false, spf: { addresses: ['192.0.2.10'] } },
      blocklists: { enabled: false },
    },
    delivery: { mtaSts: { enabled: false }, dane: { enabled: false } },
  },
});
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

const client = () => bed.relay.engine.client;
const statusOf = (view: MigrationView) => Object.fromEntries(view.steps.map((step) => [step.id, step.status]));

describe.each(PROVIDERS)('the %s checklist', (provider) => {
  const domain = domainOf(provider);

  it('walks from start to finish', async () => {
    // Start: the provider becomes a smarthost route with its AUTH convention, the domain is routed through it.
    let view = await client().call('migration.start', {
      provider, domains: [domain], credentials: ACCOUNTS[provider].input, ...(provider === 'ses' && { region: SES_REGION }),
      smarthost: { port: bed.fleet.port, verifyCertificate: false }, oldDkimSelectors: ACCOUNTS[provider].selectors,
      schedule: [50, 100], thresholds: { minVolume: 1 },
    });
    expect(statusOf(view)).toMatchObject({ 'old-route': 'done', 'routing-old': 'done', 'domains-added': 'failed', cutover: 'pending', 'dns-cleanup': 'pending' });
    const route = (await client().call('routes.list', {})).find((r) => r.name === provider)!;
    expect(route.smarthost).toMatchObject({ host: hostOf(provider), tls: 'starttls', username: ACCOUNTS[provider].auth.user, hasPassword: true });
    const [throughProvider] = await sendMail(bed.relay, { from: `app@${domain}`, to: ['early@dest.test'] });
    expect((await waitForStates(bed.relay, throughProvider!, ['delivered'])).attempts[0]).toMatchObject({ route: provider, mxAddress: addressOf(provider) });
    expect(bed.mx(addressOf(provider)).connections.at(-1)).toMatchObject({ authUser: ACCOUNTS[provider].auth.user });

    // DNS as the plan says: Relaydesk's DKIM and DMARC, the SPF record for the move.
    await client().call('domains.add', { domain });
    // Adding a domain checks it in the background; a check already running answers for a later one.
    const added = await eventually(async () => {
      const current = await client().call('domains.get', { domain });
      return current.checkedAt === null ? undefined : current;
    }, 'the first check of the new domain');
    for (const record of added.records.filter((r) => (r.purpose === 'dkim' && r.dkim?.action === 'publish') || r.purpose === 'dmarc' || r.purpose === 'return-path-spf')) {
      bed.dns.add({ name: record.name, type: 'TXT', data: record.value });
    }
    const bounceMx = added.records.find((r) => r.purpose === 'return-path-mx')!;
    bed.dns.add({ name: bounceMx.name, type: 'MX', data: { preference: 10, exchange: bounceMx.value.split(' ')[1]!.replace(/\.$/, '') } });
    const spf = view.spf[0]!;
    expect(spf).toMatchObject({ domain, currentLookups: 1, during: `v=spf1 ip4:192.0.2.10 include:${PLAYBOOKS[provider].spfIncludes[0]} ~all` });
    bed.dns.remove(domain, 'TXT');
    bed.dns.add({ name: domain, type: 'TXT', data: spf.during });
    view = await client().call('migration.verify', { id: view.id });
    expect(statusOf(view)).toMatchObject({ 'domains-added': 'done', 'dns-spf': 'done', 'dns-dkim': 'done', 'dns-dmarc': 'done', 'dns-return-path': 'done' });
    expect(view.dnsChanges.filter((c) => c.phase === 'cleanup' && c.action === 'remove').length).toBeGreaterThan(0);

    // The provider's suppressions, from its own export.
    const csv = readFileSync(join(import.meta.dirname, '../../fixtures/providers', FIXTURE[provider]), 'utf8');
    const imported = await client().call('migration.importSuppressions', { provider, csv, scope: 'domain', scopeValue: domain, migrationId: view.id });
    expect(imported.added).toBeGreaterThan(0);

    // Webhooks in the provider's shape, then a test message through Relaydesk.
    const { webhook } = await client().call('webhooks.create', { name: provider, url: receiver.url, batchSize: 1, senderDomains: [domain] });
    await client().call('migration.webhookFormat', { webhookId: webhook.id, provider });
    expect(await client().call('migration.webhookFormats', {})).toContainEqual({ webhookId: webhook.id, provider });
    const { messageId } = await client().call('migration.sendTest', { id: view.id, from: `app@${domain}`, to: [`check-${provider}@dest.test`] });
    expect((await waitForStates(bed.relay, messageId, ['delivered'])).attempts[0]).toMatchObject({ route: 'direct', mxAddress: DEST_MX });
    const shaped = await eventually(() => receiver.requests.find((r) => r.headers['content-type']?.startsWith(contentTypeOf(provider)) && DELIVERED_SHAPE[provider](r.body)), `a ${provider}-shaped delivery event`);
    expect(shaped.headers['relaydesk-signature']).toBeDefined();
    view = await client().call('migration.verify', { id: view.id });
    expect(statusOf(view)).toMatchObject({ suppressions: 'done', 'test-message': 'done', webhooks: 'done', 'parallel-sending': 'pending' });

    // Parallel sending along the ramp: day 1 at 50%, day 2 at 100%.
    view = await client().call('migration.startSplit', { id: view.id });
    expect((await client().call('routing.get', {})).split).toEqual({ from: provider, to: 'direct', percent: 50 });
    clock.advance(DAY + 1000);
    view = await client().call('migration.evaluate', { id: view.id });
    expect(view.split).toMatchObject({ percent: 100, day: 2 });
    const [rampMail] = await sendMail(bed.relay, { from: `app@${domain}`, to: ['ramp@dest.test'] });
    expect((await waitForStates(bed.relay, rampMail!, ['delivered'])).route).toBe('direct');
    view = await client().call('migration.verify', { id: view.id });
    expect(statusOf(view)).toMatchObject({ 'parallel-sending': 'done', rates: 'done', 'warmup-day': 'done' });

    // Cutover, then the provider's records go.
    view = await client().call('migration.complete', { id: view.id });
    expect((await client().call('routing.get', {})).bySenderDomain[domain]).toBe('direct');
    view = await client().call('migration.verify', { id: view.id });
    expect(statusOf(view)).toMatchObject({ cutover: 'done', 'dns-cleanup': 'failed', 'remove-old-route': 'pending' });
    bed.dns.remove(domain, 'TXT');
    bed.dns.add({ name: domain, type: 'TXT', data: view.spf[0]!.after });
    for (const record of providerRecords(provider)) bed.dns.remove(record.name);
    await client().call('routes.remove', { name: provider });
    view = await client().call('migration.verify', { id: view.id });
    expect(view.spf[0]!.after).not.toContain('include:');
    expect(view.steps.filter((step) => step.status !== 'done' && step.status !== 'skipped').map((step) => `${step.id}: ${step.detail}`)).toEqual([]);
    expect(view.progress).toEqual({ complete: 16, total: 16 });
    expect(view.history.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['started', 'imported', 'test-sent', 'split', 'completed']));
    await client().call('webhooks.remove', { id: webhook.id });
    expect(await client().call('migration.webhookFormats', {})).not.toContainEqual(expect.objectContaining({ webhookId: webhook.id }));
  });
});

function contentTypeOf(provider: ProviderId): string {
  return { sendgrid: 'application/json', mailgun: 'application/json', ses: 'text/plain', postmark: 'application/json', brevo: 'application/json', mandrill: 'application/x-www-form-urlencoded' }[provider];
}
