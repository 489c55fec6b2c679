// A relay wired for delivery tests: direct-to-MX routing, the local DNS server as its only
// resolver, MX hosts on loopback, trusted-network submission from 127.0.0.0/8; plus bounded
// waits on what the store says about a message.
import type { EngineConfigInput } from '../../engine/index';
import type { MessageDetail, QueueEntry, RecipientState } from '../../engine/api/contract';
import type { Clock } from '../../engine/shared/clock';
import type { DnsServer, ZoneRecord } from '../integration/peers/dns-server';
import { startTestRelay, type TestRelay } from './engine';
import { rawSession } from './raw-smtp';
import { eventually } from './wait';

export type DeliveryConfigInput = NonNullable<EngineConfigInput['delivery']>;

export interface DeliveryRelayOptions {
  dns: DnsServer;
  mxPort: number;
  delivery?: DeliveryConfigInput;
  config?: EngineConfigInput;
  clock?: Clock;
  dataDir?: string;
  /** Routing default; `direct` unless a test sets up smarthosts itself. */
  route?: string;
}

/** Recipient states no attempt will change any more. */
export const FINAL_STATES: readonly RecipientState[] = ['delivered', 'bounced', 'suppressed', 'expired'];

export async function startDeliveryRelay(options: DeliveryRelayOptions): Promise<TestRelay> {
  const { delivery = {} } = options;
  const relay = await startTestRelay({
    trustedNetworks: ['127.0.0.0/8'],
    ...options.config,
    delivery: {
      mxPort: options.mxPort,
      allowNonPublicDestinations: true,
      ...delivery,
      dns: { servers: options.dns.servers, timeoutMs: 1000, tries: 1, ...delivery.dns },
      // Short enough that a dead peer fails a test quickly, long enough for a loaded machine.
      timeouts: { connectMs: 5000, greetingMs: 10_000, socketMs: 10_000, ...delivery.timeouts },
    },
  }, { clock: options.clock, dataDir: options.dataDir });
  await relay.engine.client.call('routing.set', { defaultRoute: options.route ?? 'direct', byStream: {}, bySenderDomain: {}, split: null });
  return relay;
}

/** An MX record for `domain` and A records for its hosts, e.g. `mxRecords('dest.test', [[10, 'mx1.dest.test', '127.0.0.2']])`. */
export function mxRecords(domain: string, hosts: ReadonlyArray<readonly [number, string, string]>): ZoneRecord[] {
  return hosts.flatMap(([preference, exchange, address]) => [
    { name: domain, type: 'MX', data: { preference, exchange } } as const,
    { name: exchange, type: 'A', data: address } as const,
  ]);
}

export interface Outgoing {
  from?: string;
  to: string[];
  subject?: string;
  body?: string;
}

/** Submits messages over one trusted-network SMTP session; returns their queue ids in order. */
export async function sendMail(relay: TestRelay, messages: Outgoing | Outgoing[], localAddress = '127.0.0.1'): Promise<string[]> {
  const { client } = await rawSession(relay.port('submission'), { localAddress });
  try {
    const ids: string[] = [];
    for (const message of Array.isArray(messages) ? messages : [messages]) {
      const from = message.from ?? 'app@sender.test';
      const content = `From: ${from}\r\nTo: ${message.to.join(', ')}\r\nSubject: ${message.subject ?? 'Delivery test'}\r\n\r\n${message.body ?? 'Hello.'}\r\n`;
      const reply = await client.sendMail(from, message.to, content);
      const id = /^250 2\.0\.0 Ok: queued as (\S+)$/.exec(reply.last)?.[1];
      if (!id) throw new Error(`submission refused: ${reply.last}`);
      ids.push(id);
    }
    return ids;
  } finally {
    client.close();
  }
}

/** Submits messages over `connections` sessions side by side (so commits group); ids in input order. */
export async function sendMany(relay: TestRelay, messages: Outgoing[], connections = 8): Promise<string[]> {
  const shares = Array.from({ length: connections }, (_, worker) => messages.filter((_, i) => i % connections === worker));
  const ids = await Promise.all(shares.map((share) => (share.length ? sendMail(relay, share) : Promise.resolve([]))));
  return messages.map((_, i) => ids[i % connections]![Math.floor(i / connections)]!);
}

/** Polls message.get until `isMet` holds for its recipients; returns the message at that moment. */
export function waitForMessage(relay: TestRelay, id: string, isMet: (recipients: QueueEntry[], detail: MessageDetail) => boolean,
  what: string, timeoutMs = 15_000): Promise<MessageDetail> {
  return eventually(async () => {
    const detail = await relay.engine.client.call('message.get', { id });
    return isMet(detail.recipients, detail) ? detail : undefined;
  }, `${id}: ${what}`, timeoutMs);
}

/** Waits until every recipient of the message is in one of `states`. */
export function waitForStates(relay: TestRelay, id: string, states: readonly RecipientState[] = FINAL_STATES, timeoutMs?: number): Promise<MessageDetail> {
  return waitForMessage(relay, id, (recipients) => recipients.every((r) => states.includes(r.state)), `every recipient ${states.join('/')}`, timeoutMs);
}

/** Waits until the message has at least `count` attempts recorded. */
export function waitForAttempts(relay: TestRelay, id: string, count: number, timeoutMs?: number): Promise<MessageDetail> {
  return waitForMessage(relay, id, (_, detail) => detail.attempts.length >= count
    && detail.recipients.every((r) => r.state !== 'sending'), `${count} attempt(s) recorded`, timeoutMs);
}

/**
 * Makes the scheduler look for due work now. Its wake-ups are real timers (up to 30 s), while
 * due times follow the injected clock; after a test moves the clock, resuming something that
 * was never paused is the public way to wake it (every resume wakes delivery).
 */
export async function wakeDelivery(relay: TestRelay): Promise<void> {
  await relay.engine.client.call('delivery.resume', { kind: 'route', target: 'wake-up' });
}

/** The types of a message's own history: its acceptance and its recipients' transitions. */
export function transitionsOf(detail: MessageDetail): string[] {
  return detail.events.map((event) => event.type).filter((type) => type === 'message.accepted' || type.startsWith('recipient.'));
}

/** Waits for the delivery status notification queued about message `id`; returns its text, header fields unfolded. */
export async function notificationAbout(relay: TestRelay, id: string): Promise<string> {
  const detail = await waitForMessage(relay, id, (_, d) => d.events.some((e) => e.type === 'message.dsn-queued'), 'a delivery status notification');
  const dsnId = String(detail.events.find((e) => e.type === 'message.dsn-queued')!.data.dsnId);
  const raw = await relay.engine.client.call('message.raw', { id: dsnId });
  return Buffer.from(raw.base64, 'base64').toString('latin1').replace(/\r\n(?=[ \t])/g, '');
}
