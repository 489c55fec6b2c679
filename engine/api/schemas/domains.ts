// Schemas of sending domains and blocklist monitoring.
import { z } from 'zod';
import { empty } from './primitives';

const domain = z.string().min(1).max(253);

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
};
