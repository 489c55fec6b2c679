// `relaydesk serve` with a bad configuration or an address it cannot listen on: it exits
// non-zero with a message that names the key, the value and what is allowed, or the
// listener, the address and what to do.
import { readFileSync, writeFileSync, chownSync } from 'node:fs';
import net from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../../support/temp-dir';
import { jsonOf, runCli } from '../../support/process';
import { startHostProcess } from '../../support/host-process';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/config');

afterAll(() => removeTempDirs());

const serveWith = (configPath: string, extra: string[] = []) => runCli(tempDir(), ['serve', '--config', configPath, ...extra]);

/** A port on 127.0.0.1 that this process holds until `close`. */
async function occupiedPort(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

describe('invalid configuration files', () => {
  it.each([
    ['unknown-key.yaml', /^unknown key "listners": remove it or check its spelling \(allowed keys: hostname, listeners, tls, trustedNetworks, limits, auth, .*store\)$/],
    ['nested-unknown-key.json', 'limits: unknown key "maxMessageSize": remove it or check its spelling (allowed keys: ' +
      'maxMessageBytes, maxRecipients, maxConnections, maxConnectionsPerAddress, idleTimeoutMs, commandTimeoutMs, dataTimeoutMs)'],
    ['wrong-type.yaml', 'limits.maxRecipients: "ten" is not allowed: expected number'],
    ['port-out-of-range.yaml', 'listeners[0].port: 70000 is not allowed: must be at most 65535'],
    ['bad-enum.yaml', 'listeners[0].tls: "ssl" is not allowed: allowed: "starttls", "implicit", "none"'],
    ['bad-cidr.yaml', 'trustedNetworks[1]: "10.0.0.0/33" is not allowed: must be an address or CIDR range such as 192.168.1.0/24 or 2001:db8::/32'],
  ])('%s: exits 1 naming the key, the value and what is allowed', async (file, problem) => {
    const path = join(FIXTURES, file);
    const result = await serveWith(path);
    expect(result.code).toBe(1);
    const [heading, line, ...rest] = result.stderr.split('\n');
    expect([heading, rest]).toEqual([`relaydesk: Invalid configuration in ${path}:`, ['']]);
    if (typeof problem === 'string') expect(line).toBe(`  ${problem}`);
    else expect(line!.trim()).toMatch(problem);
    expect(result.stdout).toBe('');
  });

  it('reports every problem of a file, one per line', async () => {
    const path = join(tempDir(), 'several.json');
    writeFileSync(path, JSON.stringify({ listeners: [{ name: 'Submission!', port: -1, tls: 'starttls' }], reverseDns: 'yes' }));
    const result = await serveWith(path);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').slice(1, -1)).toEqual([
      '  listeners[0].name: "Submission!" is not allowed: must be 1-32 lower-case letters, digits or dashes',
      '  listeners[0].port: -1 is not allowed: must be at least 0',
      '  reverseDns: "yes" is not allowed: expected boolean',
    ]);
  });

  it('invalid YAML: says so with the line and column', async () => {
    const path = join(FIXTURES, 'invalid.yaml');
    const result = await serveWith(path);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^relaydesk: ${path.replace(/[.]/g, '\\.')} is not valid YAML:\\n  .*at line 4, column 1`));
  });

  it('invalid JSON: says so with the parser\'s reason', async () => {
    const path = join(FIXTURES, 'invalid.json');
    const result = await serveWith(path);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^relaydesk: .*invalid\.json is not valid JSON: .*position \d+/);
  });

  it('a file that is missing or of another type; --json gives the error as JSON', async () => {
    const missing = join(tempDir(), 'nowhere.yaml');
    const result = await serveWith(missing, ['--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr)).toEqual({ error: { code: 'config', message: expect.stringMatching(
      new RegExp(`^Cannot read config file ${missing.replace(/[.]/g, '\\.')}: ENOENT`)) } });
    const toml = join(tempDir(), 'config.toml');
    writeFileSync(toml, 'x = 1\n');
    expect((await serveWith(toml)).stderr).toBe(`relaydesk: Config file ${toml} must end in .json, .yaml or .yml.\n`);
  });

  it('the config.yaml in the data directory is read when --config is not given', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'config.yaml'), readFileSync(join(FIXTURES, 'bad-enum.yaml')));
    const result = await runCli(dataDir, ['serve']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Invalid configuration in ${join(dataDir, 'config.yaml')}:\n  listeners[0].tls: "ssl" is not allowed`);
  });
});

