// An in-process DNS server for integration tests: one zone per test, served over UDP and
// TCP on the same loopback port, with scriptable failures, delays and the AD flag.
import dgram from 'node:dgram';
import { EventEmitter } from 'node:events';
import net, { isIPv6 } from 'node:net';
import {
  AUTHENTIC_DATA,
  AUTHORITATIVE_ANSWER,
  CHECKING_DISABLED,
  decode,
  DNSSEC_OK,
  encode,
  RECURSION_AVAILABLE,
  RECURSION_DESIRED,
  TRUNCATED_RESPONSE,
  type Answer,
  type DecodedPacket,
  type OptAnswer,
  type Packet,
  type RecordType,
} from 'dns-packet';
import { RCODES, Zone, normalizeName, type FailureRcode, type Rcode, type ZoneRecord } from './dns-zone';
import { CHANGED, waitUntil } from './wait-until';

export type { FailureRcode, ZoneRecord } from './dns-zone';

export interface QueryRecord {
  /** Lower-cased, without the root dot. */
  readonly name: string;
  readonly type: RecordType;
  readonly transport: 'udp' | 'tcp';
  readonly at: number;
}

export interface DnsServer {
  readonly host: string;
  readonly port: number;
  /** For `Resolver.setServers()`: `['127.0.0.1:PORT']` or `['[::1]:PORT']`. */
  readonly servers: string[];
  readonly queries: readonly QueryRecord[];
  /** Replaces every record. */
  set(records: readonly ZoneRecord[]): void;
  add(...records: ZoneRecord[]): void;
  /** Removes the records of `name`, only those of `type` when given. */
  remove(name: string, type?: RecordType): void;
  /** Answers `name` (only `type` when given) with this rcode whatever the records say; `null` undoes it. */
  setRcode(name: string, rcode: FailureRcode | null, type?: RecordType): void;
  /** DNSSEC outcome for `name` and the names below it: sets AD on answers to clients that ask (RFC 6840 section 5.7). */
  setAuthenticData(name: string, isAuthentic: boolean): void;
  /** Holds answers for `name` back by `delayMs`; `Infinity` never answers (client timeouts), 0 undoes it. */
  delay(name: string, delayMs: number, type?: RecordType): void;
  /** Resolves with the first logged query that matches, waiting for it if need be. */
  waitForQuery(matches: (query: QueryRecord) => boolean, timeoutMs?: number): Promise<QueryRecord>;
  close(): Promise<void>;
}

export interface DnsServerOptions {
  readonly host?: '127.0.0.1' | '::1';
  /** Clock for the query log. */
  readonly now?: () => number;
}

// RFC 1035 section 4.2.1: a UDP message without EDNS carries at most 512 bytes.
const CLASSIC_UDP_LIMIT = 512;
// The EDNS buffer size DNS Flag Day 2020 settled on; larger answers go over TCP.
const EDNS_UDP_LIMIT = 1232;
// RFC 1035 section 4.1.1: OPCODE is the four bits after QR in the header flags.
const OPCODE_MASK = 0x7800;
const BIND_ATTEMPTS = 10;
const DEFAULT_WAIT_MS = 10_000;

export async function startDnsServer(zone: readonly ZoneRecord[] = [], options: DnsServerOptions = {}): Promise<DnsServer> {
  const host = options.host ?? '127.0.0.1';
  const { udp, tcp, port } = await bindSamePort(host);
  return new LoopbackDnsServer(host, port, udp, tcp, zone, options.now ?? Date.now);
}

class LoopbackDnsServer implements DnsServer {
  readonly queries: QueryRecord[] = [];
  readonly servers: string[];
  private readonly zone = new Zone();
  private readonly events = new EventEmitter();
  private readonly pending = new Set<NodeJS.Timeout>();
  private readonly clients = new Set<net.Socket>();

