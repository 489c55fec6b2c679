// Words for chaos rules: what a rule matches and what it answers, as the rules table says them.
import type { ChaosAction, ChaosRule } from '../../../engine/api/contract';
import { assertNever } from '../../lib/assert-never';

export const REPLY_CODES = [421, 450, 451, 452, 550, 551, 552, 553, 554] as const;
export type ReplyCode = (typeof REPLY_CODES)[number];

/** What each code means to the relay, so the operator picks the reaction they rehearse. */
export const CODE_MEANING: Record<ReplyCode, string> = {
  421: 'closing, try later: deferred',
  450: 'mailbox busy: deferred',
  451: 'local error: deferred',
  452: 'mailbox full for now: deferred',
  550: 'no such user: bounced and suppressed',
  551: 'user not local: bounced',
  552: 'mailbox full: bounced',
  553: 'bad address: bounced',
  554: 'rejected: bounced',
};

export function describeAction(action: ChaosAction): string {
  switch (action.kind) {
    case 'reply':
      return `Reply ${action.code}${action.enhanced ? ` ${action.enhanced}` : ''}${action.text ? ` ${action.text}` : ''} (${CODE_MEANING[action.code]})`;
    case 'slow':
      return `Answer after ${action.delayMs.toLocaleString()} ms`;
    case 'disconnect':
      return 'Drop the connection without a reply';
    default:
      return assertNever(action);
  }
}

export function describeMatch(rule: ChaosRule): string {
  const parts = [rule.sender ? `from ${rule.sender}` : null, rule.recipient ? `to ${rule.recipient}` : null].filter(Boolean);
  return `${parts.length ? parts.join(', ') : 'any mail'} on ${(rule.routes ?? ['sandbox']).join(', ')}`;
}
