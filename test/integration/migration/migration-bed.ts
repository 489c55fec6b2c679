// The world of the migration tests: each provider's SMTP host as a scripted MX with the
// provider's AUTH conventions on its own 127.0.0.x, a recipient domain's MX, a DNS zone with
// each migrated domain as the provider left it, and a webhook receiver on loopback.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderId } from '../../../engine/api/contract';
import { PLAYBOOKS, sesSmtpPassword } from '../../../engine/migration/index';
import { concreteName } from '../../../engine/migration/dns-plan';
import type { ZoneRecord } from '../peers/dns-server';
import type { MxHostSpec } from '../../support/mx-fleet';
import { mxRecords } from '../../support/delivery-relay';

export const PROVIDERS: ProviderId[] = ['sendgrid', 'mailgun', 'ses', 'postmark', 'brevo', 'mandrill'];
export const DEST_MX = '127.0.0.9';
export const SES_REGION = 'eu-west-1';
const SES_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** What the operator types in, and what the provider's server then must see at AUTH. */
export const ACCOUNTS: Record<ProviderId, { input: { username?: string; password?: string; secretAccessKey?: string }; auth: { user: string; pass: string }; selectors: string[] }> = {
  sendgrid: { input: { password: 'SG.test-key' }, auth: { user: 'apikey', pass: 'SG.test-key' }, selectors: [] },
  mailgun: { input: { username: 'postmaster@mailgun.shop.test', password: 'mg-password' }, auth: { user: 'postmaster@mailgun.shop.test', pass: 'mg-password' }, selectors: ['k1'] },
  ses: { input: { username: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SES_SECRET }, auth: { user: 'AKIAIOSFODNN7EXAMPLE', pass: sesSmtpPassword(SES_SECRET, SES_REGION) }, selectors: ['tok1', 'tok2', 'tok3'] },
  postmark: { input: { username: 'pm-server-token', password: 'pm-server-token' }, auth: { user: 'pm-server-token', pass: 'pm-server-token' }, selectors: ['20240101000000pm'] },
  brevo: { input: { username: 'me@shop.test', password: 'xsmtpsib-key' }, auth: { user: 'me@shop.test', pass: 'xsmtpsib-key' }, selectors: [] },
  mandrill: { input: { username: 'me@shop.test', password: 'md-api-key' }, auth: { user: 'me@shop.test', pass: 'md-api-key' }, selectors: [] },
};

export const domainOf = (provider: ProviderId) => `${provider}.shop.test`;
export const hostOf = (provider: ProviderId) => (provider === 'ses' ? `email-smtp.${SES_REGION}.amazonaws.com` : PLAYBOOKS[provider].smarthost.host);
export const addressOf = (provider: ProviderId) => `127.0.0.${2 + PROVIDERS.indexOf(provider)}`;

export function providerMxSpecs(): MxHostSpec[] {
  return [
    { host: DEST_MX, name: 'mx.dest.test' },
    ...PROVIDERS.map((provider) => ({ host: addressOf(provider), name: hostOf(provider), tls: 'starttls' as const, auth: ACCOUNTS[provider].auth })),
  ];
}

/** The provider's records for a domain that DNS can serve: fixed names and the account's selectors. */
export function providerRecords(provider: ProviderId): ZoneRecord[] {
  const domain = domainOf(provider);
  const book = PLAYBOOKS[provider];
  const dkimType = book.records.find((r) => r.purpose === 'dkim')!.type;
  const names = book.records.filter((r) => r.type !== 'MX').map((r) => ({ name: concreteName(r.name, domain), type: r.type })).filter((r) => r.name !== null && r.name !== domain);
  const selectors = ACCOUNTS[provider].selectors.map((selector) => ({ name: `${selector}._domainkey.${domain}`, type: dkimType }));
  return [...names, ...selectors].map(({ name, type }): ZoneRecord => (type === 'CNAME'
    ? { name: name!, type: 'CNAME', data: `target.${provider}.provider.test` }
    : { name: name!, type: 'TXT', data: 'v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC' }));
}

export function initialZone(): ZoneRecord[] {
  return [
    ...mxRecords('dest.test', [[10, 'mx.dest.test', DEST_MX]]),
    ...PROVIDERS.flatMap((provider): ZoneRecord[] => [
      { name: hostOf(provider), type: 'A', data: addressOf(provider) },
      { name: domainOf(provider), type: 'TXT', data: `v=spf1 include:${PLAYBOOKS[provider].spfIncludes[0]} ~all` },
      ...PLAYBOOKS[provider].spfIncludes.map((include): ZoneRecord => ({ name: include, type: 'TXT', data: 'v=spf1 ip4:198.51.100.0/24 ~all' })),
      ...providerRecords(provider),
    ]),
  ];
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** An HTTP endpoint on loopback that answers 200 and keeps every request. */
export async function startWebhookReceiver(): Promise<{ url: string; requests: Received[]; close(): Promise<void> }> {
  const requests: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
