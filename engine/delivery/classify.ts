// Classifies the outcome of one SMTP delivery attempt: the first matching rule of
// bounce-rules.ts, bounded by the invariants of RFC 5321 §4.2.1. Pure: no I/O, no state.
import { assertNever } from '../shared/assert-never';
import { blocklistNamedIn, blocklists } from './bounce-rules-blocklists';
import { bounceRules } from './bounce-rules';
import type {
  AttemptOutcome,
  Blocklist,
  BounceRule,
  Category,
  Classification,
  DeliveryPhase,
  RuleMatch,
  Verdict,
} from './classify-types';

export type * from './classify-types';

/** What the rules look at, derived once per outcome. */
interface Subject {
  phase: DeliveryPhase;
  reply?: { code: number; enhanced?: string; text: string };
  networkCode?: string;
}

// Only these phases can be about one address: the domain lookup, its RCPT, and the reply
// after the final dot (LMTP's per-recipient replies, servers that check after DATA). A 5xx at
// the greeting or MAIL FROM refuses us or our sender, never the recipient.
const suppressiblePhases: ReadonlySet<DeliveryPhase> = new Set(['dns', 'rcpt', 'data-end']);

const enhancedAtStart = /^[245]\.\d{1,3}\.\d{1,3}(?=\s|$)/;
const lineCodePrefix = /^\d{3}(?:[ -]|$)/;

/** Classifies one attempt; every outcome, even an empty one, gets a rule. */
export function classify(outcome: AttemptOutcome): Classification {
  const subject = subjectOf(outcome);
  const rule = bounceRules.find((candidate) => matches(candidate.match, subject));
  if (!rule) throw new Error('bounce-rules must end with a catch-all rule');

  const verdict = boundedVerdict(rule.verdict, subject);
  const shouldSuppress = rule.shouldSuppress && verdict === 'bounced' && suppressiblePhases.has(subject.phase);
  const blocklist = resolveBlocklist(rule, subject.reply?.text ?? '');
  const summary = summarise(rule, verdict, shouldSuppress, blocklist, outcome);
  return {
    verdict,
    category: rule.category,
    retryable: verdict === 'deferred',
    shouldSuppress,
    ...(blocklist ? { blocklist } : {}),
    summary,
    ...(outcome.reply ? { reply: outcome.reply.text } : {}),
    ruleId: rule.id,
  };
}

/**
 * Joins a reply into one line without the per-line "550-5.1.1 " prefixes, so a pattern sees
 * the sentence the server wrote however it was wrapped; takes the RFC 3463 status from the
 * first line when the caller did not give it.
 */
export function normaliseReplyText(text: string): { text: string; enhanced?: string } {
  let enhanced: string | undefined;
  const parts = text.split(/\r?\n/).map((line) => {
    const rest = line.replace(lineCodePrefix, '').trim();
    const status = enhancedAtStart.exec(rest);
    if (!status) return rest;
    enhanced ??= status[0];
    return rest.slice(status[0].length).trim();
  });
  return { text: parts.join(' ').replace(/\s+/g, ' ').trim(), ...(enhanced ? { enhanced } : {}) };
}

function subjectOf(outcome: AttemptOutcome): Subject {
  if (outcome.reply) {
    const normal = normaliseReplyText(outcome.reply.text);
    const enhanced = outcome.reply.enhanced ?? normal.enhanced;
    return {
      phase: outcome.phase,
      reply: { code: outcome.reply.code, text: normal.text, ...(enhanced ? { enhanced } : {}) },
    };
  }
  return {
    phase: outcome.phase,
    ...(outcome.networkError ? { networkCode: outcome.networkError.code } : {}),
  };
}

