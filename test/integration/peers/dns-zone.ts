// The data of the test DNS server: records, per-name failure rules, DNSSEC marks, and
// the answer to one question (RFC 1034 section 4.3.2, without delegations or wildcards).
import { isIPv4, isIPv6 } from 'node:net';
import type { Answer, MxAnswer, Question, RecordType, SoaAnswer, StringAnswer, TlsaAnswer, TxtAnswer } from 'dns-packet';

/**
 * A record in dns-packet's own shape. TXT data may be one string of any length (served
 * as 255-byte character-strings, as real zones split long DKIM keys) or explicit strings.
 */
export type ZoneRecord = StringAnswer | MxAnswer | TxtAnswer | TlsaAnswer | SoaAnswer;

export type FailureRcode = 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';

// RFC 1035 section 4.1.1 (and RFC 6895 section 2.3) RCODE values.
export const RCODES = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
export type Rcode = keyof typeof RCODES;

export interface ZoneAnswer {
  readonly rcode: Rcode;
  readonly answers: Answer[];
  readonly authorities: Answer[];
  /** True when every name the answer rests on is marked DNSSEC-validated. */
  readonly isAuthentic: boolean;
}

// RFC 1035 section 3.3: a character-string is one length octet and up to 255 octets.
const MAX_CHARACTER_STRING = 255;
// Resolvers give up on CNAME chains long before this; the limit only stops loops.
const MAX_CNAME_HOPS = 8;
const DEFAULT_TTL = 60;
// Served for negative answers when the zone has no SOA of its own (RFC 2308 section 3).
const FALLBACK_SOA: SoaAnswer = {
  name: '.',
  type: 'SOA',
  ttl: DEFAULT_TTL,
  data: { mname: 'ns.test', rname: 'hostmaster.test', serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: DEFAULT_TTL },
};

/** Names compare case-insensitively (RFC 4343) and without the root dot. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

export class Zone {
  private records: ZoneRecord[] = [];
  private readonly rcodes = new Map<string, FailureRcode>();
  private readonly delays = new Map<string, number>();
  private readonly authentic = new Map<string, boolean>();

  set(records: readonly ZoneRecord[]): void {
    this.records = [];
    this.add(...records);
  }

  add(...records: ZoneRecord[]): void {
    for (const record of records) {
      checkRecord(record);
      this.records.push({ ...record, name: normalizeName(record.name) });
    }
  }

  remove(name: string, type?: RecordType): void {
    const owner = normalizeName(name);
    this.records = this.records.filter((record) => record.name !== owner || (type !== undefined && record.type !== type));
  }

  setRcode(name: string, rcode: FailureRcode | null, type?: RecordType): void {
    setRule(this.rcodes, ruleKey(name, type), rcode);
  }

  setDelay(name: string, delayMs: number, type?: RecordType): void {
    setRule(this.delays, ruleKey(name, type), delayMs > 0 ? delayMs : null);
  }

  /** Marks a name and everything below it; the nearest mark wins, as with a signed zone and an insecure delegation under it. */
  setAuthenticData(name: string, isAuthentic: boolean): void {
    this.authentic.set(normalizeName(name), isAuthentic);
  }

  delayFor(question: Question): number {
    return ruleFor(this.delays, question) ?? 0;
  }

  answer(question: Question): ZoneAnswer {
    const forced = ruleFor(this.rcodes, question);
    if (forced) {
      const authorities = forced === 'NXDOMAIN' ? [this.soaFor(question.name)] : [];
      return { rcode: forced, answers: [], authorities, isAuthentic: false };
    }
    const answers: Answer[] = [];
    const chain = [normalizeName(question.name)];
    for (let hops = 0; hops <= MAX_CNAME_HOPS; hops++) {
      const name = chain[chain.length - 1] ?? '';
      const matches = this.recordsAt(name, question.type);
      if (matches.length > 0) {
        answers.push(...matches.map(toAnswer));
        return { rcode: 'NOERROR', answers, authorities: [], isAuthentic: this.isChainAuthentic(chain) };
      }
      const [cname] = question.type === 'CNAME' ? [] : this.recordsAt(name, 'CNAME');
      if (cname?.type !== 'CNAME') {
        // RFC 2308 section 2.2 (NODATA) vs 2.1 (NXDOMAIN), judged on the last name of a
        // CNAME chain (RFC 6604 section 2); a name with only names below it exists (RFC 8020).
        const exists = this.records.some((record) => record.name === name || record.name.endsWith(`.${name}`));
        const authorities = [this.soaFor(name)];
        return { rcode: exists ? 'NOERROR' : 'NXDOMAIN', answers, authorities, isAuthentic: this.isChainAuthentic(chain) };
      }
      answers.push(toAnswer(cname));
      chain.push(normalizeName(cname.data));
    }
    return { rcode: 'SERVFAIL', answers: [], authorities: [], isAuthentic: false };
  }

  private recordsAt(name: string, type: RecordType): ZoneRecord[] {
    return this.records.filter((record) => record.name === name && record.type === type);
  }

  private soaFor(name: string): Answer {
    for (const owner of ancestors(normalizeName(name))) {
      const [soa] = this.recordsAt(owner, 'SOA');
      if (soa) return toAnswer(soa);
    }
    return FALLBACK_SOA;
  }

  private isChainAuthentic(chain: readonly string[]): boolean {
    return chain.every((name) => ancestors(name).map((owner) => this.authentic.get(owner)).find((mark) => mark !== undefined) ?? false);
  }
}

