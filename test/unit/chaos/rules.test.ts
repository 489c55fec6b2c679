// Chaos rules: matching by sender, recipient and route, decisions fixed by the seed (so a run
// replays), a fresh draw per attempt, and the replies each action stands for.
import { describe, expect, it } from 'vitest';
import type { ChaosRule, ChaosSettings } from '../../../engine/api/contract';
import { answerOf, checkSettings, decide, type AttemptKey } from '../../../engine/chaos/rules';

const rule = (patch: Partial<ChaosRule>): ChaosRule => ({ id: 'r', isEnabled: true, probability: 1, action: { kind: 'reply', code: 450 }, ...patch });
const key = (patch: Partial<AttemptKey> = {}): AttemptKey => ({ messageId: 'M1', sender: 'app@shop.example', recipient: 'ada@dest.example', route: 'sandbox', attempt: 0, ...patch });

describe('matching', () => {
  it('matches sender and recipient patterns, case-insensitively, on the sandbox route by default', () => {
    const settings: ChaosSettings = { seed: 1, rules: [rule({ id: 'gone', recipient: 'gone-*@DEST.example', action: { kind: 'reply', code: 550 } }), rule({ id: 'shop', sender: '*@shop.example' })] };
    expect(decide(settings, key({ recipient: 'gone-1@dest.example' }))?.id).toBe('gone');
    expect(decide(settings, key())?.id).toBe('shop');
    expect(decide(settings, key({ sender: 'x@elsewhere.example' }))).toBeNull();
    expect(decide(settings, key({ route: 'direct' }))).toBeNull();
    expect(decide({ seed: 1, rules: [rule({ routes: ['direct'] })] }, key({ route: 'direct' }))?.id).toBe('r');
    expect(decide({ seed: 1, rules: [rule({ isEnabled: false })] }, key())).toBeNull();
  });
});

describe('probability', () => {
  it('is decided by the seed: the same run gives the same answers, another seed others', () => {
    const settings = (seed: number): ChaosSettings => ({ seed, rules: [rule({ probability: 0.3 })] });
    const run = (seed: number) => Array.from({ length: 200 }, (_, i) => decide(settings(seed), key({ recipient: `r${i}@dest.example` })) !== null);
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
    // Binomial(200, 0.3): mean 60, sigma 6.5; five sigma either side.
    const hits = run(7).filter(Boolean).length;
    expect(Math.abs(hits - 60)).toBeLessThanOrEqual(33);
  });

  it('draws again for each attempt, so a retry can succeed', () => {
    const settings: ChaosSettings = { seed: 3, rules: [rule({ probability: 0.5 })] };
    const attempts = Array.from({ length: 20 }, (_, attempt) => decide(settings, key({ attempt })) !== null);
    expect(attempts).toContain(true);
    expect(attempts).toContain(false);
  });
});

describe('answers', () => {
  it('gives real replies with RFC 3463 statuses, at RCPT or the end of DATA', () => {
    expect(answerOf(rule({ action: { kind: 'reply', code: 421 } }), 1000)).toEqual({ phase: 'rcpt', reply: { code: 421, text: '421 4.7.0 Try again later, closing connection (chaos rule r)' } });
    expect(answerOf(rule({ phase: 'data', action: { kind: 'reply', code: 550, enhanced: '5.7.1', text: 'Policy says no' } }), 1000))
      .toEqual({ phase: 'data-end', reply: { code: 550, text: '550 5.7.1 Policy says no (chaos rule r)' } });
    expect(answerOf(rule({ action: { kind: 'disconnect' } }), 1000)?.networkError?.code).toBe('ECONNRESET');
  });

  it('lets a slow answer through unless it outlasts the timeout', () => {
    expect(answerOf(rule({ action: { kind: 'slow', delayMs: 10 } }), 1000)).toBeNull();
    expect(answerOf(rule({ action: { kind: 'slow', delayMs: 5000 } }), 1000)?.networkError).toEqual({ code: 'ETIMEDOUT', message: 'No reply within 1000 ms (chaos rule r).' });
  });

  it('refuses duplicate ids and unknown routes', () => {
    expect(() => checkSettings({ seed: 1, rules: [rule({}), rule({})] }, () => true)).toThrow(/Two chaos rules are called "r"/);
    expect(() => checkSettings({ seed: 1, rules: [rule({ routes: ['nowhere'] })] }, (name) => name === 'sandbox')).toThrow(/route "nowhere"/);
  });
});
