// Configuration of the Email API listener (which also serves the tracking and unsubscribe
// endpoints), open/click tracking and List-Unsubscribe, and the inbound listener for
// asynchronous bounces and complaints: the sections issue 6 adds to the engine configuration.
import { isIP } from 'node:net';
import { z } from 'zod';
import { parseCidr } from '../shared/networks';

const MIB = 1024 * 1024;
const ipAddress = z.string().refine((value) => isIP(value) !== 0, { message: 'must be an IP address such as 127.0.0.1 or 0.0.0.0' });
const cidr = z.string().refine((value) => parseCidr(value) !== null, { message: 'must be an address or CIDR range such as 10.0.0.0/8' });
const domainName = z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'must be a domain such as bounces.example.com');

/** A switch per stream. */
const perStream = (transactional: boolean, bulk: boolean) =>
  z.strictObject({ transactional: z.boolean().default(transactional), bulk: z.boolean().default(bulk) }).prefault({});

export const apiSchema = z.strictObject({
  /** Off until turned on: applications submit over SMTP otherwise. */
  enabled: z.boolean().default(false),
  /** 127.0.0.1 unless the operator explicitly opens other interfaces. */
  host: ipAddress.default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8026),
  /** Serve HTTPS with the relay's certificate (`tls.certFile`, or the self-signed one). */
  tls: z.boolean().default(false),
  /** Requests per token; beyond it the answer is 429 with Retry-After. */
  requestLimit: z.strictObject({
    requests: z.number().int().min(1).max(1_000_000).default(150),
    windowMs: z.number().int().min(1000).max(3_600_000).default(10_000),
  }).prefault({}),
  /** How long an Idempotency-Key is remembered. */
  idempotencyHours: z.number().min(1).max(720).default(24),
  /** Largest request body; attachments travel base64, a third larger than the files. */
  maxRequestBytes: z.number().int().min(64 * 1024).max(500 * MIB).default(50 * MIB),
  /** Reverse proxies whose X-Forwarded-For is believed (client networks, tracking IPs). */
  trustedProxies: z.array(cidr).default([]),
});

export const trackingSchema = z.strictObject({
  /**
   * Where recipients reach the API listener's /t/ (tracking) and /u/ (unsubscribe) paths,
   * e.g. https://links.example.com behind a reverse proxy. Without it nothing is rewritten
   * and List-Unsubscribe carries only its mailto form.
   */
  publicBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Open tracking (a 1x1 image) per stream; a message may override it. */
  opens: perStream(false, true),
  /** Click tracking (links rewritten through the relay) per stream; a message may override it. */
  clicks: perStream(false, true),
  /** List-Unsubscribe and one-click unsubscribe (RFC 8058) headers per stream. */
  listUnsubscribe: perStream(false, true),
  /** Opens and clicks this soon after delivery are flagged automated (gateway prefetch, link scanners). */
  automatedWithinMs: z.number().int().min(0).max(600_000).default(2000),
});

export const inboundSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** The public interface (e.g. 0.0.0.0) once the bounce domain's MX points here. */
  host: ipAddress.default('127.0.0.1'),
  /** 25 is where other servers deliver; below 1024 needs privileges (see README). */
  port: z.number().int().min(0).max(65535).default(25),
  /**
   * Domains it accepts mail for besides the sending domains' return-path domains: e.g. the
   * domain of the address registered with feedback loops. Anything else is refused.
   */
  domains: z.array(domainName).default([]),
});

export type ApiConfig = z.output<typeof apiSchema>;
export type TrackingConfig = z.output<typeof trackingSchema>;
export type InboundConfig = z.output<typeof inboundSchema>;
