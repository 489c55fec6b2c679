// The "Getting started" guide's pure parts: when the console opens it by itself on first
// start, the kept "skipped" choice, and the routing and sender decisions of its steps.
import { describe, expect, it } from 'vitest';
import type { RoutingRules } from '../../../engine/api/contract';
import { isRootHash, shouldOpenSetupGuide, type FirstStartFacts } from '../../../renderer/shell/first-start';
import { createSetupGuideStore, SETUP_GUIDE_STORAGE_KEY } from '../../../renderer/stores/setup-guide-store';
import { defaultSender, overridingDomainRules, streamRoute, withStreamRoute } from '../../../renderer/views/setup/setup-model';

const FRESH: FirstStartFacts = { landingHash: '', currentHash: '', credentialCount: 0, isGuideDismissed: false };

describe('first start', () => {
  it('opens the guide on a console landing at its root of a relay without credentials', () => {
    expect(shouldOpenSetupGuide(FRESH)).toBe(true);
    expect(shouldOpenSetupGuide({ ...FRESH, landingHash: '#/', currentHash: '#/' })).toBe(true);
  });

  it('leaves the operator where they are otherwise', () => {
    expect(shouldOpenSetupGuide({ ...FRESH, credentialCount: 1 })).toBe(false);
    expect(shouldOpenSetupGuide({ ...FRESH, isGuideDismissed: true })).toBe(false);
    // A bookmark or a link into a page keeps its page.
    expect(shouldOpenSetupGuide({ ...FRESH, landingHash: '#/queue', currentHash: '#/queue' })).toBe(false);
    // The operator went elsewhere while the relay was being asked.
    expect(shouldOpenSetupGuide({ ...FRESH, currentHash: '#/routes' })).toBe(false);
  });

  it('reads an empty fragment, # and #/ as the root', () => {
    expect(['', '#', '#/'].map(isRootHash)).toEqual([true, true, true]);
    expect(isRootHash('#/dashboard')).toBe(false);
  });
});

describe('setup guide store', () => {
  it('keeps a skipped guide skipped across consoles sharing the storage', () => {
    const values = new Map<string, string>();
    const storage = { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value) };
    const first = createSetupGuideStore({ storage });
    expect(first.getState().isDismissed).toBe(false);
    first.getState().dismiss();
    expect(first.getState().isDismissed).toBe(true);
    expect(values.has(SETUP_GUIDE_STORAGE_KEY)).toBe(true);
    expect(createSetupGuideStore({ storage }).getState().isDismissed).toBe(true);
  });

  it('still skips for this page when storage refuses writes or is missing', () => {
    const refusing = { getItem: () => null, setItem: () => { throw new Error('quota'); } };
    const store = createSetupGuideStore({ storage: refusing });
    store.getState().dismiss();
    expect(store.getState().isDismissed).toBe(true);
    expect(createSetupGuideStore({ storage: null }).getState().isDismissed).toBe(false);
  });
});

describe('setup steps', () => {
  const rules: RoutingRules = { defaultRoute: 'sandbox', byStream: { bulk: 'esp' }, bySenderDomain: { 'news.shop.test': 'esp', 'other.test': 'direct' }, split: null };

  it('finds and changes the route of a credential\'s stream, keeping the other rules', () => {
    expect(streamRoute(rules, 'transactional')).toBe('sandbox');
    expect(streamRoute(rules, 'bulk')).toBe('esp');
    const changed = withStreamRoute(rules, 'transactional', 'direct');
    expect(changed).toEqual({ ...rules, byStream: { bulk: 'esp', transactional: 'direct' } });
    expect(streamRoute(changed, 'transactional')).toBe('direct');
  });

  it('names the sender-domain rules that come before the stream\'s, matching domains as the engine does', () => {
    expect(overridingDomainRules(rules, ['shop.test'])).toEqual([]);
    expect(overridingDomainRules(rules, ['*.shop.test'])).toEqual([['news.shop.test', 'esp']]);
    expect(overridingDomainRules(rules, ['Other.test'])).toEqual([['other.test', 'direct']]);
    expect(overridingDomainRules(rules, ['*'])).toHaveLength(2);
  });

  it('suggests a sender at the first exact domain the credential may use', () => {
    expect(defaultSender(['*.shop.test', 'shop.test'])).toBe('test@shop.test');
    expect(defaultSender(['*'])).toBe('');
    expect(defaultSender(['*.shop.test'])).toBe('');
  });
});
