// One mailbox from a request: "Name <user@example.com>", "user@example.com" or {email, name}.
import addressparser from 'nodemailer/lib/addressparser';
import { domainOf, isValidDomain } from '../../shared/domains';

export interface Mailbox {
  address: string;
  name: string;
}

// RFC 5321 §4.5.3.1: a local part of at most 64 octets, a path of at most 256.
const LOCAL_PART = /^[^\s@<>()[\]\\,;:"]{1,64}$/;

export function parseAddress(value: string | { email: string; name?: string }): Mailbox | null {
  const parsed = typeof value === 'string' ? addressparser(value, { flatten: true }) : [{ address: value.email.trim(), name: value.name ?? '' }];
  if (parsed.length !== 1) return null;
  const { address, name } = parsed[0]!;
  const at = address.lastIndexOf('@');
  if (at < 1 || !LOCAL_PART.test(address.slice(0, at)) || !isValidDomain(domainOf(address)) || address.length > 254) return null;
  if (/[\r\n]/.test(name)) return null;
  return { address, name };
}

export function formatMailbox(mailbox: Mailbox): { address: string; name: string } | string {
  return mailbox.name ? { address: mailbox.address, name: mailbox.name } : mailbox.address;
}
