// The desktop host runs the engine on the shared data directory with the control
// endpoint the CLI uses, writes control.json as 'desktop', refuses a directory a
// headless host already holds, and stops cleanly.
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { EngineLog } from '../../../engine/index';
import { readControlInfo, readToken } from '../../../engine/http/index';
import { connectRemote } from '../../../engine/host/ws-client';
import { startDesktopHost, type DesktopHostOptions } from '../../../main/desktop-host';
import { startHostProcess } from '../../support/host-process';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

const CONFIG = {
  hostname: 'desk.test',
  listeners: [{ name: 'submission', port: 0, tls: 'starttls' }],
  control: { port: 0 },
};

afterAll(() => removeTempDirs());

function options(dataDir: string, overrides: Partial<DesktopHostOptions> = {}): DesktopHostOptions {
  return { dataDir, version: '9.9.9', pid: process.pid, log: vi.fn<EngineLog>(), ...overrides };
}

function withConfig(config: object = CONFIG): string {
  const dataDir = tempDir();
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(config));
  return dataDir;
}

describe('startDesktopHost', () => {
  it('runs the engine with the data directory config and a control endpoint the CLI can use', async () => {
    const dataDir = withConfig();
    const started = await startDesktopHost(options(dataDir));
    if (!started.ok) throw new Error(started.problem.message);
    const { host } = started;
    try {
      expect(host.controlProblem).toBeNull();
      expect(readControlInfo(dataDir)).toMatchObject({ host: 'desktop', pid: process.pid, url: host.control!.url });
      const remote = await connectRemote(host.control!.url, readToken(dataDir)!);
      const status = await remote.client.call('engine.status', {});
      remote.close();
      expect(status).toMatchObject({ version: '9.9.9', hostname: 'desk.test', dataDir });
      expect(status.listeners).toMatchObject([{ name: 'submission', state: 'listening' }]);
    } finally {
      await host.stop();
    }
    expect(readControlInfo(dataDir)).toBeNull();
    expect(existsSync(join(dataDir, 'engine.lock'))).toBe(false);
  });

  it('keeps running over IPC when the console port is taken, and says why', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const log = vi.fn<EngineLog>();
    const started = await startDesktopHost(options(withConfig({ ...CONFIG, control: { port } }), { log }));
    blocker.close();
    if (!started.ok) throw new Error(started.problem.message);
    await started.host.stop();
    expect(started.host.control).toBeNull();
    expect(started.host.controlProblem).toContain(`127.0.0.1:${port} is in use`);
    expect(log).toHaveBeenCalledWith('warn', started.host.controlProblem);
  });

  it('refuses a data directory a running headless host holds, with a message to act on', async () => {
    const dataDir = tempDir();
    const headless = await startHostProcess(dataDir, CONFIG);
    try {
      const started = await startDesktopHost(options(dataDir));
      expect(started.ok).toBe(false);
      if (started.ok) return;
      expect(started.problem.title).toBe('Relaydesk is already running on this data directory');
      expect(started.problem.message).toContain(`pid ${headless.child.pid}`);
      expect(started.problem.message).toContain('RELAYDESK_DATA_DIR');
    } finally {
      await headless.stop();
    }
  });

  it('reports a broken config instead of throwing', async () => {
    const started = await startDesktopHost(options(withConfig({ listeners: [{ name: 'Bad Name', port: 0, tls: 'starttls' }] })));
    expect(started).toMatchObject({ ok: false, problem: { title: 'The Relaydesk configuration has errors' } });
  });

  it('stops once even when asked twice (window close and quit)', async () => {
    const started = await startDesktopHost(options(withConfig()));
    if (!started.ok) throw new Error(started.problem.message);
    await Promise.all([started.host.stop(), started.host.stop()]);
    expect(started.host.stop()).toBe(started.host.stop());
  });
});
