// Failures without an SMTP reply, with Node's own error codes and messages: DNS answers for
// the recipient domain, socket errors and TLS handshakes.
import { deferred, suppressed, type ReplyFixture } from './reply-fixture';

export const networkFixtures: readonly ReplyFixture[] = [
  {
    source: 'resolver (NXDOMAIN)',
    phase: 'dns',
    networkError: { code: 'ENOTFOUND', message: 'queryMx ENOTFOUND gmial.com' },
    expected: suppressed('dns-nxdomain', 'dns'),
  },
  {
    source: 'resolver (no MX, no A/AAAA)',
    phase: 'dns',
    networkError: { code: 'ENODATA', message: 'queryA ENODATA example.com' },
    expected: suppressed('dns-no-address', 'dns'),
  },
  {
    source: 'resolver (RFC 7505 null MX)',
    phase: 'dns',
    networkError: { code: 'ENULLMX', message: 'example.com publishes a null MX' },
    expected: suppressed('dns-null-mx', 'dns'),
  },
  {
    source: 'resolver (SERVFAIL)',
    phase: 'dns',
    networkError: { code: 'ESERVFAIL', message: 'queryMx ESERVFAIL example.com' },
    expected: deferred('dns-temporary', 'dns'),
  },
  {
    source: 'resolver (timeout)',
    phase: 'dns',
    networkError: { code: 'ETIMEOUT', message: 'queryMx ETIMEOUT example.com' },
    expected: deferred('dns-temporary', 'dns'),
  },
  {
    source: 'getaddrinfo (MX host name)',
    phase: 'connect',
    networkError: { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND mx1.example.com' },
    expected: deferred('mx-host-unresolvable', 'dns'),
  },
  {
    source: 'socket',
    phase: 'connect',
    networkError: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 192.0.2.10:25' },
    expected: deferred('connection-refused', 'network'),
  },
  {
    source: 'socket',
    phase: 'connect',
    networkError: { code: 'ETIMEDOUT', message: 'connect ETIMEDOUT 192.0.2.10:25' },
    expected: deferred('connection-timeout', 'network'),
  },
  {
    source: 'socket',
    phase: 'connect',
    networkError: { code: 'EHOSTUNREACH', message: 'connect EHOSTUNREACH 192.0.2.10:25' },
    expected: deferred('host-unreachable', 'network'),
  },
  {
    source: 'TLS',
    phase: 'starttls',
    networkError: { code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' },
    expected: deferred('tls-certificate', 'tls'),
  },
  {
    source: 'TLS',
    phase: 'starttls',
    networkError: {
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      message: "Hostname/IP does not match certificate's altnames: Host: mx.example.com. is not in the cert's altnames: DNS:*.example.net",
    },
    expected: deferred('tls-certificate', 'tls'),
  },
  {
    source: 'TLS',
    phase: 'starttls',
    networkError: {
      code: 'ERR_SSL_WRONG_VERSION_NUMBER',
      message: 'C0A77DF4E77F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:354:',
    },
    expected: deferred('tls-handshake', 'tls'),
  },
  {
    source: 'TLS',
    phase: 'starttls',
    networkError: { code: 'ECONNRESET', message: 'Client network socket disconnected before secure TLS connection was established' },
    expected: deferred('tls-dropped', 'tls'),
  },
  {
    source: 'Relaydesk DANE check (tls-policy.ts)',
    phase: 'starttls',
    networkError: { code: 'ETLSPOLICY', message: 'DANE: the certificate of mx1.example.com matches none of its 1 TLSA record(s)' },
    expected: deferred('tls-policy-refused', 'tls'),
  },
  {
    source: 'Relaydesk MTA-STS check (tls-policy.ts)',
    phase: 'connect',
    networkError: { code: 'EMTASTS', message: 'The MTA-STS policy of example.com (enforce) allows mx: *.mail.example.net; no MX host matches (mx1.example.com)' },
    expected: deferred('tls-policy-refused', 'tls'),
  },
  {
    source: 'socket',
    phase: 'data-end',
    networkError: { code: 'ECONNRESET', message: 'read ECONNRESET' },
    expected: deferred('connection-lost', 'network'),
  },
  {
    source: 'nodemailer SMTP client',
    phase: 'greeting',
    networkError: { code: 'EPROTOCOL', message: 'Invalid greeting. response=HTTP/1.1 400 Bad Request: HTTP/1.1 400 Bad Request' },
    expected: deferred('protocol-violation', 'protocol'),
  },
  {
    source: 'socket',
    phase: 'connect',
    networkError: { code: 'EACCES', message: 'connect EACCES 192.0.2.10:25' },
    expected: deferred('network-other', 'network'),
  },
  {
    source: 'caller with nothing to report',
    phase: 'data-end',
    expected: deferred('no-outcome', 'unknown'),
  },
];
