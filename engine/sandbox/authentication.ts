// SPF, DKIM and DMARC of a captured message, judged by mailauth through the engine's
// resolvers twice: as the sandbox received it (the submitting client's address, the bytes as
// submitted) and as Relaydesk would send it (signed with the domain's keys, from the relay).
import type { AuthenticateResult } from 'mailauth';
import type { AuthenticationReport, AuthenticationVerdict } from '../api/contract';
import type { DnsLookup } from '../dns/index';

// A documentation address (RFC 5737) stands in when the client address is unknown (API
// submissions) or the relay's public address is not configured: no record authorizes it.
const UNKNOWN_IP = '192.0.2.1';

export interface AuthenticationDeps {
  lookup: DnsLookup;
  hostname: string;
  /** Signs as delivery would (the domain's active DKIM keys). */
  sign(raw: Buffer): Promise<{ message: Buffer; signedBy: string | null }>;
  /** The public address receivers see the relay's mail from; null when not configured. */
  sendingIp(): string | null;
}

export interface ReceivedAs {
  raw: Buffer;
  mailFrom: string;
  /** The submitting client's address and EHLO name; null for API submissions. */
  client: { ip: string; helo: string | null } | null;
}

async function judge(deps: AuthenticationDeps, raw: Buffer, basis: AuthenticationVerdict['basis']): Promise<AuthenticationVerdict> {
  const { authenticate } = await import('mailauth');
  const result: AuthenticateResult = await authenticate(raw, {
    ip: basis.ip ?? UNKNOWN_IP, helo: basis.helo, sender: basis.mailFrom, mta: deps.hostname, resolver: deps.lookup, disableArc: true, disableBimi: true,
  });
  const header = result.headers.split(/\r?\n(?=\S)/).find((line) => /^Authentication-Results:/i.test(line)) ?? '';
  return {
    basis,
    spf: result.spf ? result.spf.status.result : 'none',
    // An unsigned message gets one `none` row without a domain; it is no signature, so it is left out.
    dkim: (result.dkim?.results ?? []).filter((row) => row.signingDomain).map((row) => ({ domain: row.signingDomain, selector: row.selector ?? null, result: row.status.result, comment: row.status.comment ?? null })),
    dmarc: result.dmarc
      ? { result: result.dmarc.status.result, policy: result.dmarc.p ?? null, comment: result.dmarc.status.comment ?? null }
      : { result: 'none', policy: null, comment: null },
    header: header.replace(/\r?\n\s+/g, ' '),
  };
}

export async function authenticationReport(deps: AuthenticationDeps, message: ReceivedAs): Promise<AuthenticationReport> {
  const signed = await deps.sign(message.raw);
  const [asReceived, asSent] = await Promise.all([
    judge(deps, message.raw, { ip: message.client?.ip ?? null, helo: message.client?.helo ?? deps.hostname, mailFrom: message.mailFrom, isSignedByRelay: false }),
    judge(deps, signed.message, { ip: deps.sendingIp(), helo: deps.hostname, mailFrom: message.mailFrom, isSignedByRelay: signed.signedBy !== null }),
  ]);
  return { asReceived, asSent };
}
