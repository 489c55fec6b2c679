// The engine configuration: every setting, its default and what it allows.
import { isIP } from 'node:net';
import { z } from 'zod';
import { parseCidr } from '../shared/networks';
import { blocklistsSchema, daneSchema, domainsSchema, mtaStsSchema } from './domains-schema';
import { apiSchema, inboundSchema, trackingSchema } from './email-api-schema';
import { webhooksSchema } from './webhooks-schema';
import { sandboxSchema } from './sandbox-schema';

const MIB = 1024 * 1024;

const ipAddress = z.string().refine((value) => isIP(value) !== 0, {
  message: 'must be an IP address such as 127.0.0.1, 0.0.0.0 (every IPv4 interface) or ::1',
});

const cidr = z.string().refine((value) => parseCidr(value) !== null, {
  message: 'must be an address or CIDR range such as 192.168.1.0/24 or 2001:db8::/32',
});

export const listenerSchema = z.strictObject({
  /** Shown in transcripts and the console. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'must be 1-32 lower-case letters, digits or dashes'),
  /** 127.0.0.1 unless the operator explicitly opens other interfaces. */
  host: ipAddress.default('127.0.0.1'),
  /** 0 picks a free port (tests, or `relaydesk serve` printing where it listens). */
  port: z.number().int().min(0).max(65535),
  /** starttls: plaintext greeting, STARTTLS offered (587/2525); implicit: TLS from the first byte (465). */
  tls: z.enum(['starttls', 'implicit', 'none']),
});

const domainName = z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'must be a domain such as example.com');

export const deliverySchema = z.strictObject({
  /** Name in our EHLO; defaults to `hostname`. Receivers check it against our PTR record. */
  heloName: domainName.optional(),
  /** Port of recipient MX hosts; 25 except in tests and lab setups. */
  mxPort: z.number().int().min(1).max(65535).default(25),
  /** Deliver to MX hosts with loopback or private addresses (off: they can loop mail back to us). */
  allowNonPublicDestinations: z.boolean().default(false),
  dns: z.strictObject({
    /** Resolvers as `address` or `address:port`; empty uses the system's. */
    servers: z.array(z.string().min(1)).default([]),
    timeoutMs: z.number().int().min(100).max(60_000).default(5000),
    tries: z.number().int().min(1).max(5).default(2),
    useIPv6: z.boolean().default(false),
  }).prefault({}),
  /** Outbound source address per stream, so bulk and transactional can leave from different IPs. */
  sourceAddresses: z.strictObject({ transactional: ipAddress.optional(), bulk: ipAddress.optional() }).prefault({}),
  /** Domains for which delivery waits rather than send without STARTTLS. */
  tlsRequiredDomains: z.array(domainName).default([]),
  /** Recipient domains' MTA-STS policies (RFC 8461) and DANE TLSA records (RFC 7672). */
  mtaSts: mtaStsSchema.prefault({}),
  dane: daneSchema.prefault({}),
  /** Recipients in flight per stream; bulk never takes transactional's share. */
  maxInFlight: z.strictObject({
    transactional: z.number().int().min(1).max(100_000).default(500),
    bulk: z.number().int().min(1).max(100_000).default(1000),
  }).prefault({}),
  timeouts: z.strictObject({
    connectMs: z.number().int().min(100).default(30_000),
    /** RFC 5321 §4.5.3.2.1 allows a server 5 minutes for its greeting. */
    greetingMs: z.number().int().min(100).default(300_000),
    socketMs: z.number().int().min(100).default(300_000),
  }).prefault({}),
  /** Delivery status notifications to the sender (RFC 3464). */
  dsn: z.strictObject({
    onFailure: z.boolean().default(true),
    /** Send a delay warning once a recipient is this old and still undelivered; 0 = never. */
    delayWarningAfterHours: z.number().min(0).max(72).default(0),
  }).prefault({}),
});

