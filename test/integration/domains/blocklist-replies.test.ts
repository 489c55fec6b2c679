// Delivery replies that name a blocklist feed the blocklist view: the receiver's reply is the
// listing's detail, and repeated replies raise the alert once.
import { describe, expect, it } from 'vitest';
import type { AlertRaised } from '../../../engine/events/bus';
import { deliveryTestbed, type DeliveryTestbed } from '../../support/delivery-testbed';
import { mxRecords, sendMail, waitForAttempts } from '../../support/delivery-relay';
import { eventually } from '../../support/wait';

const SPAMHAUS_REPLY = '554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.1';
const alerts: AlertRaised[] = [];

const bed: DeliveryTestbed = deliveryTestbed({
  mx: [{ host: '127.0.0.2', name: 'mx.dest.test', rcpt: SPAMHAUS_REPLY }],
  zone: mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
  relay: { config: { blocklists: { enabled: false } } },
  prepare: async (testbed) => {
    testbed.relay.engine.bus.on('alert.raised', (alert) => alerts.push(alert));
  },
});

describe('blocklists named in delivery replies', () => {
  it('list the relay on the named list once, with the reply and the delisting page', async () => {
    const [first] = await sendMail(bed.relay, { to: ['one@dest.test'] });
    await waitForAttempts(bed.relay, first!, 1);
    const [second] = await sendMail(bed.relay, { to: ['two@dest.test'] });
    await waitForAttempts(bed.relay, second!, 1);
    // Listings are filed in their own commits, after the attempts'.
    const entries = await eventually(async () => {
      const status = await bed.relay.engine.client.call('blocklists.status', {});
      return status.entries.length ? status.entries : undefined;
    }, 'the listing filed');
    expect(entries).toEqual([expect.objectContaining({
      target: 'this relay', list: 'Spamhaus', state: 'listed', source: 'reply', delistUrl: 'https://check.spamhaus.org/',
      detail: `mx.dest.test replied: ${SPAMHAUS_REPLY}`,
    })]);
    expect(alerts.filter((alert) => alert.kind === 'blocklist').map((alert) => alert.message)).toEqual([
      `this relay is listed on Spamhaus: mx.dest.test replied: ${SPAMHAUS_REPLY}. Delisting: https://check.spamhaus.org/`,
    ]);
  });
});
