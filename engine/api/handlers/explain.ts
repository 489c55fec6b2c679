// "Why is this message here": each recipient's state in words, with what holds it back.
import type { QueueEntry, RecipientExplanation } from '../contract';
import type { EngineServices } from '../services';

const time = (at: number) => new Date(at).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

export function explainRecipients(services: EngineServices, recipients: QueueEntry[]): RecipientExplanation[] {
  const { pauses, quota } = services;
  return recipients.map((recipient) => {
    const details: string[] = [];
    if (recipient.lastReply) details.push(`Last reply: ${recipient.lastReply}`);
    if (recipient.attempts) details.push(`${recipient.attempts} attempt${recipient.attempts === 1 ? '' : 's'} so far; gives up at ${time(recipient.expiresAt)}.`);
    const holds: string[] = [];
    if (pauses.isStreamPaused(recipient.stream)) holds.push(`the ${recipient.stream} stream is paused`);
    if (pauses.isPaused('domain', recipient.domain)) holds.push(`delivery to ${recipient.domain} is paused`);
    if (quota.isExhausted()) holds.push(`the daily quota is used up until ${time(quota.status().resetsAt)}`);
    const waiting = holds.length ? ` It waits because ${holds.join(' and ')}.` : '';
    let headline: string;
    switch (recipient.state) {
      case 'queued':
        headline = recipient.nextAttemptAt > Date.now()
          ? `Queued; not before ${time(recipient.nextAttemptAt)}.${recipient.reason ? ` ${recipient.reason}` : ''}${waiting}`
          : `Queued for delivery.${waiting}`;
        break;
      case 'sending':
        headline = 'Being delivered right now.';
        break;
      case 'deferred':
        headline = `Deferred: ${recipient.reason ?? 'the last attempt failed temporarily.'}${waiting}`;
        break;
      case 'held':
        headline = `${recipient.reason ?? 'Held.'} Release it to send.`;
        break;
      case 'delivered':
        headline = `Delivered at ${time(recipient.updatedAt)}.`;
        break;
      default:
        headline = `${recipient.state[0]!.toUpperCase()}${recipient.state.slice(1)}: ${recipient.reason ?? 'no reason recorded.'}`;
    }
    return { recipientId: recipient.recipientId, state: recipient.state, stream: recipient.stream, headline, details };
  });
}
