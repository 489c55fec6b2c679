// Reading what comes back to the bounce domain, from real-world shaped samples: the
// per-recipient fields of DSNs (RFC 3464) from Gmail, Outlook, Postfix and Exim, the fields
// of ARF complaints (RFC 5965) from Yahoo, Microsoft and AOL, and the original's headers.
import { describe, expect, it } from 'vitest';
import { headerValue } from '../../../engine/message/index';
import { readReport } from '../../../engine/inbound/index';
import { reportFixture } from '../../support/report-fixture';

const values = { RCPT: 'gone@dest.test', QUEUE_ID: '01KAB2CDEFGHJ', MESSAGE_ID: '<01kab2cdefghj@relay.test>' };

describe('delivery status notifications', () => {
  it.each([
    ['dsn/gmail-user-unknown', 'failed', '5.1.1', /^550-5\.1\.1 The email account that you tried to reach does not exist/],
    ['dsn/gmail-mailbox-full', 'failed', '5.2.2', /^552-5\.2\.2 The recipient's inbox is out of storage space/],
    ['dsn/outlook-recipient-not-found', 'failed', '5.1.10', /^550 5\.1\.10 RESOLVER\.ADR\.RecipientNotFound/],
    ['dsn/postfix-delayed', 'delayed', '4.4.1', /^connect to mail\.backend\.example\[192\.0\.2\.25\]:25: Connection timed out$/],
    ['dsn/exim-failed-no-verp', 'failed', '5.0.0', /^550 5\.1\.1 <gone@dest\.test>: Recipient address rejected/],
  ])('%s: one recipient, %s, %s', (name, action, status, diagnostic) => {
    const report = readReport(reportFixture(name, values));
    if (report.kind !== 'dsn') throw new Error(`read as ${report.kind}`);
    expect(report.recipients).toHaveLength(1);
    expect(report.recipients[0]).toMatchObject({ finalRecipient: 'gone@dest.test', action, status, diagnostic: expect.stringMatching(diagnostic) });
    expect(headerValue(report.original!, 'message-id')).toBe(values.MESSAGE_ID);
    expect(report.original!.some((field) => field.value.includes(`(Relaydesk) with HTTP id ${values.QUEUE_ID}`))).toBe(true);
  });

  it('names the reporting MTA', () => {
    const report = readReport(reportFixture('dsn/outlook-recipient-not-found', values));
    expect(report.kind === 'dsn' && report.reportingMta).toBe('AM0PR02MB5123.eurprd02.prod.outlook.com');
  });
});

describe('feedback reports', () => {
  it('reads Yahoo\'s complaint with its recipient', () => {
    const report = readReport(reportFixture('arf/yahoo-cfl', values));
    expect(report).toMatchObject({ kind: 'arf', feedbackType: 'abuse', userAgent: 'Yahoo!-Mail-Feedback/2.0', originalRcptTo: ['gone@dest.test'] });
    expect(headerValue(report.original!, 'subject')).toBe('Your weekly digest');
  });

  it('reads Microsoft\'s and AOL\'s, which hide the recipient', () => {
    expect(readReport(reportFixture('arf/microsoft-jmrp', values))).toMatchObject({ kind: 'arf', feedbackType: 'abuse', userAgent: 'Hotmail FBL', originalRcptTo: [] });
    expect(readReport(reportFixture('arf/aol-redacted', values))).toMatchObject({ kind: 'arf', originalRcptTo: ['redacted@aol.com'] });
  });

  it('reads anything else as other', () => {
    expect(readReport(Buffer.from('From: a@b.c\r\nSubject: Out of office\r\n\r\nAway.\r\n'))).toEqual({ kind: 'other', original: null });
  });
});
