// Which relay the app is attached to: the URL reduced to its origin, the token sealed
// with the keychain (or, without one, in a 0600 file that says so), and attaching only
// after the relay accepted the token.
import { describe, expect, it, vi } from 'vitest';
import { ATTACH_FILE, clearAttachment, loadAttachment, normalizeRelayUrl, saveAttachment, type SecretBox, type SettingsFiles } from '../../../main/attach-settings';
import { attachmentActions } from '../../../main/attachment';
import { createRemoteFrameServer } from '../../../main/remote-frames';
import { ManualTimers, SocketFactory } from './link-stand-ins';

function memoryFiles(): SettingsFiles & { files: Map<string, { text: string; mode: number }> } {
  const files = new Map<string, { text: string; mode: number }>();
  return {
    files,
    read: (path) => files.get(path)?.text ?? null,
    write: (path, text, mode) => void files.set(path, { text, mode }),
    remove: (path) => void files.delete(path),
  };
}

/** Reverses the text: enough to tell sealed from plain. */
const keychain = (isAvailable = true): SecretBox => ({
  isEncryptionAvailable: () => isAvailable,
  encryptString: (plain) => Buffer.from([...plain].reverse().join('')),
  decryptString: (sealed) => [...sealed.toString()].reverse().join(''),
});

describe('attach settings', () => {
  it('keeps the origin of the URL and refuses what is not an http(s) URL', () => {
    expect(normalizeRelayUrl(' http://relay.lan:8025/#token=x ')).toEqual({ ok: true, url: 'http://relay.lan:8025' });
    expect(normalizeRelayUrl('relay.lan:8025')).toMatchObject({ ok: false });
    expect(normalizeRelayUrl('ftp://relay.lan')).toMatchObject({ ok: false });
    expect(normalizeRelayUrl('http://user:pw@relay.lan')).toMatchObject({ ok: false, message: expect.stringContaining('own field') });
  });

  it('seals the token with the keychain and reads it back', () => {
    const files = memoryFiles();
    saveAttachment('/data', { url: 'http://relay.lan:8025', token: 'rd_secret' }, keychain(), files);
    const stored = files.files.get(`/data/${ATTACH_FILE}`)!;
    expect(stored.mode).toBe(0o600);
    expect(stored.text).not.toContain('rd_secret');
    expect(loadAttachment('/data', keychain(), files)).toEqual({ url: 'http://relay.lan:8025', token: 'rd_secret' });
    clearAttachment('/data', files);
    expect(loadAttachment('/data', keychain(), files)).toBeNull();
  });

  it('keeps the token in a user-only file where no keychain exists', () => {
    const files = memoryFiles();
    saveAttachment('/data', { url: 'http://relay.lan:8025', token: 'rd_secret' }, keychain(false), files);
    expect(JSON.parse(files.files.get(`/data/${ATTACH_FILE}`)!.text)).toEqual({ url: 'http://relay.lan:8025', token: { plain: 'rd_secret' } });
    expect(loadAttachment('/data', keychain(false), files)?.token).toBe('rd_secret');
  });

  it('starts local when the file is damaged or cannot be unsealed', () => {
    const files = memoryFiles();
    files.write(`/data/${ATTACH_FILE}`, '{not json', 0o600);
    expect(loadAttachment('/data', keychain(), files)).toBeNull();
    files.write(`/data/${ATTACH_FILE}`, JSON.stringify({ url: 'http://r', token: { sealed: 'AAAA' } }), 0o600);
    expect(loadAttachment('/data', { ...keychain(), decryptString: () => { throw new Error('other user'); } }, files)).toBeNull();
  });
});

describe('attach and detach', () => {
  it('stores nothing when the relay refuses the token', async () => {
    const factory = new SocketFactory();
    const files = memoryFiles();
    const relaunch = vi.fn();
    const actions = attachmentActions({ userData: '/data', box: keychain(), files, openSocket: factory.open, current: { mode: 'local' }, relaunch });
    const result = actions.attach('http://relay.lan:8025', 'wrong');
    factory.last.refuse(401, 'no');
    await expect(result).resolves.toMatchObject({ ok: false });
    expect(files.files.size).toBe(0);
    expect(relaunch).not.toHaveBeenCalled();
    await expect(actions.attach('nonsense', 'x')).resolves.toMatchObject({ ok: false });
  });

  it('relaunches to switch from the own engine, and only reconnects for a new token of the same relay', async () => {
    const factory = new SocketFactory();
    const files = memoryFiles();
    const relaunch = vi.fn();
    const local = attachmentActions({ userData: '/data', box: keychain(), files, openSocket: factory.open, current: { mode: 'local' }, relaunch });
    const switching = local.attach('http://relay.lan:8025/', ' good ');
    factory.last.open();
    await expect(switching).resolves.toEqual({ ok: true, isRelaunching: true });
    expect(relaunch).toHaveBeenCalledTimes(1);
    expect(loadAttachment('/data', keychain(), files)).toEqual({ url: 'http://relay.lan:8025', token: 'good' });

    const server = createRemoteFrameServer({ url: 'http://relay.lan:8025', token: 'good', openSocket: factory.open, timers: new ManualTimers() });
    const setToken = vi.spyOn(server, 'setToken');
    const remote = attachmentActions({ userData: '/data', box: keychain(), files, openSocket: factory.open, current: { mode: 'remote', url: 'http://relay.lan:8025', server }, relaunch });
    const rotating = remote.attach('http://relay.lan:8025', 'newer');
    factory.last.open();
    await expect(rotating).resolves.toEqual({ ok: true, isRelaunching: false });
    expect(setToken).toHaveBeenCalledWith('newer');
    expect(relaunch).toHaveBeenCalledTimes(1);

    await remote.detach();
    expect(files.files.size).toBe(0);
    expect(relaunch).toHaveBeenCalledTimes(2);
  });
});