/** The name itself, then each parent up to the root (''). */
function ancestors(name: string): string[] {
  const labels = name === '' ? [] : name.split('.');
  return labels.map((_, index) => labels.slice(index).join('.')).concat('');
}

function ruleKey(name: string, type: RecordType | undefined): string {
  return `${normalizeName(name)}|${type ?? '*'}`;
}

function ruleFor<V>(rules: Map<string, V>, question: Question): V | undefined {
  return rules.get(ruleKey(question.name, question.type)) ?? rules.get(ruleKey(question.name, undefined));
}

function setRule<V>(rules: Map<string, V>, key: string, value: V | null): void {
  if (value === null) rules.delete(key);
  else rules.set(key, value);
}

/** A fresh copy for every answer: dns-packet's TXT encoder overwrites the data array it is given. */
function toAnswer(record: ZoneRecord): Answer {
  const ttl = record.ttl ?? DEFAULT_TTL;
  if (record.type !== 'TXT') return { ...record, ttl };
  return { ...record, ttl, data: characterStrings(record.data) };
}

function characterStrings(data: TxtAnswer['data']): Buffer[] {
  if (Array.isArray(data)) return data.map((part) => Buffer.from(part));
  const bytes = Buffer.from(data);
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += MAX_CHARACTER_STRING) {
    chunks.push(bytes.subarray(offset, offset + MAX_CHARACTER_STRING));
  }
  return chunks.length > 0 ? chunks : [Buffer.alloc(0)];
}

/** Fails at set-up on what dns-packet would encode silently wrong or a resolver would choke on. */
function checkRecord(record: ZoneRecord): void {
  if (record.type === 'A' && !isIPv4(record.data)) throw new Error(`A record ${record.name}: not an IPv4 address: ${record.data}`);
  if (record.type === 'AAAA' && !isIPv6(record.data)) throw new Error(`AAAA record ${record.name}: not an IPv6 address: ${record.data}`);
  if (record.type === 'TXT' && Array.isArray(record.data)) {
    const tooLong = record.data.find((part) => Buffer.byteLength(part) > MAX_CHARACTER_STRING);
    if (tooLong !== undefined) throw new Error(`TXT record ${record.name}: a character-string is at most 255 bytes`);
  }
}
