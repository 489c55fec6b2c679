// Routes, routing rules and DKIM keys. Types only.
import type { Stream } from './common';

/** How a route sends: straight to recipient MX hosts, through a provider, or nowhere. */
export type RouteKind = 'direct' | 'smarthost' | 'sandbox';

/** A smarthost (upstream provider) as the console shows it; the password never leaves the engine. */
export interface SmarthostView {
  host: string;
  port: number;
  /** starttls: required, never sent in clear; implicit: TLS from the first byte; none: plaintext. */
  tls: 'starttls' | 'implicit' | 'none';
  username: string | null;
  hasPassword: boolean;
  /** Check the provider's certificate (on unless the operator turns it off). */
  verifyCertificate: boolean;
  /** Concurrent connections to this provider; null for the default. */
  maxConnections: number | null;
}

/** A named way out. `sandbox` (capture only) and `direct` (MX) always exist. */
export interface RouteView {
  name: string;
  kind: RouteKind;
  smarthost: SmarthostView | null;
  createdAt: number;
  updatedAt: number;
}

/** A smarthost route to create or replace; omit `password` to keep the stored one. */
export interface RouteInput {
  name: string;
  smarthost: Omit<SmarthostView, 'hasPassword' | 'username' | 'verifyCertificate' | 'maxConnections'> & {
    username?: string | null;
    password?: string;
    verifyCertificate?: boolean;
    maxConnections?: number | null;
  };
}

/** Part of one route's traffic moved to another, e.g. during a migration. */
export interface RouteSplit {
  from: string;
  to: string;
  /** Share of `from`'s messages that go to `to` instead (0-100), decided once per message. */
  percent: number;
}

/** Which route a message takes: sender domain rule, then stream rule, then the default; then the split. */
export interface RoutingRules {
  defaultRoute: string;
  byStream: Partial<Record<Stream, string>>;
  bySenderDomain: Record<string, string>;
  split: RouteSplit | null;
}

/** A DKIM key of a sending domain, with the DNS record to publish. */
export interface DkimKeyView {
  domain: string;
  selector: string;
  algorithm: 'rsa-sha256' | 'ed25519-sha256';
  state: 'pending' | 'active' | 'retired';
  dnsName: string;
  dnsValue: string;
  createdAt: number;
}