function matches(match: RuleMatch, subject: Subject): boolean {
  if (match.phases && !match.phases.includes(subject.phase)) return false;
  if (match.networkCodes) {
    if (subject.networkCode === undefined) return false;
    if (match.networkCodes !== 'any' && !match.networkCodes.includes(subject.networkCode)) return false;
  }
  const needsReply = match.codes ?? match.codeClass ?? match.enhanced ?? match.pattern;
  if (!needsReply) return true;
  const reply = subject.reply;
  if (!reply) return false;
  if (match.codes && !match.codes.includes(reply.code)) return false;
  if (match.codeClass && !match.codeClass.some((digit) => Math.floor(reply.code / 100) === digit)) return false;
  if (match.enhanced) {
    const status = reply.enhanced;
    if (!status || !match.enhanced.some((wanted) => enhancedMatches(wanted, status))) return false;
  }
  return !match.pattern || match.pattern.test(reply.text);
}

/** `X.1.X` matches any class and detail of subject 1 (RFC 3463 writes classes as X). */
function enhancedMatches(wanted: string, actual: string): boolean {
  const want = wanted.split('.');
  const have = actual.split('.');
  return want.length === 3 && have.length === 3 && want.every((part, i) => part === 'X' || part === have[i]);
}

/**
 * A rule states its verdict for a permanent failure; the evidence caps it.
 * - Only a 2xx proves delivery, and a 2xx always is one.
 * - zone-mta tests `>= 500`, not "is not 4xx": a 4xx, an unexpected 1xx/3xx, or no code at
 *   all (a socket error) must stay deferrable. The one exception is a DNS answer for the
 *   recipient domain (NXDOMAIN, NODATA, null MX): final, yet it carries no reply code.
 */
function boundedVerdict(wanted: Verdict, subject: Subject): Verdict {
  const code = subject.reply?.code;
  if (code !== undefined && code >= 200 && code < 300) return 'delivered';
  if (wanted === 'delivered') return 'deferred';
  const isPermanent = code !== undefined ? code >= 500 : subject.phase === 'dns' && subject.networkCode !== undefined;
  return wanted === 'bounced' && !isPermanent ? 'deferred' : wanted;
}

function resolveBlocklist(rule: BounceRule, text: string): Blocklist | undefined {
  if (!rule.blocklist) return undefined;
  const named = rule.blocklist === 'named-in-reply' ? blocklistNamedIn(text) : blocklists[rule.blocklist];
  return named && { ...named };
}

function summarise(
  rule: BounceRule,
  verdict: Verdict,
  shouldSuppress: boolean,
  blocklist: Blocklist | undefined,
  outcome: AttemptOutcome,
): string {
  const given: Record<string, string | undefined> = {
    domain: outcome.domain,
    mxHost: outcome.mxHost,
    blocklist: blocklist?.name,
    networkCode: outcome.networkError?.code,
  };
  const what = rule.summary.replace(/\{(\w+)\}/g, (placeholder, key: string, offset: number) => {
    const fallback = fallbackWords[key];
    const value = given[key] ?? fallback;
    if (value === undefined) return placeholder;
    // A name keeps its case ("mx.example.org refused ..."); fallback words open a sentence capitalised.
    return offset === 0 && value === fallback ? value.charAt(0).toUpperCase() + value.slice(1) : value;
  });
  const next = consequence(verdict, rule.category, shouldSuppress, blocklist);
  return next ? `${what}; ${next}.` : `${what}.`;
}

/** Words used when the outcome does not carry the name a summary refers to. */
const fallbackWords: Record<string, string> = {
  domain: 'the recipient domain',
  mxHost: 'the receiving server',
  blocklist: 'a DNS blocklist',
  networkCode: 'no error code',
};

/** What the engine does next, derived from the verdict so the sentence cannot contradict it. */
function consequence(
  verdict: Verdict,
  category: Category,
  shouldSuppress: boolean,
  blocklist: Blocklist | undefined,
): string | undefined {
  switch (verdict) {
    case 'delivered':
      return undefined;
    case 'deferred':
      if (blocklist?.delistUrl) return `delivery will be retried while you request delisting at ${blocklist.delistUrl}`;
      return category === 'rate-limit' ? 'delivery will slow down and retry' : 'delivery will be retried';
    case 'bounced':
      return shouldSuppress
        ? 'the address was added to the suppression list'
        : 'the message was not delivered and will not be retried';
    default:
      return assertNever(verdict, 'verdict');
  }
}
