// Addresses a relay must not deliver to unless told so: loopback, private and link-local
// ranges. Delivering there can loop mail back into the relay itself (Haraka's local_mx_ok).
import { NetworkList } from '../shared/networks';

const NON_PUBLIC = new NetworkList([
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
  '192.168.0.0/16', '::1/128', '::/128', 'fc00::/7', 'fe80::/10',
]);

export function isNonPublicAddress(address: string): boolean {
  return NON_PUBLIC.contains(address);
}
