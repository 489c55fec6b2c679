// SMTP credentials and their scopes. Types only.
import type { Stream } from './common';

/** Rate limit of a credential: at most `messages` per sliding `windowMs`. */
export interface RateLimit {
  messages: number;
  windowMs: number;
}

/** An SMTP credential as the console shows it (never the secret). */
export interface CredentialView {
  id: number;
  name: string;
  username: string;
  /** Sender domains this credential may use; `*.example.com` matches subdomains, `*` any. */
  senderDomains: string[];
  /** The stream its messages go to. */
  stream: Stream;
  /** Client networks (CIDR) it may be used from; empty means any. */
  clientNetworks: string[];
  rateLimit: RateLimit;
  isEnabled: boolean;
  /** Epoch ms after which the credential stops working; null for never. */
  expiresAt: number | null;
  /** After a rotation, the old secret keeps working until this time; null when it does not. */
  previousSecretValidUntil: number | null;
  createdAt: number;
  updatedAt: number;
  /** Epoch ms of revocation; a revoked credential never works again. */
  revokedAt: number | null;
  lastUsedAt: number | null;
}

/** Returned once when a secret is created or rotated; the secret is not stored in the clear. */
export interface CredentialIssued {
  credential: CredentialView;
  username: string;
  /** Shown once; only its scrypt hash is kept. */
  secret: string;
}

/** Fields for a new credential; everything but the name has a default. */
export interface CredentialInput {
  name: string;
  /** Defaults to the name. Letters, digits, `.`, `_`, `-`, `@`. */
  username?: string;
  /** Defaults to `["*"]`. */
  senderDomains?: string[];
  /** Defaults to `transactional`. */
  stream?: Stream;
  /** Defaults to `[]` (any network). */
  clientNetworks?: string[];
  /** Defaults to 150 messages per 10 s. */
  rateLimit?: RateLimit;
  expiresAt?: number | null;
  isEnabled?: boolean;
}

/** Changes to a credential's scopes; omitted fields stay as they are. */
export interface CredentialPatch {
  name?: string;
  senderDomains?: string[];
  stream?: Stream;
  clientNetworks?: string[];
  rateLimit?: RateLimit;
  expiresAt?: number | null;
  isEnabled?: boolean;
}
