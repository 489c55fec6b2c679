// Configuration of sending domains, blocklist monitoring and the outbound TLS policies
// (MTA-STS, DANE): the sections issue 5 adds to the engine configuration.
import { isIP } from 'node:net';
import { z } from 'zod';

const ipAddress = z.string().refine((value) => isIP(value) !== 0, { message: 'must be an IP address such as 203.0.113.5' });
const domainName = z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'must be a domain such as example.com');

export const domainsSchema = z.strictObject({
  /**
   * Refuse MAIL FROM a domain that is not a verified sending domain, unless the operator
   * allows it for that domain. Mail whose route is the sandbox is always accepted.
   */
  requireVerified: z.boolean().default(true),
  /** How often every sending domain's records are checked against DNS. */
  verifyIntervalMinutes: z.number().int().min(1).max(24 * 60).default(60),
  spf: z.strictObject({
    /** Public addresses mail leaves from (behind NAT the source address is not the one receivers see). */
    addresses: z.array(ipAddress).default([]),
    /** SPF records of providers that also send for the domains, e.g. a smarthost's `_spf.provider.example`. */
    include: z.array(domainName).default([]),
  }).prefault({}),
  dkim: z.strictObject({
    /** Rotate each domain's keys this often; 0 turns automatic rotation off. */
    rotateEveryDays: z.number().int().min(0).max(365).default(30),
    /** A replaced key's record stays published this long: mail signed before the switch may still be in queues. */
    retiredKeepDays: z.number().int().min(1).max(90).default(7),
  }).prefault({}),
});

/** One DNS blocklist or domain list; `kind` says what is looked up in it. */
const blocklistSchema = z.strictObject({
  name: z.string().min(1).max(80),
  zone: domainName,
  kind: z.enum(['ip', 'domain']),
  delistUrl: z.url().optional(),
});

export const blocklistsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  intervalMinutes: z.number().int().min(5).max(7 * 24 * 60).default(60),
  /** Sending addresses to watch besides the streams' source addresses and those seen in attempts. */
  addresses: z.array(ipAddress).default([]),
  /** Check the shipped lists: Spamhaus ZEN and DBL, Barracuda, SpamCop. */
  useDefaultLists: z.boolean().default(true),
  lists: z.array(blocklistSchema).default([]),
  /**
   * `pause-source`: a listed source address is paused (delivery.pause kind `source`) until
   * resumed; `reroute`: its stream sends through `reroute` until every list has delisted it.
   */
  onListing: z.enum(['alert', 'pause-source', 'reroute']).default('alert'),
  /** Where a listed source address's stream sends meanwhile: another source address, or a route (smarthost or sandbox). */
  reroute: z.strictObject({ sourceAddress: ipAddress.optional(), route: z.string().min(1).max(64).optional() }).optional(),
}).refine((config) => config.onListing !== 'reroute' || (config.reroute?.sourceAddress === undefined) !== (config.reroute?.route === undefined), {
  message: 'onListing "reroute" needs exactly one of reroute.sourceAddress and reroute.route',
  path: ['reroute'],
});

export const mtaStsSchema = z.strictObject({
  /** Apply recipient domains' MTA-STS policies (RFC 8461). */
  enabled: z.boolean().default(true),
  /** Port of the policy host; 443 except in tests and lab setups (as `delivery.mxPort`). */
  port: z.number().int().min(1).max(65535).default(443),
  /** PEM file of extra CAs trusted for policy hosts and MX certificates (a private CA in a lab); the system's are always trusted. */
  caFile: z.string().min(1).optional(),
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
});

export const daneSchema = z.strictObject({
  /** Apply DANE TLSA records (RFC 7672); takes effect only with a validating resolver (it sets AD). */
  enabled: z.boolean().default(true),
});

export type DomainsConfig = z.output<typeof domainsSchema>;
export type BlocklistsConfig = z.output<typeof blocklistsSchema>;
export type BlocklistConfig = z.output<typeof blocklistSchema>;
export type MtaStsConfig = z.output<typeof mtaStsSchema>;
