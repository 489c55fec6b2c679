// Stored events to public webhook events: names, shapes and ids, and endpoint filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../engine/store/index';
import { EVENT_COLUMNS, EventContextLoader, rowToEvent, type EventRow, type StoredEvent } from '../../../engine/events/index';
import { toWebhookEvents } from '../../../engine/webhooks/event-map';
import { matches } from '../../../engine/webhooks/fan-out';
import type { WebhookEvent } from '../../../engine/api/contract';

const AT = Date.UTC(2026, 3, 1);
let store: Store;
let loader: EventContextLoader;
let recipientIds: number[];

beforeAll(() => {
  store = openStore({ path: ':memory:' });
  store.messages.insert({ id: 'Q1', receivedAt: AT, source: 'smtp', sessionId: null, credentialId: null, stream: 'bulk', mailFrom: 'news@shop.test',
    senderDomain: 'shop.test', headerFrom: null, subject: 'Sale', messageIdHeader: '<q1@shop.test>', raw: Buffer.from('x'), recipientCount: 2, route: 'direct' });
  store.recipients.insertForMessage('Q1', 'bulk', [
    { address: 'ann@dest.test', domain: 'dest.test', state: 'queued', reason: null, dsnNotify: null, dsnOrcpt: null },
    { address: 'gone@dest.test', domain: 'dest.test', state: 'suppressed', reason: 'Suppressed for every stream (hard-bounce).', dsnNotify: null, dsnOrcpt: null },
  ], AT, AT + 1);
  recipientIds = (store.db.prepare('SELECT id FROM recipients ORDER BY id').all() as Array<{ id: number }>).map((row) => row.id);
  loader = new EventContextLoader(store.db);
});
afterAll(() => store.close());

function published(type: string, data: Record<string, unknown>, messageId: string | null = 'Q1', recipientId: number | null = recipientIds[0]!): WebhookEvent[] {
  const id = store.events.append({ at: AT + 5, type, messageId, recipientId, data });
  const event: StoredEvent = rowToEvent(store.db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ?`).get(id) as EventRow);
  return toWebhookEvents(event, loader.load([event]));
}

const MESSAGE = { id: 'Q1', messageIdHeader: '<q1@shop.test>', stream: 'bulk', mailFrom: 'news@shop.test', senderDomain: 'shop.test', subject: 'Sale' };

describe('webhook events', () => {
  it('announce an acceptance once per message, and each recipient suppressed at intake on its own', () => {
    const [accepted, suppressed, ...rest] = published('message.accepted', {}, 'Q1', null);
    expect(rest).toEqual([]);
    expect(accepted).toEqual({ id: expect.stringMatching(/^evt_\d+$/), type: 'message.accepted', at: AT + 5, message: MESSAGE, recipient: null,
      data: { recipients: ['ann@dest.test', 'gone@dest.test'], size: 1, source: 'smtp', route: 'direct' } });
    expect(suppressed).toEqual({ id: `${accepted!.id}_${recipientIds[1]}`, type: 'recipient.suppressed', at: AT + 5, message: MESSAGE,
      recipient: 'gone@dest.test', data: { reason: 'Suppressed for every stream (hard-bounce).' } });
  });

  it('carry the attempt of a delivery outcome, and who bounced it', () => {
    expect(published('recipient.deferred', { attemptId: 1, route: 'direct', mxHost: 'mx.dest.test', reply: '451 4.7.1 later', category: 'policy', summary: 'Greylisted.' }))
      .toEqual([expect.objectContaining({ type: 'recipient.deferred', recipient: 'ann@dest.test',
        data: { mxHost: 'mx.dest.test', route: 'direct', reply: '451 4.7.1 later', category: 'policy', summary: 'Greylisted.', by: 'remote' } })]);
    expect(published('recipient.bounced', { by: 'operator', from: 'queued' })[0]).toMatchObject({ data: { by: 'operator', reply: null, mxHost: null } });
  });

  it('describe engagement, blocklists and domains in their published shapes', () => {
    const tracking = { address: 'ann@dest.test', userAgent: 'Mozilla/5.0', ip: '192.0.2.1', isAutomated: true, automatedReason: 'prefetch' };
    expect(published('recipient.opened', tracking)[0]).toMatchObject({ type: 'recipient.opened', data: { userAgent: 'Mozilla/5.0', ip: '192.0.2.1', isAutomated: true, automatedReason: 'prefetch' } });
    expect(published('recipient.clicked', { ...tracking, url: 'https://shop.test/' })[0]).toMatchObject({ data: { url: 'https://shop.test/' } });
    expect(published('recipient.unsubscribed', { via: 'one-click', senderDomain: 'shop.test' })[0]).toMatchObject({ data: { via: 'one-click', senderDomain: 'shop.test' } });
    expect(published('recipient.complained', { address: 'x@dest.test', feedbackType: 'abuse', reportedBy: null }, null, null)[0])
      .toMatchObject({ message: null, recipient: 'x@dest.test', data: { feedbackType: 'abuse', reportedBy: null } });
    expect(published('blocklist.listed', { target: '192.0.2.9', targetKind: 'ip', list: 'Spamhaus ZEN', source: 'dns', detail: null, delistUrl: null }, null, null)[0])
      .toMatchObject({ type: 'blocklist.listed', message: null, recipient: null, data: { target: '192.0.2.9', targetKind: 'ip', list: 'Spamhaus ZEN', source: 'dns' } });
    expect(published('domain.statusChanged', { domain: 'shop.test', from: 'verified', to: 'failing', detail: 'shop.test: verified -> failing' }, null, null)[0])
      .toMatchObject({ data: { domain: 'shop.test', from: 'verified', to: 'failing' } });
  });

  it('leave internal facts out', () => {
    for (const type of ['recipient.held', 'recipient.queued', 'recipient.deleted', 'message.dsn-queued', 'alert.raised']) expect(published(type, {})).toEqual([]);
  });
});

describe('endpoint filters', () => {
  it('pass what they name, and events about no message through stream and domain filters', () => {
    const [delivered] = published('recipient.delivered', {});
    const listing = published('blocklist.listed', { target: '192.0.2.9', list: 'x' }, null, null)[0]!;
    const domain = published('domain.statusChanged', { domain: 'other.test', to: 'verified' }, null, null)[0]!;
    const none = { eventTypes: [], streams: [], senderDomains: [] };
    expect(matches(none, delivered!)).toBe(true);
    expect(matches({ ...none, eventTypes: ['recipient.bounced'] }, delivered!)).toBe(false);
    expect(matches({ ...none, streams: ['transactional'] }, delivered!)).toBe(false);
    expect(matches({ ...none, streams: ['transactional'] }, listing)).toBe(true);
    expect(matches({ ...none, senderDomains: ['shop.test'] }, delivered!)).toBe(true);
    expect(matches({ ...none, senderDomains: ['shop.test'] }, listing)).toBe(true);
    expect(matches({ ...none, senderDomains: ['shop.test'] }, domain)).toBe(false);
  });
});
