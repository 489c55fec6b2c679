// CIDR network lists (IPv4 and IPv6) for trusted networks and credential scopes.
import { BlockList, isIP } from 'node:net';

export interface ParsedCidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** Parses `10.0.0.0/8`, `2001:db8::/32` or a bare address (a /32 or /128); null if invalid. */
export function parseCidr(text: string): ParsedCidr | null {
  const [address = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!/^\d+$/.test(prefixText ?? String(max)) || prefix < 0 || prefix > max) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

// An IPv4 client on a dual-stack socket shows up as ::ffff:a.b.c.d.
function unmapIPv4(address: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match ? match[1]! : address;
}

/** Answers remembered per address; BlockList.check builds a SocketAddress on every call. */
const MAX_REMEMBERED = 4096;

export class NetworkList {
  private readonly list = new BlockList();
  private readonly answers = new Map<string, boolean>();
  readonly isEmpty: boolean;

  /** Throws on an invalid entry; validate with parseCidr first for a friendly message. */
  constructor(readonly cidrs: readonly string[]) {
    for (const cidr of cidrs) {
      const parsed = parseCidr(cidr);
      if (!parsed) throw new Error(`Invalid network "${cidr}": expected an address or CIDR such as 10.0.0.0/8`);
      this.list.addSubnet(parsed.address, parsed.prefix, parsed.family);
    }
    this.isEmpty = cidrs.length === 0;
  }

  contains(address: string): boolean {
    let answer = this.answers.get(address);
    if (answer === undefined) {
      if (this.answers.size >= MAX_REMEMBERED) this.answers.clear();
      answer = this.check(address);
      this.answers.set(address, answer);
    }
    return answer;
  }

  private check(address: string): boolean {
    const plain = unmapIPv4(address);
    const version = isIP(plain);
    if (version === 0) return false;
    return this.list.check(plain, version === 4 ? 'ipv4' : 'ipv6');
  }
}
