// Rules for outcomes around the SMTP dialogue rather than inside it: acceptance, DNS answers
// for the recipient domain, socket and TLS errors, and replies that refuse the whole session.
import type { BounceRule } from './classify-types';

/** A 2xx ends every walk first, so no text rule can misread an acceptance. */
export const acceptedRules: readonly BounceRule[] = [
  // 250 2.0.0 OK  1715590000 d9443c01a7336-1f2f0a1b2c3si123456ad.456 - gsmtp
  {
    id: 'accepted',
    match: { codeClass: [2] },
    verdict: 'delivered',
    category: 'none',
    shouldSuppress: false,
    summary: '{mxHost} accepted the message for {domain}',
  },
];

// Error texts below are Node's own messages for these codes. They carry no reply code, so
// classify() never lets them bounce outside the `dns` phase (zone-mta's `>= 500` invariant).
export const networkRules: readonly BounceRule[] = [
  // queryMx ENOTFOUND gmial.com  (Node's resolver reports NXDOMAIN as ENOTFOUND)
  // An authoritative "no such domain" is as final as a 5xx: typo domains never come back.
  {
    id: 'dns-nxdomain',
    match: { phases: ['dns'], networkCodes: ['ENOTFOUND'] },
    verdict: 'bounced',
    category: 'dns',
    shouldSuppress: true,
    summary: '{domain} does not exist in DNS, so no address there can receive mail',
  },
  // queryA ENODATA example.com  (no MX, and the implicit MX of RFC 5321 §5.1 has no address)
  {
    id: 'dns-no-address',
    match: { phases: ['dns'], networkCodes: ['ENODATA'] },
    verdict: 'bounced',
    category: 'dns',
    shouldSuppress: true,
    summary: '{domain} has neither an MX record nor an address record, so it cannot receive mail (RFC 5321 §5.1)',
  },
  // MX 0 "."  — RFC 7505 §3: the domain declares it accepts no mail; the MX walk reports ENULLMX.
  {
    id: 'dns-null-mx',
    match: { phases: ['dns'], networkCodes: ['ENULLMX'] },
    verdict: 'bounced',
    category: 'dns',
    shouldSuppress: true,
    summary: '{domain} publishes a null MX (RFC 7505): it accepts no mail at all',
  },
  // queryMx ESERVFAIL example.com / queryMx ETIMEOUT example.com
  // RFC 5321 §5.1: a temporary DNS error queues the message for retry; NXDOMAIN and NODATA are answers.
  {
    id: 'dns-temporary',
    match: { phases: ['dns'], networkCodes: 'any' },
    verdict: 'deferred',
    category: 'dns',
    shouldSuppress: false,
    summary: 'Looking up the mail servers of {domain} failed temporarily with {networkCode} (if it persists, check the resolvers this host uses)',
  },
  // getaddrinfo ENOTFOUND mx1.example.com  (the MX record names a host that does not resolve)
  {
    id: 'mx-host-unresolvable',
    match: { networkCodes: ['ENOTFOUND', 'ENODATA', 'EAI_AGAIN', 'ESERVFAIL', 'ETIMEOUT', 'EREFUSED'] },
    verdict: 'deferred',
    category: 'dns',
    shouldSuppress: false,
    summary: 'The mail server name {mxHost} does not resolve ({networkCode}), so the MX records of {domain} may be broken',
  },
  // connect ECONNREFUSED 192.0.2.10:25
  {
    id: 'connection-refused',
    match: { networkCodes: ['ECONNREFUSED'] },
    verdict: 'deferred',
    category: 'network',
    shouldSuppress: false,
    summary: '{mxHost} refused the TCP connection, so its mail service may be down',
  },
  // connect ETIMEDOUT 192.0.2.10:25
  {
    id: 'connection-timeout',
    match: { networkCodes: ['ETIMEDOUT'] },
    verdict: 'deferred',
    category: 'network',
    shouldSuppress: false,
    summary: 'The connection to {mxHost} timed out (if every destination times out, this network probably blocks outbound port 25)',
  },
  // connect EHOSTUNREACH 192.0.2.10:25
  {
    id: 'host-unreachable',
    match: { networkCodes: ['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'] },
    verdict: 'deferred',
    category: 'network',
    shouldSuppress: false,
    summary: "There is no route to {mxHost}, error {networkCode} (check this host's outbound connectivity, IPv6 included)",
  },
  // DANE: the certificate of mx1.example.com matches none of its 1 TLSA record(s)  (tls-policy.ts)
  // Our own outbound TLS policy refused the host or every host: MTA-STS enforce (RFC 8461 §5)
  // or DANE (RFC 7672 §2.2) say wait rather than send to an unauthenticated server.
  {
    id: 'tls-policy-refused',
    match: { networkCodes: ['ETLSPOLICY', 'EMTASTS'] },
    verdict: 'deferred',
    category: 'tls',
    shouldSuppress: false,
    summary: "The TLS policy of {domain} (MTA-STS or DANE) does not allow delivery to {mxHost} as it stands, so the message waits (the attempt's reply says why)",
  },
  // certificate has expired
  // Only reported when the domain's TLS policy (MTA-STS, DANE, or a configured `verify`)
  // demands a valid certificate; opportunistic TLS never verifies.
  {
    id: 'tls-certificate',
    match: {
      networkCodes: [
        'CERT_HAS_EXPIRED',
        'CERT_NOT_YET_VALID',
        'CERT_REVOKED',
        'ERR_TLS_CERT_ALTNAME_INVALID',
        'DEPTH_ZERO_SELF_SIGNED_CERT',
        'SELF_SIGNED_CERT_IN_CHAIN',
        'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
        'UNABLE_TO_GET_ISSUER_CERT',
        'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      ],
    },
    verdict: 'deferred',
    category: 'tls',
    shouldSuppress: false,
    summary: "{mxHost} presented a certificate that failed verification with {networkCode}, and the TLS policy for {domain} requires a valid one (ask the domain's postmaster to fix it, or relax the policy for this domain)",
  },
  // 0A00010B:SSL routines:ssl3_get_record:wrong version number
  {
    id: 'tls-handshake',
    match: {
      networkCodes: [
        'ERR_SSL_WRONG_VERSION_NUMBER',
        'ERR_SSL_UNSUPPORTED_PROTOCOL',
        'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
        'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
        'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
        'EPROTO',
        'ETLS',
      ],
    },
    verdict: 'deferred',
    category: 'tls',
    shouldSuppress: false,
    summary: 'The TLS handshake with {mxHost} failed with {networkCode} (the server may offer only protocol versions or ciphers below our TLS 1.2 minimum)',
  },
  // Client network socket disconnected before secure TLS connection was established  (ECONNRESET)
  {
    id: 'tls-dropped',
    match: { phases: ['starttls'], networkCodes: 'any' },
    verdict: 'deferred',
    category: 'tls',
    shouldSuppress: false,
    summary: '{mxHost} dropped the connection during the TLS handshake ({networkCode})',
  },
  // read ECONNRESET / write EPIPE / Connection closed unexpectedly  (nodemailer: ECONNECTION)
  {
    id: 'connection-lost',
    match: { networkCodes: ['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ECONNECTION', 'ESOCKET'] },
    verdict: 'deferred',
    category: 'network',
    shouldSuppress: false,
    summary: '{mxHost} dropped the connection in the middle of the SMTP dialogue ({networkCode})',
  },
  // Invalid greeting. response=HTTP/1.1 400 Bad Request  (nodemailer: EPROTOCOL)
  {
    id: 'protocol-violation',
    match: { networkCodes: ['EPROTOCOL'] },
    verdict: 'deferred',
    category: 'protocol',
    shouldSuppress: false,
    summary: '{mxHost} answered with something that is not SMTP, so the MX may point at the wrong service',
  },
  // connect EACCES 192.0.2.10:25  (anything else the socket layer can report)
  {
    id: 'network-other',
    match: { networkCodes: 'any' },
    verdict: 'deferred',
    category: 'network',
    shouldSuppress: false,
    summary: 'The attempt to reach {mxHost} failed ({networkCode})',
  },
];

/** Replies that refuse the session itself rather than this message or this address. */
export const sessionRules: readonly BounceRule[] = [
  // 521 5.3.2 mx.nomail.example does not accept mail
  // RFC 7504 §3: a host that never accepts mail; retrying cannot help. The MX walk may still
  // try another host; the address is not suppressed, since a greeting says nothing about it.
  {
    id: 'host-accepts-no-mail',
    match: { codes: [521, 556], pattern: /\b(?:does not|doesn't|will not) accept (?:any )?(?:e-?)?mail\b/i },
    verdict: 'bounced',
    category: 'recipient',
    shouldSuppress: true,
    summary: '{mxHost} says {domain} does not accept mail at all (RFC 7504)',
  },
  // 504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname
  // Postfix's default smtp_skip_5xx_greeting: a 5xx greeting refuses us, not the message, so
  // the next MX host or a later attempt may succeed.
  {
    id: 'session-refused',
    match: { phases: ['connect', 'greeting', 'ehlo'], codeClass: [5] },
    verdict: 'deferred',
    category: 'policy',
    shouldSuppress: false,
    summary: "{mxHost} refused to talk to this server before any message was sent (check the IP's reputation, reverse DNS and HELO name)",
  },
  // 454 4.7.0 TLS not available due to local problem
  {
    id: 'starttls-refused',
    match: { phases: ['starttls'], codeClass: [4, 5] },
    verdict: 'deferred',
    category: 'tls',
    shouldSuppress: false,
    summary: '{mxHost} advertised STARTTLS and then refused it',
  },
  // 535 5.7.8 Error: authentication failed: authentication failure
  // Postfix's smtp_sasl_auth_soft_bounce: bad smarthost credentials must not bounce the queue.
  {
    id: 'smarthost-auth-rejected',
    match: { phases: ['auth'], codeClass: [4, 5] },
    verdict: 'deferred',
    category: 'auth',
    shouldSuppress: false,
    summary: 'The smarthost {mxHost} rejected our credentials (update them in the route settings)',
  },
  // 421 4.4.2 mx.example.com Error: timeout exceeded  (in reply to RSET)
  // The previous message was already answered; only the reused connection is lost.
  {
    id: 'reset-failed',
    match: { phases: ['rset', 'quit'], codeClass: [4, 5] },
    verdict: 'deferred',
    category: 'protocol',
    shouldSuppress: false,
    summary: '{mxHost} failed a connection reset between messages, so a fresh connection will be used',
  },
];
