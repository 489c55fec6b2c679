// shouldSendDsn / dsnRefusal: which messages must never be answered with a DSN.
import { describe, expect, it } from 'vitest';
import { dsnRefusal, shouldSendDsn } from '../../../engine/delivery/dsn-loop';

const plain = [{ name: 'From', value: 'Shop <app@shop.example>' }, { name: 'Subject', value: 'Your order' }];
const withHeader = (name: string, value: string) => [...plain, { name, value }];

describe('shouldSendDsn', () => {
  it('answers ordinary mail from an ordinary sender', () => {
    expect(shouldSendDsn('bounces@shop.example', plain)).toBe(true);
    expect(shouldSendDsn('<bounces@shop.example>', plain)).toBe(true);
    // Mailing-list return paths want their bounces (that is what VERP is for).
    expect(shouldSendDsn('owner-news@lists.example', plain)).toBe(true);
    expect(shouldSendDsn('postmaster-reports@shop.example', plain)).toBe(true);
  });

  it.each(['', '<>', ' <> ', '  '])('never answers the null path %j (RFC 5321 §4.5.5)', (sender) => {
    expect(shouldSendDsn(sender, plain)).toBe(false);
    expect(dsnRefusal(sender, plain)).toBe('the envelope sender is the null path <>');
  });

  it.each(['MAILER-DAEMON@mx.example', 'mailer-daemon@mx.example', '<Postmaster@shop.example>', 'MAILER-DAEMON'])(
    'never answers a mail system sender %j', (sender) => {
      expect(shouldSendDsn(sender, plain)).toBe(false);
    });

  it.each(['auto-replied', 'Auto-Replied', 'auto-replied; owner-email="x@y.example"', 'auto-replied (vacation)'])(
    'never answers Auto-Submitted: %s (RFC 3834 §2, §5)', (value) => {
      expect(shouldSendDsn('bounces@shop.example', withHeader('Auto-Submitted', value))).toBe(false);
    });

  it.each(['no', 'No', 'no (a person wrote this)', 'auto-generated', 'auto-generated (cron)', 'Auto-Notified'])('answers Auto-Submitted: %s (RFC 3834 §1.1 leaves DSNs out of its scope)', (value) => {
    expect(shouldSendDsn('bounces@shop.example', withHeader('auto-submitted', value))).toBe(true);
  });

  it.each([
    'multipart/report; report-type=delivery-status; boundary="x"',
    'Multipart/Report; report-type="disposition-notification"; boundary=y',
    'multipart/report;report-type=feedback-report;boundary=z',
  ])('never answers a report: %s', (value) => {
    expect(shouldSendDsn('bounces@shop.example', withHeader('Content-Type', value))).toBe(false);
  });

  it('answers other multipart types', () => {
    expect(shouldSendDsn('bounces@shop.example', withHeader('Content-Type', 'multipart/mixed; boundary="report"'))).toBe(true);
    expect(shouldSendDsn('bounces@shop.example', withHeader('Content-Type', 'multipart/reports; boundary="x"'))).toBe(true);
  });

  it('reads the header block of a raw message', () => {
    const raw = (headers: string) => Buffer.from(`From: a@shop.example\r\n${headers}Subject: s\r\n\r\nAuto-Submitted: auto-replied\r\n`);
    expect(shouldSendDsn('bounces@shop.example', raw(''))).toBe(true);
    expect(shouldSendDsn('bounces@shop.example', raw('Auto-Submitted:\r\n auto-replied\r\n'))).toBe(false);
    expect(dsnRefusal('bounces@shop.example', raw('Content-Type: multipart/report;\r\n\treport-type=delivery-status\r\n')))
      .toBe('the message is itself a report (multipart/report)');
  });
});
