// Configuration parsing: safe defaults, and errors that name the key, the value given
// and what is allowed, one line per problem.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues, formatPath, loadConfigFile, parseConfig } from '../../../engine/config/index';
import { ConfigError } from '../../../engine/shared/errors';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

afterAll(() => removeTempDirs());

/** The problem lines of a config that must be refused. */
function problems(input: unknown): string[] {
  try {
    parseConfig(input, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as ConfigError).details!.problems as string[];
    expect((error as ConfigError).message).toBe(`Invalid configuration in test.yaml:\n  ${lines.join('\n  ')}`);
    return lines;
  }
  throw new Error('the config was accepted');
}

describe('defaults', () => {
  it('listen on loopback only, trust no network and use the RFC limits', () => {
    const config = parseConfig({});
    expect(config.listeners).toEqual([
      { name: 'submission', host: '127.0.0.1', port: 2525, tls: 'starttls' },
      { name: 'submissions', host: '127.0.0.1', port: 2465, tls: 'implicit' },
    ]);
    expect(config.trustedNetworks).toEqual([]);
    expect(config.control).toEqual({ host: '127.0.0.1', port: 8025, allowedOrigins: [] });
    expect(config.limits).toMatchObject({ maxRecipients: 100, dataTimeoutMs: 600_000 });
    expect(config.messages.bareLineEndings).toBe('normalize');
  });

  it('fill in what a partial section leaves out', () => {
    const config = parseConfig({ limits: { maxRecipients: 5 }, listeners: [{ name: 'relay', port: 0, tls: 'none' }] });
    expect(config.limits).toMatchObject({ maxRecipients: 5, maxConnections: 500, maxMessageBytes: 25 * 1024 * 1024 });
    expect(config.listeners).toEqual([{ name: 'relay', host: '127.0.0.1', port: 0, tls: 'none' }]);
  });
});

describe('errors name the key, the value and what is allowed', () => {
  it.each([
    [{ auth: { delay: 1 } }, 'auth: unknown key "delay": remove it or check its spelling (allowed keys: failureDelayMs, ' +
      'maxFailuresPerAddress, maxFailuresPerSession, failureWindowMs, lockoutMs)'],
    [{ listeners: [{ name: 'a', port: 1, tls: 'none', cert: 'x' }] }, 'listeners[0]: unknown key "cert": remove it or check ' +
      'its spelling (allowed keys: name, host, port, tls)'],
    [{ limits: { maxRecipients: '10' } }, 'limits.maxRecipients: "10" is not allowed: expected number'],
    [{ limits: { maxRecipients: 2.5 } }, 'limits.maxRecipients: 2.5 is not allowed: expected int'],
    [{ limits: { maxMessageBytes: 10 } }, 'limits.maxMessageBytes: 10 is not allowed: must be at least 1024'],
    [{ listeners: [{ name: 'a', port: 65536, tls: 'none' }] }, 'listeners[0].port: 65536 is not allowed: must be at most 65535'],
    [{ listeners: [{ name: 'a', tls: 'none' }] }, 'listeners[0].port: is missing: expected number'],
    [{ messages: { bareLineEndings: 'strip' } }, 'messages.bareLineEndings: "strip" is not allowed: allowed: "normalize", "reject"'],
    [{ trustedNetworks: ['10.0.0.0/8', 'office'] }, 'trustedNetworks[1]: "office" is not allowed: must be an address or CIDR ' +
      'range such as 192.168.1.0/24 or 2001:db8::/32'],
    [{ listeners: [{ name: 'a', host: 'localhost', port: 1, tls: 'none' }] }, 'listeners[0].host: "localhost" is not allowed: ' +
      'must be an IP address such as 127.0.0.1, 0.0.0.0 (every IPv4 interface) or ::1'],
    [{ hostname: 'x'.repeat(80) + '!' }, `hostname: "${'x'.repeat(56)}... is not allowed: must be a host name such as relay.example.com`],
    [{ reverseDns: 'no' }, 'reverseDns: "no" is not allowed: expected boolean'],
  ])('%j', (input, problem) => {
    expect(problems(input)).toEqual([problem]);
  });

  it('an unknown top-level key lists the keys there are', () => {
    const [problem] = problems({ listners: [] });
    expect(problem).toMatch(/^unknown key "listners": remove it or check its spelling \(allowed keys: hostname, listeners, tls, trustedNetworks, limits, auth, messages, reverseDns, control, (.+, )?store\)$/);
  });

  it('a listener address used twice names both listeners', () => {
    expect(problems({ listeners: [{ name: 'a', port: 2525, tls: 'none' }, { name: 'b', port: 2525, tls: 'starttls' }] })).toEqual([
      'listeners[1].port: 2525 is not allowed: duplicates listeners[0] (127.0.0.1:2525); each listener needs its own address and port',
    ]);
    expect(parseConfig({ listeners: [{ name: 'a', port: 0, tls: 'none' }, { name: 'b', port: 0, tls: 'none' }] }).listeners).toHaveLength(2);
  });

  it('lists every problem at once', () => {
    expect(problems({ limits: { maxRecipients: 0, idleTimeoutMs: 'long' }, control: { port: -1 } })).toEqual([
      'limits.maxRecipients: 0 is not allowed: must be at least 1',
      'limits.idleTimeoutMs: "long" is not allowed: expected number',
      'control.port: -1 is not allowed: must be at least 0',
    ]);
  });

  it('blocklist rerouting names exactly one alternative', () => {
    const rule = 'onListing "reroute" needs exactly one of reroute.sourceAddress and reroute.route';
    expect(problems({ blocklists: { onListing: 'reroute' } })).toEqual([`blocklists.reroute: is missing: ${rule}`]);
    expect(problems({ blocklists: { onListing: 'reroute', reroute: { route: 'backup', sourceAddress: '203.0.113.9' } } })).toEqual([
      `blocklists.reroute: {"route":"backup","sourceAddress":"203.0.113.9"} is not allowed: ${rule}`,
    ]);
    expect(parseConfig({ blocklists: { onListing: 'reroute', reroute: { route: 'backup' } } }).blocklists).toMatchObject({ onListing: 'reroute', reroute: { route: 'backup' } });
  });

  it('a config that is not an object at all', () => {
    expect(problems(['listeners'])).toEqual(['(root): ["listeners"] is not allowed: expected object']);
  });
});

