// Schemas of sending domains and blocklist monitoring.
import { isIP } from 'node:net';
import { z } from 'zod';
import { empty } from './primitives';

const domain = z.string().min(1).max(253);
const ipAddress = z.string().refine((value) => isIP(value) !== 0, { message: 'must be an IP address such as 203.0.113.5' });

export const domainsMethodSpecs = {
  'domains.list': { params: empty, summary: 'Sending domains with their records and last verification.' },
  'domains.get': { params: z.strictObject({ domain }), summary: 'One sending domain.' },
  'domains.add': {
    params: z.strictObject({
      domain,
      selector: z.string().min(1).max(63).optional(),
      selectorPrefix: z.string().min(1).max(41).optional(),
      usesEd25519: z.boolean().optional(),
      returnPathDomain: domain.nullable().optional(),
      allowUnverified: z.boolean().optional(),
    }),
    summary: 'Add a sending domain: DKIM key(s) and the records to publish.',
  },
  'domains.update': {
    params: z.strictObject({
      domain,
      patch: z.strictObject({ allowUnverified: z.boolean().optional(), returnPathDomain: domain.nullable().optional(), usesEd25519: z.boolean().optional() }),
    }),
    summary: 'Allow unverified sending, change the return path or the Ed25519 signature.',
  },
  'domains.remove': { params: z.strictObject({ domain }), summary: 'Remove a sending domain and its keys.' },
  'domains.verify': { params: z.strictObject({ domain }), summary: 'Check every record of a domain against DNS now.' },
  'domains.rotateDkim': { params: z.strictObject({ domain }), summary: 'Start a DKIM key rotation now.' },
  'domains.zoneFile': { params: z.strictObject({ domain }), summary: 'The records as a BIND zone-file fragment.' },
  'blocklists.status': { params: empty, summary: 'Blocklist status of every watched address and domain.' },
  'blocklists.check': { params: empty, summary: 'Check every watched address and domain against the blocklists now.' },
  'blocklists.history': {
    params: z.strictObject({ target: z.string().min(1).max(253), list: z.string().min(1).max(80).optional(), limit: z.number().int().min(1).max(1000).optional() }),
    summary: 'Listings and delistings of an address or domain.',
  },
  'blocklists.configure': {
    params: z.strictObject({
      isScheduled: z.boolean(),
      intervalMinutes: z.number().int().min(5).max(7 * 24 * 60),
      addresses: z.array(ipAddress).max(100),
      useDefaultLists: z.boolean(),
      lists: z.array(z.strictObject({
        name: z.string().trim().min(1).max(80),
        zone: z.string().regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, 'must be a DNS zone such as bl.example.net').max(253),
        kind: z.enum(['ip', 'domain']),
        // Shown as a link in the console: web pages only, never javascript: or file: URLs.
        delistUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable(),
      })).max(50),
      onListing: z.enum(['alert', 'pause-source', 'reroute']),
      reroute: z.strictObject({ sourceAddress: ipAddress.nullable(), route: z.string().min(1).max(64).nullable() }),
    }),
    summary: 'Replace the blocklist settings: lists, schedule, and what a listing of a source address does.',
  },
};
