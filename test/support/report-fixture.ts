// Loads a DSN or ARF fixture from test/fixtures and fills in its placeholders: the report
// is real-world in shape, the message it is about is one the test sent.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ReportValues {
  /** The address the report is about. */
  RCPT: string;
  /** Where the report was sent: a VERP address or the feedback-loop address. */
  VERP?: string;
  QUEUE_ID: string;
  /** The original's Message-ID, with angle brackets. */
  MESSAGE_ID: string;
  HOST?: string;
  FBL_DOMAIN?: string;
}

const FIXTURES = resolve(import.meta.dirname, '../fixtures');

/** `kind/name` without `.eml`, e.g. `dsn/gmail-user-unknown`; lines end in CRLF as on the wire. */
export function reportFixture(name: string, values: ReportValues): Buffer {
  const all: Record<string, string> = {
    VERP: 'bounces@bounces.example.com', HOST: 'relay.test', FBL_DOMAIN: 'bounces.example.com', ...values,
    RCPT_LOCAL: values.RCPT.slice(0, values.RCPT.lastIndexOf('@')),
  };
  const text = readFileSync(resolve(FIXTURES, `${name}.eml`), 'utf8').replace(/\{\{([A-Z_]+)\}\}/g, (match, key: string) => all[key] ?? match);
  return Buffer.from(text.replace(/\r?\n/g, '\r\n'));
}
