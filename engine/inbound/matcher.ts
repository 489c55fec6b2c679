// Finds the message (and recipient) a report is about: the VERP address it was sent to
// first, since its MAC proves it; then the returned headers, by the queue id in our
// Received field or in a Message-ID we generated. Feedback loops send to a fixed address,
// so for complaints the headers are usually all there is.
import type { HeaderField } from '../api/contract';
import type { QueueEntry } from '../api/contract';
import type { Store, StoredMessage } from '../store/index';
import { QUEUE_ID_PATTERN } from '../shared/ids';

/** Decodes the envelope sender the delivery side wrote (delivery/return-path.ts). */
export interface ReturnPathDecoder {
  decode(address: string): { messageId: string; recipientId: number } | null;
}

export interface ReportMatch {
  message: StoredMessage;
  recipients: QueueEntry[];
  /** The recipient the VERP address names, when it named one. */
  recipientId: number | null;
  via: 'verp' | 'received' | 'message-id';
}

// Our trace field: "by <host> (Relaydesk) with ESMTPSA id 01J8..." (ingest and API alike).
const OUR_RECEIVED = /\(Relaydesk\)\s+with\s+\S+\s+id\s+([0-9A-HJKMNP-TV-Z]{13})\b/i;
const OUR_MESSAGE_ID = /^<([0-9a-hjkmnp-tv-z]{13})@[^>]+>$/i;

export function matchReport(store: Store, decoder: ReturnPathDecoder | null, rcptTo: readonly string[], original: HeaderField[] | null): ReportMatch | null {
  for (const address of rcptTo) {
    const verp = decoder?.decode(address);
    if (verp) {
      const found = lookup(store, verp.messageId, verp.recipientId, 'verp');
      if (found) return found;
    }
  }
  for (const field of original ?? []) {
    const name = field.name.toLowerCase();
    const id = name === 'received' ? OUR_RECEIVED.exec(field.value)?.[1] : name === 'message-id' ? OUR_MESSAGE_ID.exec(field.value.trim())?.[1] : undefined;
    const found = id ? lookup(store, id.toUpperCase(), null, name === 'received' ? 'received' : 'message-id') : null;
    if (found) return found;
  }
  return null;
}

/** The recipient a report names: the VERP one, else by address, else the only one. */
export function recipientFor(match: ReportMatch, address: string | null): QueueEntry | null {
  if (match.recipientId !== null) return match.recipients.find((r) => r.recipientId === match.recipientId) ?? null;
  const wanted = address?.toLowerCase();
  if (wanted) return match.recipients.find((r) => r.address.toLowerCase() === wanted) ?? null;
  return match.recipients.length === 1 ? match.recipients[0]! : null;
}

function lookup(store: Store, messageId: string, recipientId: number | null, via: ReportMatch['via']): ReportMatch | null {
  if (!QUEUE_ID_PATTERN.test(messageId)) return null;
  const message = store.messages.get(messageId);
  if (!message) return null;
  return { message, recipients: store.recipients.byMessage(messageId), recipientId, via };
}
