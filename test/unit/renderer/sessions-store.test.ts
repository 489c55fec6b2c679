// Live sessions: activity applied per frame, closed ones kept as recent, and the recent
// list seeded from the stored history when the console opens.
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../../engine/api/contract';
import { applySessionActivity, createSessionsStore, RECENT_SESSIONS_LIMIT, withStoredRecent } from '../../../renderer/stores/sessions-store';
import { FakeClient, ManualFrames, settle } from './fake-client';

function session(id: string, startedAt: number, endedAt: number | null = null): SessionView {
  return {
    id, direction: 'inbound', listener: 'submission', localAddress: '127.0.0.1', localPort: 2525, remoteAddress: '127.0.0.1', remotePort: 40000,
    helo: 'client', tlsProtocol: null, tlsCipher: null, authUser: null, startedAt, endedAt, outcome: endedAt ? 'ok' : null, messageCount: 0, lineCount: 0,
  };
}

describe('sessions', () => {
  it('moves a session from active to recent when it closes', () => {
    let state = { active: [] as SessionView[], recent: [] as SessionView[] };
    state = applySessionActivity(state, { kind: 'opened', session: session('a', 1) });
    state = applySessionActivity(state, { kind: 'opened', session: session('b', 2) });
    expect(state.active.map((s) => s.id)).toEqual(['b', 'a']);
    state = applySessionActivity(state, { kind: 'closed', session: session('a', 1, 5) });
    expect(state.active.map((s) => s.id)).toEqual(['b']);
    expect(state.recent.map((s) => s.id)).toEqual(['a']);
  });

  it('caps the recent list', () => {
    let state = { active: [] as SessionView[], recent: [] as SessionView[] };
    for (let i = 0; i < RECENT_SESSIONS_LIMIT + 5; i++) state = applySessionActivity(state, { kind: 'closed', session: session(`s${i}`, i, i + 1) });
    expect(state.recent).toHaveLength(RECENT_SESSIONS_LIMIT);
    expect(state.recent[0]!.id).toBe(`s${RECENT_SESSIONS_LIMIT + 4}`);
  });

  it('adds stored closed sessions it does not know yet, newest first', () => {
    const state = { active: [session('live', 9)], recent: [session('seen', 5, 6)] };
    const merged = withStoredRecent(state, [session('live', 9), session('seen', 5, 6), session('old', 1, 2), session('older', 0, 1), session('open-elsewhere', 3)]);
    expect(merged.map((s) => s.id)).toEqual(['seen', 'old', 'older']);
  });

  it('applies a burst of activity in one update and seeds the history', async () => {
    const client = new FakeClient().answer('sessions.list', () => ({ items: [session('stored', 0, 1)], nextCursor: null }));
    const frames = new ManualFrames();
    const sessions = createSessionsStore(client, frames);
    let updates = 0;
    sessions.store.subscribe(() => updates++);
    sessions.start();
    client.snapshot('sessions.live', []);
    await settle();
    updates = 0;
    for (let i = 0; i < 50; i++) client.event('sessions.live', { kind: 'opened', session: session(`n${i}`, 10 + i) });
    expect(updates).toBe(0);
    frames.run();
    expect(updates).toBe(1);
    const state = sessions.store.getState();
    expect(state.active).toHaveLength(50);
    expect(state.recent.map((s) => s.id)).toEqual(['stored']);
  });

  it('shares one subscription between the views that start it', () => {
    const client = new FakeClient().answer('sessions.list', () => ({ items: [], nextCursor: null }));
    const sessions = createSessionsStore(client, new ManualFrames());
    const stopA = sessions.start();
    const stopB = sessions.start();
    expect(client.active('sessions.live')).toHaveLength(1);
    stopA();
    stopA();
    expect(client.active('sessions.live')).toHaveLength(1);
    stopB();
    expect(client.active('sessions.live')).toHaveLength(0);
  });
});
