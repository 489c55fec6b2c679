// A receiver that refuses at its greeting because of a blocklist is refusing the address the
// connection came from: the attempt records that source address, and the listing is filed
// under it (so a pause or reroute of that address can follow), not under "this relay".
import { describe, expect, it } from 'vitest';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { mxRecords, sendMail, waitForAttempts } from '../../support/delivery-relay';
import { eventually } from '../../support/wait';

const SOURCE = '127.0.0.9';
const GREETING = `554 mx.dest.test Service unavailable; Client host [${SOURCE}] blocked using zen.spamhaus.org`;

const bed = deliveryTestbed({
  mx: [{ host: '127.0.0.2', name: 'mx.dest.test', greeting: GREETING }],
  zone: mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
  relay: { delivery: { sourceAddresses: { transactional: SOURCE, bulk: SOURCE } }, config: { blocklists: { enabled: false } } },
});

describe('a blocklist named in a greeting', () => {
  it('is filed under the source address the refused connection came from', async () => {
    const [id] = await sendMail(bed.relay, { to: ['one@dest.test'] });
    const { attempts } = await waitForAttempts(bed.relay, id!, 1);
    expect(attempts[0]).toMatchObject({ phase: 'greeting', localAddress: SOURCE, mxAddress: '127.0.0.2' });
    // The listing is filed in its own commit, after the attempt's.
    const entries = await eventually(async () => {
      const status = await bed.relay.engine.client.call('blocklists.status', {});
      return status.entries.length ? status.entries : undefined;
    }, 'the listing filed');
    expect(entries).toEqual([expect.objectContaining({ target: SOURCE, list: 'Spamhaus', state: 'listed', source: 'reply' })]);
  });
});
