// classify(): every captured reply gets its expected classification, every rule is exercised
// by at least one capture, and the RFC 5321 invariants hold across the whole table.
import { describe, expect, it } from 'vitest';
import { bounceRules } from '../../../engine/delivery/bounce-rules';
import { classify, normaliseReplyText, type DeliveryPhase } from '../../../engine/delivery/classify';
import { filterAndListFixtures } from './fixtures-filters-and-lists';
import { gmailFixtures } from './fixtures-gmail';
import { mailboxProviderFixtures } from './fixtures-mailbox-providers';
import { microsoftFixtures } from './fixtures-microsoft';
import { mtaSoftwareFixtures } from './fixtures-mta-software';
import { networkFixtures } from './fixtures-network';
import { outcomeOf, rawReply, type ReplyFixture } from './reply-fixture';

const replyFixtures: readonly ReplyFixture[] = [
  ...gmailFixtures,
  ...microsoftFixtures,
  ...mailboxProviderFixtures,
  ...filterAndListFixtures,
  ...mtaSoftwareFixtures,
];
const allFixtures = [...replyFixtures, ...networkFixtures];
const permanentReplies = replyFixtures.filter((fixture) => rawReply(fixture)?.startsWith('5'));
const phases: readonly DeliveryPhase[] = [
  'dns', 'connect', 'greeting', 'ehlo', 'starttls', 'auth', 'mail', 'rcpt', 'data', 'data-end', 'rset', 'quit',
];

const label = (fixture: ReplyFixture): string =>
  `${fixture.source} @${fixture.phase}: ${(rawReply(fixture) ?? fixture.networkError?.message ?? '(nothing)').replace(/\r\n/g, ' ').slice(0, 90)}`;

describe('classify: captured replies', () => {
  it('has a table of at least 60 real-world replies', () => {
    expect(replyFixtures.length).toBeGreaterThanOrEqual(60);
  });

  it.each(allFixtures.map((fixture) => [label(fixture), fixture] as const))('%s', (_name, fixture) => {
    const result = classify(outcomeOf(fixture));
    expect({
      ruleId: result.ruleId,
      verdict: result.verdict,
      category: result.category,
      shouldSuppress: result.shouldSuppress,
      blocklist: result.blocklist?.name,
    }).toEqual({ ...fixture.expected, blocklist: fixture.expected.blocklist });
    expect(result.retryable).toBe(result.verdict === 'deferred');
    expect(result.reply).toBe(rawReply(fixture));
    expect(result.summary).toMatch(/^(?:[A-Z]|iCloud).*\.$/);
    expect(result.summary).not.toMatch(/[{}]/);
  });

  it('exercises every rule with at least one capture, so no rule is dead', () => {
    const hit = new Set(allFixtures.map((fixture) => classify(outcomeOf(fixture)).ruleId));
    expect(bounceRules.map((rule) => rule.id).filter((id) => !hit.has(id))).toEqual([]);
  });
});

describe('classify: invariants', () => {
  it('never bounces or suppresses on a 4xx, whatever the text says (RFC 5321 §4.2.1)', () => {
    for (const fixture of permanentReplies) {
      const outcome = outcomeOf(fixture);
      const soft = classify({ ...outcome, reply: { code: outcome.reply!.code - 100, text: outcome.reply!.text } });
      expect(soft.verdict, label(fixture)).not.toBe('bounced');
      expect(soft.shouldSuppress, label(fixture)).toBe(false);
    }
  });

  it('never suppresses for a 5xx at the greeting, EHLO or MAIL FROM: those refuse us, not the address', () => {
    for (const fixture of permanentReplies) {
      for (const phase of ['connect', 'greeting', 'ehlo', 'mail'] as const) {
        expect(classify(outcomeOf(fixture, { phase })).shouldSuppress, `${label(fixture)} @${phase}`).toBe(false);
      }
    }
  });

  it('keeps an error without a reply code deferrable outside the DNS phase', () => {
    for (const fixture of networkFixtures) {
      for (const phase of phases.filter((p) => p !== 'dns')) {
        const result = classify(outcomeOf(fixture, { phase }));
        expect(result.verdict, `${label(fixture)} @${phase}`).toBe('deferred');
        expect(result.shouldSuppress).toBe(false);
      }
    }
  });

  it('treats any 2xx as delivered, whatever the text', () => {
    for (const fixture of replyFixtures) {
      const text = rawReply(fixture)!;
      const result = classify({ phase: 'data-end', reply: { code: 250, text } });
      expect(result.verdict, label(fixture)).toBe('delivered');
      expect(result.ruleId).toBe('accepted');
    }
  });

  it('lets the reply win when a network error is reported with it', () => {
    const result = classify({
      phase: 'rcpt',
      reply: { code: 550, text: '550 5.1.1 <someone@example.com>... User unknown' },
      networkError: { code: 'ECONNRESET', message: 'read ECONNRESET' },
    });
    expect(result.ruleId).toBe('user-unknown');
  });

  it('reads the same reply alike with the code inline or given apart', () => {
    const inline = classify({ phase: 'rcpt', reply: { code: 552, text: '552 5.2.2 Mailbox full' } });
    const apart = classify({ phase: 'rcpt', reply: { code: 552, enhanced: '5.2.2', text: 'Mailbox full' } });
    expect(apart.ruleId).toBe(inline.ruleId);
    expect(apart.verdict).toBe('deferred');
  });
});

