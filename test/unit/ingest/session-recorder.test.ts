// The session recorder on a real in-memory store: lines are stored with the next batch
// and published only after it commits, outcomes say how a session ended, and counts
// of active sessions are about clients, not deliveries in flight.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionRecorder } from '../../../engine/ingest/index';
import { EventBus } from '../../../engine/events/index';
import { openStore, type Store } from '../../../engine/store/index';
import { ManualClock } from '../../../engine/shared/clock';

let store: Store;
let bus: EventBus;
let clock: ManualClock;
let recorder: SessionRecorder;
let published: string[];

const inbound = (id: string, remoteAddress = '192.0.2.1', listener = 'submission') => ({
  id, direction: 'inbound' as const, listener, localAddress: '127.0.0.1', localPort: 2525, remoteAddress, remotePort: 40000,
});
const outbound = (id: string, remoteAddress: string) => ({
  id, direction: 'outbound' as const, listener: null, localAddress: null, localPort: null, remoteAddress, remotePort: 25,
});

beforeEach(() => {
  store = openStore({ path: ':memory:' });
  bus = new EventBus();
  clock = new ManualClock();
  recorder = new SessionRecorder(store, bus, clock);
  published = [];
  for (const event of ['session.opened', 'session.updated', 'session.closed'] as const) {
    bus.on(event, (view) => published.push(`${event} ${view.id}`));
  }
  bus.on('transcript.appended', (lines) => published.push(`lines ${lines.map((l) => l.text).join('|')}`));
});
afterEach(() => store.close());

const chunkCount = (sessionId: string) =>
  (store.db.prepare('SELECT COUNT(*) AS n FROM transcript_chunks WHERE session_id = ?').get(sessionId) as { n: number }).n;

describe('SessionRecorder', () => {
  it('publishes lines with the next batch, and stores them as one chunk when the session ends', () => {
    recorder.open(inbound('s1'));
    recorder.line('s1', 'server', '220 relay.test ESMTP');
    recorder.line('s1', 'client', 'EHLO client.test');
    expect(published).toEqual([]);
    store.writer.flush();
    expect(published).toEqual(['session.opened s1', 'lines 220 relay.test ESMTP|EHLO client.test']);
    expect(store.sessions.lines('s1')).toEqual([]);
    expect(recorder.transcript('s1').map((l) => [l.seq, l.kind])).toEqual([[1, 'server'], [2, 'client']]);
    recorder.close('s1');
    store.writer.flush();
    expect(store.sessions.lines('s1').map((l) => [l.seq, l.kind])).toEqual([[1, 'server'], [2, 'client']]);
    expect(chunkCount('s1')).toBe(1);
  });

  it('stores a long session in chunks: every 64 lines, and lines that waited a second', () => {
    recorder.open(inbound('long'));
    for (let i = 0; i < 70; i++) recorder.line('long', 'client', `NOOP ${i}`);
    store.writer.flush();
    expect(store.sessions.lines('long')).toHaveLength(70);
    recorder.line('long', 'client', 'NOOP late');
    store.writer.flush();
    expect(store.sessions.lines('long')).toHaveLength(70);
    clock.advance(1000);
    recorder.update('long', { helo: 'client.test' });
    store.writer.flush();
    expect(store.sessions.lines('long')).toHaveLength(71);
    expect(store.sessions.get('long')!.helo).toBe('client.test');
  });

  it('gives a live subscriber a snapshot that ends where its events begin', () => {
    recorder.open(inbound('live'));
    recorder.line('live', 'server', '220 ready');
    store.writer.flush();
    recorder.line('live', 'client', 'EHLO x');
    expect(recorder.transcript('live', true).map((l) => l.text)).toEqual(['220 ready']);
    expect(recorder.transcript('live').map((l) => l.text)).toEqual(['220 ready', 'EHLO x']);
  });

  it('announces a session opened and closed within one batch as opened, then closed', () => {
    recorder.open(inbound('s2'));
    recorder.close('s2');
    store.writer.flush();
    expect(published).toEqual(['session.opened s2', 'session.closed s2']);
    expect(store.sessions.get('s2')).toMatchObject({ endedAt: clock.now(), outcome: 'no message sent' });
  });

  it('says how a session ended: messages accepted, or the last refusal', () => {
    recorder.open(inbound('ok'));
    recorder.update('ok', { messageCount: 2 });
    recorder.open(inbound('refused'));
    recorder.line('refused', 'server', '530 5.7.0 Authentication required');
    recorder.line('refused', 'server', '221 2.0.0 Bye');
    recorder.close('ok');
    recorder.close('refused');
    store.writer.flush();
    expect(store.sessions.get('ok')!.outcome).toBe('2 messages accepted');
    expect(store.sessions.get('refused')!.outcome).toBe('no message accepted; last refusal: 530 5.7.0 Authentication required');
  });

  it('keeps the time of the last client line, for the command timeout', () => {
    const session = recorder.open(inbound('s3'));
    clock.advance(5000);
    recorder.line('s3', 'server', '250 OK');
    expect(session.lastCommandAt).toBe(clock.now() - 5000);
    recorder.line('s3', 'client', 'NOOP');
    expect(session.lastCommandAt).toBe(clock.now());
  });

  it('counts active client sessions, not deliveries in flight', () => {
    recorder.open(inbound('a', '127.0.0.1'));
    recorder.open(inbound('b', '127.0.0.1', 'submissions'));
    recorder.open(outbound('d1', '127.0.0.1'));
    recorder.open(outbound('d2', '198.51.100.25'));
    expect(recorder.activeCount()).toBe(2);
    expect(recorder.activeCount('submission')).toBe(1);
    expect(recorder.countFrom('127.0.0.1')).toBe(2);
    expect(recorder.countFrom('198.51.100.25')).toBe(0);
    expect(recorder.inboundSinceStart).toBe(2);
    recorder.close('a');
    expect(recorder.activeCount()).toBe(1);
  });

  it('ignores lines and changes for a session it does not know (already closed)', () => {
    recorder.open(inbound('gone'));
    recorder.close('gone');
    recorder.line('gone', 'client', 'QUIT');
    recorder.update('gone', { helo: 'late.test' });
    store.writer.flush();
    expect(store.sessions.lines('gone')).toEqual([]);
    expect(store.sessions.get('gone')!.helo).toBeNull();
  });
});
