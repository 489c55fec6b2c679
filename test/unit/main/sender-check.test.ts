// Only the app's own page, in the window's top frame, may talk to the engine over IPC.
import { describe, expect, it } from 'vitest';
import { createSenderCheck } from '../../../main/sender-check';
import { APP_URL } from './electron-stand-ins';

const isTrusted = createSenderCheck(APP_URL);

describe('createSenderCheck', () => {
  it('trusts the top frame showing the bundled page, whatever its hash or query', () => {
    expect(isTrusted({ url: APP_URL, parent: null })).toBe(true);
    expect(isTrusted({ url: `${APP_URL}#token=abc`, parent: null })).toBe(true);
    expect(isTrusted({ url: `${APP_URL}?view=queue`, parent: null })).toBe(true);
  });

  it('refuses iframes, other documents, non-URLs and frames that are gone', () => {
    expect(isTrusted({ url: APP_URL, parent: { url: APP_URL, parent: null } })).toBe(false);
    expect(isTrusted({ url: 'file:///opt/relaydesk/out/renderer/other.html', parent: null })).toBe(false);
    expect(isTrusted({ url: 'http://127.0.0.1:8025/', parent: null })).toBe(false);
    expect(isTrusted({ url: 'about:blank', parent: null })).toBe(false);
    expect(isTrusted({ url: '', parent: null })).toBe(false);
    expect(isTrusted(null)).toBe(false);
  });

  it('rejects an app URL that is not a URL at all', () => {
    expect(() => createSenderCheck('out/renderer/index.html')).toThrow(/Not a URL/);
  });
});