describe('addresses the relay cannot listen on', () => {
  it('a port in use: the only listener fails, serve exits 1 naming the listener and address', async () => {
    const taken = await occupiedPort();
    try {
      const path = join(tempDir(), 'config.json');
      writeFileSync(path, JSON.stringify({ listeners: [{ name: 'submission', port: taken.port, tls: 'starttls' }], control: { port: 0 } }));
      const result = await serveWith(path);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`relaydesk: No SMTP listener could start:\n  Cannot listen on 127.0.0.1:${taken.port} ` +
        '(listener submission): the port is already in use by another program (another Relaydesk or mail server?). ' +
        'Stop it or choose another port.\n');
    } finally {
      await taken.close();
    }
  });

  it('a port in use for one listener: the others run and the failed one is reported with its reason', async () => {
    const taken = await occupiedPort();
    const host = await startHostProcess(tempDir(), {
      listeners: [{ name: 'submission', port: 0, tls: 'starttls' }, { name: 'busy', port: taken.port, tls: 'implicit' }],
      control: { port: 0 },
    });
    try {
      expect(host.listeners.map((l) => [l.name, l.state])).toEqual([['submission', 'listening'], ['busy', 'failed']]);
      expect(host.listeners[1]!.error).toMatch(/^Cannot listen on 127\.0\.0\.1:\d+ \(listener busy\): the port is already in use/);
      const status = jsonOf<{ listeners: Array<{ name: string; error: string | null }> }>(await runCli(host.dataDir, ['status', '--json']));
      expect(status.listeners.find((l) => l.name === 'busy')?.error).toBe(host.listeners[1]!.error);
    } finally {
      expect(await host.stop()).toBe(0);
      await taken.close();
    }
  });

  it('the control port in use: serve exits 1 and says which setting to change', async () => {
    const taken = await occupiedPort();
    try {
      const path = join(tempDir(), 'config.json');
      writeFileSync(path, JSON.stringify({ listeners: [{ name: 'submission', port: 0, tls: 'starttls' }], control: { port: taken.port } }));
      const result = await serveWith(path);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`relaydesk: The console port 127.0.0.1:${taken.port} is in use; set control.port in the config.\n`);
    } finally {
      await taken.close();
    }
  });

  // Root may bind anywhere, so the host runs as `nobody` to meet the privilege check it explains.
  const unprivilegedStart = Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'));
  it.skipIf(!(unprivilegedStart > 587))('a privileged port without privileges: says how to grant them or use a high port', async () => {
    const dataDir = tempDir();
    const path = join(dataDir, 'config.json');
    writeFileSync(path, JSON.stringify({ listeners: [{ name: 'submission', port: 587, tls: 'starttls' }], control: { port: 0 } }));
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if (asNobody.uid !== undefined) chownSync(dataDir, asNobody.uid, asNobody.gid);
    const result = await runCli(dataDir, ['serve', '--config', path], { ...asNobody, env: { ...process.env, HOME: dataDir } });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('Cannot listen on 127.0.0.1:587 (listener submission): ports below 1024 need privileges. ' +
      'Grant them with `sudo setcap cap_net_bind_service=+ep "$(command -v node)"`, or listen on a high port (e.g. 2587) ' +
      'and forward the privileged port to it with your firewall.');
  });
});