describe('classify: summaries', () => {
  it('names the domain and the consequence', () => {
    const result = classify(outcomeOf(gmailFixtures[0]!, { domain: 'gmail.com', mxHost: 'gmail-smtp-in.l.google.com' }));
    expect(result.summary).toBe('The mailbox does not exist at gmail.com; the address was added to the suppression list.');
  });

  it('says a rate limit slows delivery down', () => {
    const fixture = gmailFixtures.find((f) => f.expected.ruleId === 'gmail-unsolicited-rate-limit')!;
    expect(classify(outcomeOf(fixture)).summary).toMatch(/^Gmail is rate-limiting .*; delivery will slow down and retry\.$/);
  });

  it('points at the delisting page of a named blocklist', () => {
    const result = classify({
      phase: 'rcpt',
      mxHost: 'mx.example.org',
      reply: { code: 554, text: '554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org' },
    });
    expect(result.blocklist).toEqual({ name: 'Spamhaus', delistUrl: 'https://check.spamhaus.org/' });
    expect(result.summary).toBe(
      'mx.example.org rejected mail from this IP because it is listed on Spamhaus; delivery will be retried while you request delisting at https://check.spamhaus.org/.',
    );
  });

  it('falls back to neutral words when the outcome carries no domain or host', () => {
    expect(classify({ phase: 'data-end' }).summary).toBe(
      'The attempt to deliver to the recipient domain ended without a reply or an error; delivery will be retried.',
    );
  });
});

describe('bounce rules as data', () => {
  it('has unique ids', () => {
    const ids = bounceRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses only stateless patterns: a g or y flag would make RegExp.test remember lastIndex', () => {
    for (const rule of bounceRules) expect(rule.match.pattern?.flags ?? '', rule.id).not.toMatch(/[gy]/);
  });

  it('writes summaries classify can finish: known placeholders, no ";" or full stop of their own', () => {
    for (const rule of bounceRules) {
      const placeholders = [...rule.summary.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(placeholders.filter((p) => !['domain', 'mxHost', 'blocklist', 'networkCode'].includes(p!)), rule.id).toEqual([]);
      expect(rule.summary, rule.id).not.toMatch(/;|\.$/);
    }
  });

  it('never mixes network-error and reply conditions in one rule, which could match nothing', () => {
    for (const { id, match } of bounceRules) {
      const wantsReply = match.codes ?? match.codeClass ?? match.enhanced ?? match.pattern;
      expect(Boolean(match.networkCodes && wantsReply), id).toBe(false);
    }
  });

  it('ends with a catch-all, so classify always finds a rule', () => {
    expect(bounceRules.at(-1)!.match).toEqual({});
  });
});

describe('normaliseReplyText', () => {
  it('joins a multi-line reply and lifts the enhanced status from it', () => {
    expect(normaliseReplyText('550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n550 5.1.1  double-checking.')).toEqual({
      text: 'The email account that you tried to reach does not exist. Please try double-checking.',
      enhanced: '5.1.1',
    });
  });

  it('leaves a status that is not at the start of the text alone', () => {
    expect(normaliseReplyText('550 cuda_nsu 5.1.1 <a@example.com> User unknown')).toEqual({
      text: 'cuda_nsu 5.1.1 <a@example.com> User unknown',
    });
  });
});