export const configSchema = z.strictObject({
  /** The name in the greeting, EHLO reply and Received header; defaults to the OS hostname. */
  hostname: z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'must be a host name such as relay.example.com').optional(),
  listeners: z.array(listenerSchema).default([
    { name: 'submission', host: '127.0.0.1', port: 2525, tls: 'starttls' },
    { name: 'submissions', host: '127.0.0.1', port: 2465, tls: 'implicit' },
  ]),
  /** The operator's certificate; without it a self-signed one is generated into the data directory. */
  tls: z.strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) }).optional(),
  /** Clients in these networks may relay without AUTH. Empty by default: no open relay. */
  trustedNetworks: z.array(cidr).default([]),
  limits: z.strictObject({
    maxMessageBytes: z.number().int().min(1024).max(200 * MIB).default(25 * MIB),
    maxRecipients: z.number().int().min(1).max(10_000).default(100),
    maxConnections: z.number().int().min(1).max(100_000).default(500),
    maxConnectionsPerAddress: z.number().int().min(1).max(100_000).default(50),
    /** A client that sends nothing for this long is disconnected. */
    idleTimeoutMs: z.number().int().min(1000).default(60_000),
    /** Each command must arrive within this long of the previous one; stops byte tricklers. */
    commandTimeoutMs: z.number().int().min(1000).default(300_000),
    /** The whole message after DATA must arrive within this long (RFC 5321 §4.5.3.2.6: 10 min). */
    dataTimeoutMs: z.number().int().min(1000).default(600_000),
  }).prefault({}),
  auth: z.strictObject({
    failureDelayMs: z.number().int().min(0).max(10_000).default(1000),
    maxFailuresPerAddress: z.number().int().min(1).default(10),
    maxFailuresPerSession: z.number().int().min(1).default(3),
    failureWindowMs: z.number().int().min(1000).default(15 * 60_000),
    lockoutMs: z.number().int().min(1000).default(15 * 60_000),
  }).prefault({}),
  messages: z.strictObject({
    /** What to do with a bare CR or LF in a message: convert it to CRLF, or refuse the message. */
    bareLineEndings: z.enum(['normalize', 'reject']).default('normalize'),
    /** Stream for trusted-network clients, which have no credential to choose one. */
    trustedStream: z.enum(['transactional', 'bulk']).default('transactional'),
    /** How long a recipient may stay undelivered before it expires (24-72 h). */
    retryWindowHours: z.number().min(24).max(72).default(48),
  }).prefault({}),
  /** Look up client host names (PTR). Off by default: it costs a DNS query per connection. */
  reverseDns: z.boolean().default(false),
  /** The console/API endpoint (WebSocket) of the headless host. */
  control: z.strictObject({
    host: ipAddress.default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8025),
    /** Extra browser origins allowed to open the console socket (its own origin always is). */
    allowedOrigins: z.array(z.url()).default([]),
  }).prefault({}),
  delivery: deliverySchema.prefault({}),
  /** Sending domains: verification, DKIM rotation, the MAIL FROM rule for unverified domains. */
  domains: domainsSchema.prefault({}),
  /** DNSBL monitoring of the relay's sending addresses and domains. */
  blocklists: blocklistsSchema.prefault({}),
  /** The Email API listener; it also serves the tracking and unsubscribe endpoints. */
  api: apiSchema.prefault({}),
  /** Open and click tracking and List-Unsubscribe, per stream. */
  tracking: trackingSchema.prefault({}),
  /** The listener for asynchronous bounces (RFC 3464) and complaints (RFC 5965). */
  inbound: inboundSchema.prefault({}),
  /** Webhook delivery: retries and timeouts (endpoints are configured through the API). */
  webhooks: webhooksSchema.prefault({}),
  /** The sandbox's message inspection (spamd). */
  sandbox: sandboxSchema.prefault({}),
  store: z.strictObject({
    groupCommitWindowMs: z.number().int().min(0).max(100).default(2),
    groupCommitMaxBatch: z.number().int().min(1).max(10_000).default(256),
  }).prefault({}),
}).superRefine((config, context) => {
  const seen = new Map<string, number>();
  config.listeners.forEach((listener, index) => {
    const key = `${listener.host}:${listener.port}`;
    if (listener.port !== 0 && seen.has(key)) {
      context.addIssue({
        code: 'custom',
        path: ['listeners', index, 'port'],
        message: `duplicates listeners[${seen.get(key)}] (${key}); each listener needs its own address and port`,
      });
    }
    seen.set(key, index);
  });
});

export type EngineConfig = z.output<typeof configSchema>;
export type EngineConfigInput = z.input<typeof configSchema>;
export type ListenerConfig = z.output<typeof listenerSchema>;
export type DeliveryConfig = z.output<typeof deliverySchema>;
