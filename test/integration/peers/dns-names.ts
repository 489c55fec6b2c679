// Owner names derived from IP addresses, for PTR records and DNSBL zones, so tests
// do not hand-reverse addresses.
import { isIPv4, isIPv6 } from 'node:net';
import type { ZoneRecord } from './dns-zone';

/** Octets reversed for IPv4, nibbles reversed for IPv6 (RFC 1035 section 3.5, RFC 3596 section 2.5). */
export function reversedAddress(ip: string): string {
  if (isIPv4(ip)) return ip.split('.').reverse().join('.');
  if (!isIPv6(ip) || ip.includes('.')) throw new Error(`not a plain IPv4 or IPv6 address: ${ip}`);
  const [head = '', tail] = ip.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  const nibbles = [...headGroups, ...zeros, ...tailGroups].flatMap((group) => [...group.toLowerCase().padStart(4, '0')]);
  return nibbles.reverse().join('.');
}

/** The owner name of the PTR record for `ip`. */
export function ptrName(ip: string): string {
  return `${reversedAddress(ip)}.${isIPv4(ip) ? 'in-addr.arpa' : 'ip6.arpa'}`;
}

/**
 * Records that list `ip` on the DNSBL `zone` (RFC 5782 section 2): an A record with the
 * return code (127.0.0.2 by default) and, when given, the TXT reason.
 */
export function dnsblListing(zone: string, ip: string, listing: { code?: string; reason?: string } = {}): ZoneRecord[] {
  const name = `${reversedAddress(ip)}.${zone}`;
  const records: ZoneRecord[] = [{ name, type: 'A', data: listing.code ?? '127.0.0.2' }];
  if (listing.reason !== undefined) records.push({ name, type: 'TXT', data: listing.reason });
  return records;
}
