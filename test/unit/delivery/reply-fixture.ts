// Shape of the captured-reply fixtures that drive classify.test.ts, and the helpers that
// turn one into an AttemptOutcome the way the delivery engine would report it.
import type {
  AttemptOutcome,
  Category,
  DeliveryPhase,
  NetworkError,
  Verdict,
} from '../../../engine/delivery/classify';

export interface Expected {
  ruleId: string;
  verdict: Verdict;
  category: Category;
  shouldSuppress: boolean;
  /** The blocklist's display name, when the reply names one. */
  blocklist?: string;
}

export interface ReplyFixture {
  /** Who sends this reply (provider, filter or MTA software). */
  source: string;
  phase: DeliveryPhase;
  /** The reply as received, one entry per line ("550-..." continuation lines included). */
  reply?: readonly string[];
  networkError?: NetworkError;
  expected: Expected;
}

export const suppressed = (ruleId: string, category: Category): Expected => ({
  ruleId,
  verdict: 'bounced',
  category,
  shouldSuppress: true,
});

export const bounced = (ruleId: string, category: Category): Expected => ({
  ruleId,
  verdict: 'bounced',
  category,
  shouldSuppress: false,
});

export const deferred = (ruleId: string, category: Category, blocklist?: string): Expected => ({
  ruleId,
  verdict: 'deferred',
  category,
  shouldSuppress: false,
  ...(blocklist ? { blocklist } : {}),
});

/** Lines joined with CRLF, as an SMTP client library hands a multi-line reply over. */
export function rawReply(fixture: ReplyFixture): string | undefined {
  return fixture.reply?.join('\r\n');
}

export function outcomeOf(fixture: ReplyFixture, extra: Partial<AttemptOutcome> = {}): AttemptOutcome {
  const text = rawReply(fixture);
  return {
    phase: fixture.phase,
    ...(text !== undefined ? { reply: { code: Number(text.slice(0, 3)), text } } : {}),
    ...(fixture.networkError ? { networkError: fixture.networkError } : {}),
    ...extra,
  };
}
