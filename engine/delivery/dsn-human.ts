// The human-readable first part of a DSN (RFC 3464 §1.2, RFC 6522 §3): what happened to
// each recipient, the remote server's reply verbatim, and what the sender can do.
import type { DsnInput, DsnRecipient } from './dsn';
import { rfc5322Date } from './dsn-mime';

export interface HumanReport extends Pick<DsnInput, 'kind' | 'reportingMta' | 'arrivalDate' | 'originalQueueId' | 'recipients'> {
  originalSubject: string | null;
  /** What the third part carries, and why only headers when the whole message was asked for. */
  returned: 'full' | 'headers' | 'headers-too-large' | 'headers-not-7bit';
}

/** RFC 3463 subject.detail codes a sender is likely to meet, in plain words. */
const DETAILS: Record<string, string> = {
  '1.1': 'The mailbox does not exist at the receiving server.',
  '1.2': 'The recipient\'s domain does not exist or does not receive mail.',
  '1.3': 'The address is not written correctly.',
  '1.6': 'The recipient has moved and left no forwarding address.',
  '1.10': 'The recipient\'s domain has declared that it accepts no mail (null MX, RFC 7505).',
  '2.1': 'The mailbox is disabled and does not accept messages.',
  '2.2': 'The mailbox is full.',
  '2.3': 'The message is larger than the recipient\'s mailbox accepts.',
  '3.4': 'The message is larger than the receiving server accepts.',
  '4.1': 'The receiving server did not answer.',
  '4.2': 'The connection to the receiving server was lost.',
  '4.4': 'No mail server could be found for the recipient\'s domain.',
  '4.7': 'The message could not be delivered within the time it was allowed to wait.',
  '7.1': 'The receiving server did not accept the message under its policy.',
};

/** RFC 3463 §3.1-3.8: one sentence per subject, for codes without a detail above. */
const SUBJECTS: Record<string, string> = {
  '0': 'The receiving side did not say what kind of problem this is.',
  '1': 'There is a problem with the recipient\'s address.',
  '2': 'There is a problem with the recipient\'s mailbox.',
  '3': 'There is a problem with the receiving mail system.',
  '4': 'There is a network or routing problem on the way to the recipient.',
  '5': 'The receiving server reported a mail protocol problem.',
  '6': 'The receiving server could not handle the message\'s content.',
  '7': 'The receiving server refused the message for security or policy reasons.',
};

const SIZE_ADVICE = 'Send a smaller message, for example by sharing large attachments as a link.';
const ADVICE: Record<string, string> = {
  '0': 'If this keeps happening, forward this report to your mail administrator.',
  '1': 'Check the address for typing mistakes, or ask the recipient for a current one. Sending again to the same address will fail the same way.',
  '2': 'Let the recipient know another way; sending again may work once their mailbox is fixed.',
  '2.3': SIZE_ADVICE,
  '3': 'Try again later; if it fails again, forward this report to your mail administrator.',
  '3.4': SIZE_ADVICE,
  '4': 'Check the domain of the address for typing mistakes. If it is right, the recipient\'s mail servers may be down: try again later, or reach the recipient another way.',
  '5': 'Forward this report to your mail administrator.',
  '6': 'Try sending the message in a simpler form, for example without unusual attachments.',
  '7': 'The recipient\'s mail system did not accept this message from you. If you think that is a mistake, reach the recipient another way, or forward this report to your mail administrator.',
};

const RETURNED: Record<HumanReport['returned'], string> = {
  'full': 'Your original message is attached.',
  'headers': 'The headers of your original message are attached.',
  'headers-too-large': 'Only the headers of your original message are attached: it is too large to return in full.',
  'headers-not-7bit': 'Only the headers of your original message are attached: it contains 8-bit data or very long lines, which this report cannot carry unchanged.',
};

/** The text part, as lines joined with CRLF; the caller encodes it as quoted-printable. */
export function humanReport(report: HumanReport): string {
  const many = report.recipients.length > 1;
  const lines = [`This is the mail system at ${report.reportingMta}.`, ''];
  if (report.kind === 'failure') {
    lines.push(...wrap(`Your message could not be delivered to the ${many ? 'recipients' : 'recipient'} below. The details, with the receiving server's own words, follow.`, ''));
  } else {
    lines.push(...wrap(`Your message has not been delivered yet to the ${many ? 'recipients' : 'recipient'} below. This is only a warning: the mail system keeps trying, and you do not need to do anything. If it still cannot deliver the message in time, you will get another notice.`, ''));
  }
  lines.push('', 'Your message:');
  if (report.originalSubject) lines.push(`  Subject:  ${report.originalSubject}`);
  lines.push(`  Accepted: ${rfc5322Date(report.arrivalDate)}`, `  Queue ID: ${report.originalQueueId}`);
  for (const recipient of report.recipients) lines.push('', ...recipientLines(recipient));
  lines.push('', ...wrap(RETURNED[report.returned], ''));
  return lines.join('\r\n');
}

function recipientLines(recipient: DsnRecipient): string[] {
  const [statusClass, subject, detail] = recipient.status.split('.');
  const isFailed = recipient.action === 'failed';
  const explanation = DETAILS[`${subject}.${detail}`] ?? SUBJECTS[subject!] ?? SUBJECTS['0']!;
  const outcome = isFailed ? 'Delivery failed' : 'Not delivered yet';
  const lines = [`<${recipient.address}>`, ...wrap(`${outcome} (status ${recipient.status}). ${explanation}`, '  ')];
  if (recipient.diagnostic !== null) {
    const server = recipient.remoteMta ? `The receiving server ${recipient.remoteMta}` : 'The receiving server';
    // A failure with a 4.x.x status gave up on a temporary problem: the reply is the last one.
    lines.push(`  ${server} ${isFailed && statusClass === '4' ? 'last replied' : 'replied'}:`);
    lines.push(...recipient.diagnostic.split(/\r\n|[\r\n]/).map((line) => `      ${line}`));
  }
  if (recipient.lastAttemptAt !== null) lines.push(`  Last attempt: ${rfc5322Date(recipient.lastAttemptAt)}`);
  if (isFailed) {
    lines.push(...wrap(`What you can do: ${ADVICE[`${subject}.${detail}`] ?? ADVICE[subject!] ?? ADVICE['0']!}`, '  '));
  } else {
    const until = recipient.willRetryUntil != null ? ` until ${rfc5322Date(recipient.willRetryUntil)}` : '';
    lines.push(...wrap(`What you can do: nothing. The mail system keeps trying${until}.`, '  '));
  }
  return lines;
}

/**
 * Greedy word wrap for our own prose, at 72 columns so quoted-printable (76 with its soft
 * break) never has to split a word of it; remote replies are never wrapped.
 */
function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(' ')) {
    if (line.length > indent.length && line.length + 1 + word.length > 72) {
      lines.push(line);
      line = indent;
    }
    line += line.length > indent.length ? ` ${word}` : word;
  }
  lines.push(line);
  return lines;
}
