// The headers a submission server adds: Received (RFC 5321 §4.4, RFC 3848 protocol
// names), and Message-ID and Date for messages that lack them (RFC 6409 §8).
import { describe, expect, it } from 'vitest';
import { dateHeader, messageIdHeader, receivedHeader, rfc5322Date, type TraceInfo } from '../../../engine/ingest/trace-headers';

const at = Date.UTC(2026, 10, 27, 18, 5, 9);
const base: TraceInfo = {
  queueId: '1M8F3XC390JCF', hostname: 'relay.test', helo: 'client.test', clientAddress: '192.0.2.7', isTls: false,
  isAuthenticated: false, tlsProtocol: null, tlsCipher: null, mailFrom: 'app@example.com', at,
};

describe('trace headers', () => {
  it('writes an RFC 5322 date in UTC', () => {
    expect(rfc5322Date(at)).toBe('Fri, 27 Nov 2026 18:05:09 +0000');
    expect(dateHeader(at)).toBe('Date: Fri, 27 Nov 2026 18:05:09 +0000\r\n');
  });

  it('names the protocol ESMTP, ESMTPS, ESMTPA or ESMTPSA and shows the TLS parameters', () => {
    expect(receivedHeader(base)).toBe('Received: from client.test ([192.0.2.7])\r\n\tby relay.test (Relaydesk) with ESMTP ' +
      'id 1M8F3XC390JCF\r\n\t(envelope-from <app@example.com>);\r\n\tFri, 27 Nov 2026 18:05:09 +0000\r\n');
    const secure = receivedHeader({ ...base, isTls: true, isAuthenticated: true, tlsProtocol: 'TLSv1.3', tlsCipher: 'TLS_AES_256_GCM_SHA384' });
    expect(secure).toContain('Received: from client.test ([192.0.2.7])\r\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384)\r\n' +
      '\tby relay.test (Relaydesk) with ESMTPSA id 1M8F3XC390JCF');
    expect(receivedHeader({ ...base, isAuthenticated: true })).toContain(' with ESMTPA id ');
    expect(receivedHeader({ ...base, isTls: true, tlsProtocol: 'TLSv1.2', tlsCipher: null })).toContain('(using TLSv1.2 with cipher unknown)');
  });

  it('says unknown for a client that never said HELO, and <> for the null sender', () => {
    const header = receivedHeader({ ...base, helo: null, mailFrom: '' });
    expect(header).toMatch(/^Received: from unknown \(\[192\.0\.2\.7\]\)/);
    expect(header).toContain('(envelope-from <>)');
  });

  it('every header line ends in CRLF and continuation lines start with a tab', () => {
    const header = receivedHeader({ ...base, isTls: true, tlsProtocol: 'TLSv1.3', tlsCipher: 'X' });
    expect(header.endsWith('\r\n')).toBe(true);
    expect(header.slice(0, -2).split('\r\n').slice(1).every((line) => line.startsWith('\t'))).toBe(true);
  });

  it('makes a Message-ID from the queue id and the host name', () => {
    expect(messageIdHeader('1M8F3XC390JCF', 'relay.test')).toBe('Message-ID: <1m8f3xc390jcf@relay.test>\r\n');
  });
});
