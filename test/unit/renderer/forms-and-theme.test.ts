// Small pure pieces behind forms and appearance: optional limits, credential input,
// session filters, theme choice, and the desktop link's state as a connection state.
import { describe, expect, it } from 'vitest';
import { linkToConnectionState } from '../../../renderer/api/ipc-client';
import { parseLimit } from '../../../renderer/lib/number-field';
import { createThemeStore, resolveTheme } from '../../../renderer/stores/theme-store';
import { fieldsOf, toCredentialInput } from '../../../renderer/views/credentials/credential-form';
import { matchesSessionQuery, toSessionFilter, EMPTY_SESSION_QUERY } from '../../../renderer/views/conversations/session-query';
import { splitAddresses } from '../../../renderer/views/suppressions/add-suppressions';

describe('forms', () => {
  it('reads a blank limit as none and refuses what is not a whole number in range', () => {
    expect(parseLimit(' ')).toEqual({ ok: true, value: null });
    expect(parseLimit('1,200')).toEqual({ ok: true, value: 1200 });
    expect(parseLimit('1.5').ok).toBe(false);
    expect(parseLimit('0').ok).toBe(false);
    expect(parseLimit('101', { max: 100 }).ok).toBe(false);
  });

  it('turns the credential form into the contract input', () => {
    const fields = { ...fieldsOf(null), name: 'Shop', senderDomains: 'shop.test, *.shop.test', clientNetworks: '', rateWindowSeconds: '60', expiresOn: '2030-01-31' };
    const result = toCredentialInput(fields);
    expect(result).toEqual({ ok: true, input: {
      name: 'Shop', senderDomains: ['shop.test', '*.shop.test'], stream: 'transactional', clientNetworks: [],
      rateLimit: { messages: 150, windowMs: 60_000 }, expiresAt: Date.parse('2030-01-31T23:59:59Z'), isEnabled: true,
    } });
    expect(toCredentialInput({ ...fields, name: ' ' }).ok).toBe(false);
    expect(toCredentialInput({ ...fields, rateMessages: 'lots' }).ok).toBe(false);
  });

  it('splits pasted addresses on lines, commas and spaces, once each', () => {
    expect(splitAddresses('a@x.test\nb@x.test, a@x.test ;c@x.test')).toEqual(['a@x.test', 'b@x.test', 'c@x.test']);
  });

  it('filters live sessions by parts of peer, user and outcome; history by whole values', () => {
    const session = { direction: 'inbound', remoteAddress: '203.0.113.7', helo: 'mail.shop.test', authUser: 'shop', outcome: '2 messages accepted' } as const;
    const view = { ...session, id: 's', listener: null, localAddress: null, localPort: null, remotePort: null, tlsProtocol: null, tlsCipher: null, startedAt: 0, endedAt: 1, messageCount: 2, lineCount: 9 };
    expect(matchesSessionQuery(view, { ...EMPTY_SESSION_QUERY, peer: 'shop.test' })).toBe(true);
    expect(matchesSessionQuery(view, { ...EMPTY_SESSION_QUERY, outcome: 'ACCEPTED' })).toBe(true);
    expect(matchesSessionQuery(view, { ...EMPTY_SESSION_QUERY, direction: 'outbound' })).toBe(false);
    expect(toSessionFilter({ direction: 'inbound', peer: ' 203.0.113.7 ', user: '', outcome: 'x' })).toEqual({ direction: 'inbound', remoteAddress: '203.0.113.7' });
  });
});

describe('theme', () => {
  it('follows the OS until the operator picks, and remembers the pick', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    const saved = new Map<string, string>();
    const media = { matches: false, addEventListener: (_type: string, listener: () => void) => { change = listener; } };
    let change = () => undefined as void;
    const root = { dataset: {} as DOMStringMap };
    const theme = createThemeStore({ storage: { getItem: (k) => saved.get(k) ?? null, setItem: (k, v) => saved.set(k, v) }, media, root });
    expect(root.dataset.theme).toBe('light');
    media.matches = true;
    change();
    expect(root.dataset.theme).toBe('dark');
    theme.getState().setPreference('light');
    expect(root.dataset.theme).toBe('light');
    expect(saved.get('relaydesk.theme')).toBe('light');
    const again = createThemeStore({ storage: { getItem: (k) => saved.get(k) ?? null, setItem: () => undefined }, media, root });
    expect(again.getState()).toMatchObject({ preference: 'light', theme: 'light' });
  });
});

describe('desktop link', () => {
  it('shows a remote relay link as the console connection states', () => {
    expect(linkToConnectionState({ kind: 'open' })).toEqual({ kind: 'open' });
    expect(linkToConnectionState({ kind: 'reconnecting', attempt: 2, retryAt: 5 })).toEqual({ kind: 'reconnecting', attempt: 2, retryAt: 5 });
    expect(linkToConnectionState({ kind: 'rejected', message: 'no' })).toEqual({ kind: 'needs-token', reason: 'rejected' });
  });
});
