// Loads a message for delivery and signs it once: jobs of one message to several domains
// share the signed copy while they are in flight.
import type { Store } from '../store/index';
import type { DkimKeyring } from './dkim';

const CAPACITY = 256;

export class SignedMessageCache {
  private readonly entries = new Map<string, Promise<Buffer | null>>();

  constructor(private readonly store: Store, private readonly dkim: DkimKeyring) {}

  load(messageId: string): Promise<Buffer | null> {
    let entry = this.entries.get(messageId);
    if (entry) {
      this.entries.delete(messageId); // refresh its position: the map iterates oldest first
    } else {
      entry = this.read(messageId);
    }
    this.entries.set(messageId, entry);
    while (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  private async read(messageId: string): Promise<Buffer | null> {
    const raw = this.store.messages.raw(messageId);
    if (!raw) return null;
    return (await this.dkim.sign(raw)).message;
  }
}
