// The test DNS server at the packet level, with a dns-packet client: TLSA, the AD flag
// for DANE, EDNS, truncation to TCP, and the rcodes Node's resolver cannot show.
import { createHash } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import {
  AUTHENTIC_DATA,
  decode,
  DNSSEC_OK,
  encode,
  RECURSION_DESIRED,
  type Answer,
  type DecodedPacket,
  type Packet,
  type Question,
} from 'dns-packet';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDnsServer, type DnsServer } from './dns-server';
import { RCODES } from './dns-zone';

const WAIT_MS = 2000;
const TLSA_DIGEST = createHash('sha256').update('the MX public key').digest();

let dns: DnsServer;

beforeEach(async () => {
  dns = await startDnsServer([
    { name: 'example.test', type: 'MX', data: { preference: 10, exchange: 'mx1.example.test' } },
    { name: 'mx1.example.test', type: 'A', data: '127.0.0.2' },
    { name: '_25._tcp.mx1.example.test', type: 'TLSA', data: { usage: 3, selector: 1, matchingType: 1, certificate: TLSA_DIGEST } },
    { name: 'www.example.test', type: 'CNAME', data: 'host.unsigned.test' },
    { name: 'host.unsigned.test', type: 'A', data: '127.0.0.5' },
    { name: 'long.example.test', type: 'TXT', data: 'z'.repeat(600) },
  ]);
});

afterEach(async () => {
  await dns.close();
});

interface QueryOptions {
  readonly flags?: number;
  /** Adds an EDNS OPT record (RFC 6891), with or without the DO bit. */
  readonly edns?: { readonly isDnssecOk: boolean };
  readonly opcode?: number;
}

function query(questions: Question[], options: QueryOptions = {}): Packet {
  const { edns } = options;
  const flags = edns?.isDnssecOk ? DNSSEC_OK : 0;
  const opt: Answer[] = edns
    ? [{ name: '.', type: 'OPT', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags, flag_do: edns.isDnssecOk, options: [] }]
    : [];
  return {
    type: 'query',
    id: 4242,
    flags: RECURSION_DESIRED | (options.flags ?? 0) | ((options.opcode ?? 0) << 11),
    questions,
    additionals: opt,
  };
}

/** Sends the packets in one write (RFC 7766 section 6.2.1.1 pipelining) and reads as many responses. */
function overTcp(...packets: Packet[]): Promise<DecodedPacket[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(dns.port, dns.host);
    const responses: DecodedPacket[] = [];
    let buffered = Buffer.alloc(0);
    socket.setTimeout(WAIT_MS, () => socket.destroy(new Error('no DNS response over TCP')));
    socket.on('error', reject);
    socket.on('connect', () => {
      socket.write(Buffer.concat(packets.map((packet) => {
        const body = encode(packet);
        const length = Buffer.alloc(2);
        length.writeUInt16BE(body.length);
        return Buffer.concat([length, body]);
      })));
    });
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const length = buffered.readUInt16BE(0);
        responses.push(decode(buffered.subarray(2, 2 + length)));
        buffered = buffered.subarray(2 + length);
      }
      if (responses.length === packets.length) {
        socket.end();
        resolve(responses);
      }
    });
  });
}

function overUdp(packet: Packet): Promise<DecodedPacket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('no DNS response over UDP'));
    }, WAIT_MS);
    socket.on('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(decode(message));
    });
    socket.send(encode(packet), dns.port, dns.host);
  });
}

function rcodeOf(packet: DecodedPacket): number {
  return (packet.flags ?? 0) & 0xf;
}

async function askOne(question: Question, options: QueryOptions = {}): Promise<DecodedPacket> {
  const [response] = await overTcp(query([question], options));
  if (!response) throw new Error('no response');
  return response;
}

describe('TLSA and the AD flag', () => {
  it('serves TLSA records over TCP', async () => {
    const response = await askOne({ name: '_25._tcp.mx1.example.test', type: 'TLSA' });
    expect(response.answers).toMatchObject([
      { name: '_25._tcp.mx1.example.test', type: 'TLSA', data: { usage: 3, selector: 1, matchingType: 1, certificate: TLSA_DIGEST } },
    ]);
    expect(response.flag_aa).toBe(true);
  });

  it('sets AD for a name under a zone marked validated, when the client asks with AD', async () => {
    dns.setAuthenticData('example.test', true);
    const tlsa = { name: '_25._tcp.mx1.example.test', type: 'TLSA' } as const;
    expect((await askOne(tlsa, { flags: AUTHENTIC_DATA })).flag_ad).toBe(true);
    expect((await askOne(tlsa)).flag_ad).toBe(false);
  });

  it('sets AD when the client asks with the EDNS DO bit, and echoes DO', async () => {
    dns.setAuthenticData('example.test', true);
    const response = await askOne({ name: 'mx1.example.test', type: 'A' }, { edns: { isDnssecOk: true } });
    expect(response.flag_ad).toBe(true);
    expect(response.additionals).toMatchObject([{ type: 'OPT', flag_do: true }]);
  });

  it('lets the nearest mark win and withholds AD when any name of a CNAME chain is unvalidated', async () => {
    dns.setAuthenticData('example.test', true);
    dns.setAuthenticData('mx1.example.test', false);
    expect((await askOne({ name: 'mx1.example.test', type: 'A' }, { flags: AUTHENTIC_DATA })).flag_ad).toBe(false);
    expect((await askOne({ name: 'www.example.test', type: 'A' }, { flags: AUTHENTIC_DATA })).flag_ad).toBe(false);
  });

  it('authenticates denial of existence in a validated zone', async () => {
    dns.setAuthenticData('example.test', true);
    const response = await askOne({ name: '_25._tcp.mx9.example.test', type: 'TLSA' }, { flags: AUTHENTIC_DATA });
    expect(rcodeOf(response)).toBe(RCODES.NXDOMAIN);
    expect(response.flag_ad).toBe(true);
    expect(response.authorities).toMatchObject([{ type: 'SOA' }]);
  });
});

describe('transport', () => {
  const long = { name: 'long.example.test', type: 'TXT' } as const;

  it('truncates a UDP answer over 512 bytes to a client without EDNS', async () => {
    const response = await overUdp(query([long]));
    expect(response.flag_tc).toBe(true);
    expect(response.answers).toEqual([]);
  });

  it('sends the same answer whole over UDP with EDNS, and over TCP', async () => {
    const withEdns = await overUdp(query([long], { edns: { isDnssecOk: false } }));
    expect(withEdns.flag_tc).toBe(false);
    expect(withEdns.answers).toHaveLength(1);
    expect((await askOne(long)).answers).toHaveLength(1);
  });

  it('answers several queries pipelined on one TCP connection', async () => {
    const responses = await overTcp(query([{ name: 'example.test', type: 'MX' }]), query([{ name: 'mx1.example.test', type: 'A' }]));
    expect(responses.map((response) => response.answers?.[0]?.type)).toEqual(['MX', 'A']);
    expect(dns.queries.map((entry) => entry.transport)).toEqual(['tcp', 'tcp']);
  });

  it('answers FORMERR to several questions in one query and NOTIMP to other opcodes', async () => {
    const twoQuestions = query([{ name: 'example.test', type: 'MX' }, { name: 'example.test', type: 'A' }]);
    const [formErr] = await overTcp(twoQuestions);
    expect(formErr && rcodeOf(formErr)).toBe(RCODES.FORMERR);
    const notify = await askOne({ name: 'example.test', type: 'SOA' }, { opcode: 4 });
    expect(rcodeOf(notify)).toBe(RCODES.NOTIMP);
  });
});