  constructor(
    readonly host: string,
    readonly port: number,
    private readonly udp: dgram.Socket,
    private readonly tcp: net.Server,
    records: readonly ZoneRecord[],
    private readonly now: () => number,
  ) {
    this.servers = [isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`];
    this.zone.set(records);
    udp.on('message', (message, peer) => this.handle(message, 'udp', (response) => udp.send(response, peer.port, peer.address)));
    tcp.on('connection', (socket) => this.serveTcp(socket));
  }

  set(records: readonly ZoneRecord[]): void {
    this.zone.set(records);
  }

  add(...records: ZoneRecord[]): void {
    this.zone.add(...records);
  }

  remove(name: string, type?: RecordType): void {
    this.zone.remove(name, type);
  }

  setRcode(name: string, rcode: FailureRcode | null, type?: RecordType): void {
    this.zone.setRcode(name, rcode, type);
  }

  setAuthenticData(name: string, isAuthentic: boolean): void {
    this.zone.setAuthenticData(name, isAuthentic);
  }

  delay(name: string, delayMs: number, type?: RecordType): void {
    this.zone.setDelay(name, delayMs, type);
  }

  async waitForQuery(matches: (query: QueryRecord) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<QueryRecord> {
    const found = (): QueryRecord | undefined => this.queries.find(matches);
    const seen = (): string => this.queries.map((query) => `${query.type} ${query.name}`).join(', ');
    const describe = (): string => `DNS server ${this.servers[0]} saw no query matching ${matches.toString()}; saw: ${seen()}`;
    await waitUntil(this.events, () => found() !== undefined, timeoutMs, describe);
    return found() as QueryRecord;
  }

  async close(): Promise<void> {
    for (const timer of this.pending) clearTimeout(timer);
    for (const socket of this.clients) socket.destroy();
    await Promise.all([
      new Promise<void>((resolve) => this.udp.close(() => resolve())),
      new Promise<void>((resolve) => this.tcp.close(() => resolve())),
    ]);
  }

  /** RFC 1035 section 4.2.2: over TCP every message is preceded by its two-byte length, and a client may send several. */
  private serveTcp(socket: net.Socket): void {
    this.clients.add(socket);
    socket.on('close', () => this.clients.delete(socket));
    // A client that resets its connection (resolvers do after their answer) is not a server error.
    socket.on('error', () => socket.destroy());
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const message = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
        buffered = buffered.subarray(2 + message.length);
        this.handle(message, 'tcp', (response) => {
          const length = Buffer.alloc(2);
          length.writeUInt16BE(response.length);
          socket.write(Buffer.concat([length, response]));
        });
      }
    });
  }

  private handle(message: Buffer, transport: 'udp' | 'tcp', send: (response: Buffer) => void): void {
    let query: DecodedPacket;
    try {
      query = decode(message);
    } catch {
      return; // not DNS: a real server drops it too
    }
    const [question] = query.questions ?? [];
    if (query.type !== 'query' || question === undefined) return;
    this.queries.push({ name: normalizeName(question.name), type: question.type, transport, at: this.now() });
    this.events.emit(CHANGED);
    const delayMs = this.zone.delayFor(question);
    if (delayMs === Infinity) return;
    const response = this.respond(query, transport);
    if (delayMs === 0) return send(response);
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      send(response);
    }, delayMs);
    this.pending.add(timer);
  }

  private respond(query: DecodedPacket, transport: 'udp' | 'tcp'): Buffer {
    const questions = query.questions ?? [];
    const [question] = questions;
    const opt = query.additionals?.find((record): record is OptAnswer => record.type === 'OPT');
    // RFC 6891 section 7: answer EDNS with EDNS, echoing DO (RFC 3225 section 3).
    const additionals: Answer[] = opt ? [optRecord(opt.flags & DNSSEC_OK)] : [];
    const opcode = (query.flags ?? 0) & OPCODE_MASK;
    const copied = (query.flags ?? 0) & (RECURSION_DESIRED | CHECKING_DISABLED);
    const base = AUTHORITATIVE_ANSWER | RECURSION_AVAILABLE | opcode | copied;
    const reply = (rcode: Rcode, answers: Answer[], authorities: Answer[], extra = 0): Packet => ({
      type: 'response', id: query.id, flags: base | extra | RCODES[rcode], questions, answers, authorities, additionals,
    });
    if (questions.length !== 1 || question === undefined) return encode(reply('FORMERR', [], []));
    if (opcode !== 0) return encode(reply('NOTIMP', [], []));
    const result = this.zone.answer(question);
    // RFC 6840 section 5.7: AD only for clients that signal they understand it, with AD or DO.
    const wantsAd = ((query.flags ?? 0) & AUTHENTIC_DATA) !== 0 || (opt !== undefined && (opt.flags & DNSSEC_OK) !== 0);
    const ad = wantsAd && result.isAuthentic ? AUTHENTIC_DATA : 0;
    const full = encode(reply(result.rcode, result.answers, result.authorities, ad));
    const udpLimit = opt ? Math.min(Math.max(opt.udpPayloadSize, CLASSIC_UDP_LIMIT), EDNS_UDP_LIMIT) : CLASSIC_UDP_LIMIT;
    if (transport === 'tcp' || full.length <= udpLimit) return full;
    // RFC 2181 section 9 / RFC 7766 section 5: too big for UDP, so TC with no records; the client retries over TCP.
    return encode(reply(result.rcode, [], [], ad | TRUNCATED_RESPONSE));
  }
}

function optRecord(flags: number): OptAnswer {
  return {
    name: '.', type: 'OPT', udpPayloadSize: EDNS_UDP_LIMIT, extendedRcode: 0, ednsVersion: 0, flags, flag_do: flags !== 0, options: [],
  };
}

/** Binds UDP on an OS-chosen port, then TCP on the same one, trying again if TCP finds it taken. */
async function bindSamePort(host: string): Promise<{ udp: dgram.Socket; tcp: net.Server; port: number }> {
  for (let attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
    const udp = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, host, () => {
        udp.off('error', reject);
        resolve();
      });
    });
    const { port } = udp.address();
    const tcp = net.createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(port, host, () => {
          tcp.off('error', reject);
          resolve();
        });
      });
      return { udp, tcp, port };
    } catch (err) {
      udp.close();
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
  throw new Error(`no port on ${host} was free for both UDP and TCP after ${BIND_ATTEMPTS} attempts`);
}
