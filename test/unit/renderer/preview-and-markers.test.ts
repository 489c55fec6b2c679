// The message preview's document and policy, and how transcript lines are flagged.
import { describe, expect, it } from 'vitest';
import { countRemoteResources, previewDocument, previewPolicy } from '../../../renderer/lib/html-preview';
import { lineMarker, nextInfoIndex } from '../../../renderer/lib/transcript-markers';

describe('HTML preview document', () => {
  it('puts a policy that loads nothing remote ahead of the message', () => {
    const html = previewDocument('<p>Hi <img src="https://t.example/p.gif"></p>', false);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<p>Hi'));
    expect(previewPolicy(false)).toContain("img-src data:;");
    expect(previewPolicy(false)).toContain("default-src 'none'");
    expect(previewPolicy(false)).not.toContain('script-src');
  });

  it('allows remote images, and only images, once asked', () => {
    expect(previewPolicy(true)).toContain('img-src data: https: http:');
    expect(previewPolicy(true)).toContain("default-src 'none'");
  });

  it('counts what would load by itself, not links', () => {
    const html = '<img src="https://a/x.png"><div style="background:url(//b/y.png)"></div><a href="https://c/">c</a><img src="data:image/png;base64,AA">';
    expect(countRemoteResources(html)).toBe(2);
  });
});

describe('transcript markers', () => {
  it('flags TLS, AUTH, policy decisions and queueing', () => {
    expect(lineMarker({ kind: 'client', text: 'STARTTLS' })).toBe('tls');
    expect(lineMarker({ kind: 'info', text: 'TLS established: TLSv1.3, TLS_AES_256_GCM_SHA384' })).toBe('tls');
    expect(lineMarker({ kind: 'client', text: 'AUTH PLAIN /* secured */' })).toBe('auth');
    expect(lineMarker({ kind: 'info', text: 'authenticated as app (PLAIN), stream transactional' })).toBe('auth');
    expect(lineMarker({ kind: 'info', text: 'policy: relay allowed without AUTH' })).toBe('policy');
    expect(lineMarker({ kind: 'info', text: 'queued as ABC for route sandbox' })).toBe('queued');
    expect(lineMarker({ kind: 'server', text: '250 2.0.0 Ok' })).toBeNull();
  });

  it('finds the next and previous engine decision', () => {
    const lines = [{ kind: 'client' }, { kind: 'info' }, { kind: 'server' }, { kind: 'info' }] as const;
    expect(nextInfoIndex(lines, 0, 1)).toBe(1);
    expect(nextInfoIndex(lines, 1, 1)).toBe(3);
    expect(nextInfoIndex(lines, 3, 1)).toBe(-1);
    expect(nextInfoIndex(lines, 3, -1)).toBe(1);
  });
});
