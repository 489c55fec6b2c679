// Brute-force protection on AUTH over real SMTP: each failure is answered later than the
// one before, an address is locked out (454 4.7.0) after too many failures, and a
// session is closed (421) after too many failures in a row. Each test uses its own
// 127.0.0.x address, because the guard counts per client address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialIssued } from '../../../engine/api/contract';
import { ManualClock } from '../../../engine/shared/clock';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { removeTempDirs } from '../../support/temp-dir';
import { authReply, rawSession } from '../../support/raw-smtp';
import { sessionClosed } from '../../support/wait';

const clock = new ManualClock(Date.now());
const LOCKOUT_MS = 10 * 60_000;
let relay: TestRelay;
let port: number;
let issued: CredentialIssued;

beforeAll(async () => {
  relay = await startTestRelay({
    auth: { failureDelayMs: 20, maxFailuresPerAddress: 4, maxFailuresPerSession: 3, failureWindowMs: 60_000, lockoutMs: LOCKOUT_MS },
  }, { clock, delivery: false });
  port = relay.port('submission');
  issued = await relay.engine.client.call('credentials.add', { name: 'guarded' });
});

afterAll(async () => {
  await relay.stop();
  removeTempDirs();
});

describe('AUTH failures', () => {
  it('slows each failure of an address down: the delay doubles (recorded in the transcript)', async () => {
    const { client } = await rawSession(port, { startTls: true, localAddress: '127.0.0.11' });
    expect((await client.authPlain(issued.username, 'wrong-1')).last).toBe('535 5.7.8 Authentication credentials invalid.');
    expect((await client.authPlain(issued.username, 'wrong-2')).last).toBe('535 5.7.8 Authentication credentials invalid.');
    const closed = sessionClosed(relay.engine, (session) => session.remoteAddress === '127.0.0.11');
    client.close();
    const session = await closed;
    const { lines } = await relay.engine.client.call('sessions.get', { id: session.id });
    const notes = lines.filter((line) => line.kind === 'info' && line.text.startsWith('policy: AUTH failed')).map((line) => line.text);
    expect(notes).toEqual([
      'policy: AUTH failed for "guarded" (1 in this session), answering in 20 ms',
      'policy: AUTH failed for "guarded" (2 in this session), answering in 40 ms',
    ]);
  });

  it('locks an address out with 454 4.7.0 after maxFailuresPerAddress, even for the right secret, until lockoutMs passed', async () => {
    const from = { localAddress: '127.0.0.12' };
    for (let i = 1; i <= 4; i++) {
      expect(await authReply(port, issued.username, `wrong-${i}`, from)).toBe('535 5.7.8 Authentication credentials invalid.');
    }
    const lockedUntil = new Date(clock.now() + LOCKOUT_MS).toISOString();
    expect(await authReply(port, issued.username, issued.secret, from)).toBe(
      `454 4.7.0 Too many failed authentication attempts from 127.0.0.12; try again after ${lockedUntil}.`);
    // Other addresses are not affected.
    expect(await authReply(port, issued.username, issued.secret, { localAddress: '127.0.0.13' })).toMatch(/^235 /);

    clock.advance(LOCKOUT_MS + 1);
    expect(await authReply(port, issued.username, issued.secret, from)).toMatch(/^235 /);
  });

  it('a success clears the address\'s count of failures', async () => {
    const from = { localAddress: '127.0.0.14' };
    for (let i = 1; i <= 3; i++) await authReply(port, issued.username, `wrong-${i}`, from);
    expect(await authReply(port, issued.username, issued.secret, from)).toMatch(/^235 /);
    for (let i = 1; i <= 3; i++) {
      expect(await authReply(port, issued.username, `wrong-again-${i}`, from)).toMatch(/^535 5\.7\.8 /);
    }
    expect(await authReply(port, issued.username, issued.secret, from)).toMatch(/^235 /);
  });

  it('closes the session with 421 4.7.0 after maxFailuresPerSession failures in a row', async () => {
    const { client } = await rawSession(port, { startTls: true, localAddress: '127.0.0.15' });
    expect((await client.authPlain(issued.username, 'wrong-1')).code).toBe(535);
    expect((await client.authLogin(issued.username, 'wrong-2')).code).toBe(535);
    expect((await client.authPlain(issued.username, 'wrong-3')).last).toBe(
      '421 4.7.0 Too many failed authentication attempts (3); closing connection.');
    await client.waitClosed();
  });
});
