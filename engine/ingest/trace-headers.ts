// Headers a submission server adds: the Received trace line (RFC 5321 §4.4) and a
// Message-ID and Date when the client left them out (RFC 6409 §8.2, §8.3).

export interface TraceInfo {
  queueId: string;
  hostname: string;
  helo: string | null;
  clientAddress: string;
  isTls: boolean;
  isAuthenticated: boolean;
  tlsProtocol: string | null;
  tlsCipher: string | null;
  mailFrom: string;
  at: number;
}

/** RFC 5322 §3.3 date-time in UTC, e.g. `Fri, 27 Nov 2026 18:00:00 +0000`. */
export function rfc5322Date(at: number): string {
  return new Date(at).toUTCString().replace('GMT', '+0000');
}

/** RFC 3848 protocol names: ESMTP plus S for TLS and A for AUTH. */
function protocolName(info: TraceInfo): string {
  return `ESMTP${info.isTls ? 'S' : ''}${info.isAuthenticated ? 'A' : ''}`;
}

export function receivedHeader(info: TraceInfo): string {
  const from = `${info.helo ?? 'unknown'} ([${info.clientAddress}])`;
  const tls = info.isTls && info.tlsProtocol ? `\r\n\t(using ${info.tlsProtocol} with cipher ${info.tlsCipher ?? 'unknown'})` : '';
  return (
    `Received: from ${from}${tls}\r\n\tby ${info.hostname} (Relaydesk) with ${protocolName(info)} id ${info.queueId}` +
    `\r\n\t(envelope-from <${info.mailFrom}>);\r\n\t${rfc5322Date(info.at)}\r\n`
  );
}

export function messageIdHeader(queueId: string, hostname: string): string {
  return `Message-ID: <${queueId.toLowerCase()}@${hostname}>\r\n`;
}

export function dateHeader(at: number): string {
  return `Date: ${rfc5322Date(at)}\r\n`;
}