describe('describeIssues and formatPath', () => {
  it('work on any zod schema', () => {
    const schema = z.strictObject({ items: z.array(z.strictObject({ size: z.number().max(3) })) });
    const input = { items: [{ size: 1 }, { size: 9 }] };
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!.issues, input)).toEqual(['items[1].size: 9 is not allowed: must be at most 3']);
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['a', 0, 'b', 12])).toBe('a[0].b[12]');
  });
});

describe('loadConfigFile', () => {
  const file = (name: string, text: string) => {
    const path = join(tempDir(), name);
    writeFileSync(path, text);
    return path;
  };

  it('reads YAML and JSON', () => {
    expect(loadConfigFile(file('c.yaml', 'trustedNetworks:\n  - 10.0.0.0/8\n')).trustedNetworks).toEqual(['10.0.0.0/8']);
    expect(loadConfigFile(file('c.yml', 'reverseDns: true\n')).reverseDns).toBe(true);
    expect(loadConfigFile(file('c.json', '{"hostname":"relay.example.com"}')).hostname).toBe('relay.example.com');
    expect(loadConfigFile(file('empty.yaml', '')).listeners).toHaveLength(2);
  });

  it('names the file in every error', () => {
    const invalid = file('bad.yaml', 'limits: [1\n');
    expect(() => loadConfigFile(invalid)).toThrow(new RegExp(`^${invalid} is not valid YAML:\\n  `));
    const wrong = file('wrong.json', '{"limits":{"maxRecipients":"x"}}');
    expect(() => loadConfigFile(wrong)).toThrow(`Invalid configuration in ${wrong}:\n  limits.maxRecipients: "x" is not allowed: expected number`);
    expect(() => loadConfigFile(file('c.ini', ''))).toThrow(/must end in \.json, \.yaml or \.yml\.$/);
    expect(() => loadConfigFile('/nonexistent/relaydesk.yaml')).toThrow(/^Cannot read config file \/nonexistent\/relaydesk\.yaml: ENOENT/);
  });
});
