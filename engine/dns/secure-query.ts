// DNS questions whose answer must say whether it was DNSSEC-validated (the AD bit), which
// Node's resolver cannot tell: TLSA for DANE and the MX set it hangs off. Asked with dns-packet
// over UDP (TCP when truncated) to the configured servers, with AD and DO set, since a
// validating resolver reports AD only to clients that signal they understand it (RFC 6840 §5.7).
import dgram from 'node:dgram';
import { getServers } from 'node:dns';
import net, { isIPv6 } from 'node:net';
import { randomInt } from 'node:crypto';
import {
  AUTHENTIC_DATA, DNSSEC_OK, RECURSION_DESIRED, TRUNCATED_RESPONSE, decode, encode, streamEncode,
  type Answer, type DecodedPacket, type Packet, type RecordType,
} from 'dns-packet';
import type { DnsOptions } from './mx';

export interface SecureAnswer {
  /** RFC 1035 §4.1.1 RCODE: 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN. */
  rcode: number;
  answers: Answer[];
  /** The resolver validated the answer (or the denial of existence) with DNSSEC. */
  isAuthentic: boolean;
}

// The EDNS buffer size of DNS Flag Day 2020; larger answers come over TCP.
const EDNS_UDP_SIZE = 1232;
// RFC 1035 §4.1.1: RCODE is the low four bits of the header flags.
const RCODE_MASK = 0x000f;

export class SecureDnsClient {
  constructor(private readonly options: DnsOptions) {}

  /** Asks each configured server in turn; rejects with the last failure when none answers. */
  async query(name: string, type: RecordType): Promise<SecureAnswer> {
    const servers = (this.options.servers.length ? this.options.servers : getServers()).map(parseServer);
    let lastError: unknown = new Error('No DNS server is configured.');
    for (const server of servers) {
      for (let attempt = 0; attempt < this.options.tries; attempt++) {
        try {
          const packet: Packet = {
            type: 'query', id: randomInt(65536), flags: RECURSION_DESIRED | AUTHENTIC_DATA,
            questions: [{ name, type }],
            additionals: [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_SIZE, extendedRcode: 0, ednsVersion: 0, flags: DNSSEC_OK, flag_do: true, options: [] }],
          };
          let response = await this.udp(server, packet);
          if ((response.flags ?? 0) & TRUNCATED_RESPONSE) response = await this.tcp(server, packet);
          return {
            rcode: (response.flags ?? 0) & RCODE_MASK,
            answers: (response.answers ?? []).filter((answer) => answer.type === type),
            isAuthentic: response.flag_ad,
          };
        } catch (error) {
          lastError = error;
        }
      }
    }
    throw lastError;
  }

  private udp(server: { host: string; port: number }, packet: Packet): Promise<DecodedPacket> {
    return new Promise((resolve, reject) => {
      const socket = dgram.createSocket(isIPv6(server.host) ? 'udp6' : 'udp4');
      const timer = setTimeout(() => finish(new Error(`DNS query to ${server.host} timed out`)), this.options.timeoutMs);
      const finish = (error: Error | null, response?: DecodedPacket) => {
        clearTimeout(timer);
        socket.close();
        if (error) reject(error);
        else resolve(response!);
      };
      socket.on('error', (error) => finish(error));
      socket.on('message', (message) => {
        let response: DecodedPacket;
        try {
          response = decode(message);
        } catch {
          return; // not DNS: wait for the real answer or the timeout
        }
        if (response.id === packet.id) finish(null, response);
      });
      socket.send(encode(packet), server.port, server.host);
    });
  }

  // RFC 1035 §4.2.2: over TCP each message is preceded by its two-byte length.
  private tcp(server: { host: string; port: number }, packet: Packet): Promise<DecodedPacket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: server.host, port: server.port });
      let buffered = Buffer.alloc(0);
      socket.setTimeout(this.options.timeoutMs, () => socket.destroy(new Error(`DNS query to ${server.host} over TCP timed out`)));
      socket.on('error', reject);
      socket.on('connect', () => socket.write(streamEncode(packet)));
      socket.on('data', (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        if (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
          socket.end();
          resolve(decode(buffered.subarray(2, 2 + buffered.readUInt16BE(0))));
        }
      });
    });
  }
}

/** `1.2.3.4`, `1.2.3.4:53`, `::1` or `[::1]:53`, as Node's `setServers` takes them. */
function parseServer(server: string): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(server);
  if (bracketed) return { host: bracketed[1]!, port: Number(bracketed[2] ?? 53) };
  if (isIPv6(server)) return { host: server, port: 53 };
  const [host, port] = server.split(':');
  return { host: host!, port: Number(port ?? 53) };
}
