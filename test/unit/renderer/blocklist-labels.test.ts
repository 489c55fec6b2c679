// The Blocklists page's reading of an entry: a refusal or a failed lookup shows before the
// state it leaves standing, and only web pages become delisting links.
import { describe, expect, it } from 'vitest';
import type { BlocklistEntryView } from '../../../engine/api/contract';
import { isWebLink } from '../../../renderer/lib/web-link';
import { verdictOf } from '../../../renderer/views/blocklists/blocklist-labels';

const entry = (patch: Partial<BlocklistEntryView>): BlocklistEntryView => ({
  target: '203.0.113.5', targetKind: 'ip', list: 'Spamhaus ZEN', state: 'clear', source: 'dns', detail: null,
  delistUrl: null, error: null, errorKind: null, returnCodes: [], since: 1, checkedAt: 2, ...patch,
});

describe('verdictOf', () => {
  it('reads listings, clear answers, refusals and lookups without an answer', () => {
    expect(verdictOf(undefined)).toBe('unchecked');
    expect(verdictOf(entry({ state: 'listed', returnCodes: ['127.0.0.2'] }))).toBe('listed');
    expect(verdictOf(entry({ state: 'clear' }))).toBe('clear');
    expect(verdictOf(entry({ state: 'unknown', errorKind: 'refused', returnCodes: ['127.255.255.254'] }))).toBe('refused');
    expect(verdictOf(entry({ state: 'listed', errorKind: 'failed' }))).toBe('error');
    expect(verdictOf(entry({ state: 'unknown' }))).toBe('unchecked');
  });
});

describe('isWebLink', () => {
  it('accepts http and https pages only', () => {
    expect(isWebLink('https://check.spamhaus.org/')).toBe(true);
    expect(isWebLink('http://lab.test/delist')).toBe(true);
    expect(isWebLink('javascript:alert(1)')).toBe(false);
    expect(isWebLink('file:///etc/passwd')).toBe(false);
    expect(isWebLink(null)).toBe(false);
    expect(isWebLink(undefined)).toBe(false);
  });
});
