// The test DNS server as Node's own resolver (c-ares) sees it: record types, NXDOMAIN
// vs NODATA, scripted failures and delays, DNSBL and PTR names, live zone edits.
import { Resolver } from 'node:dns/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dnsblListing, ptrName } from './dns-names';
import { startDnsServer, type DnsServer, type ZoneRecord } from './dns-server';

// 410 characters, as a 2048-bit DKIM key record is: more than one 255-byte character-string.
const DKIM_RECORD = `v=DKIM1; k=rsa; p=${'A'.repeat(392)}`;

const ZONE: ZoneRecord[] = [
  { name: 'example.test', type: 'MX', data: { preference: 20, exchange: 'mx2.example.test' } },
  { name: 'example.test', type: 'MX', data: { preference: 10, exchange: 'mx1.example.test' } },
  { name: 'example.test', type: 'TXT', data: 'v=spf1 ip4:127.0.0.0/8 -all' },
  { name: 'sel1._domainkey.example.test', type: 'TXT', data: DKIM_RECORD },
  { name: 'mx1.example.test', type: 'A', data: '127.0.0.2' },
  { name: 'mx1.example.test', type: 'AAAA', data: '::1' },
  { name: 'mx2.example.test', type: 'A', data: '127.0.0.3' },
  { name: 'smtp.example.test', type: 'CNAME', data: 'mx1.example.test' },
  { name: 'nomail.test', type: 'MX', data: { preference: 0, exchange: '.' } },
  { name: ptrName('127.0.0.2'), type: 'PTR', data: 'mx1.example.test' },
];

let dns: DnsServer;
let resolver: Resolver;

beforeEach(async () => {
  dns = await startDnsServer(ZONE);
  resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers(dns.servers);
});

afterEach(async () => {
  await dns.close();
});

describe('records', () => {
  it('serves MX, A, AAAA and CNAME records', async () => {
    const mx = await resolver.resolveMx('example.test');
    expect(mx.sort((a, b) => a.priority - b.priority)).toEqual([
      { priority: 10, exchange: 'mx1.example.test' },
      { priority: 20, exchange: 'mx2.example.test' },
    ]);
    expect(await resolver.resolve4('mx1.example.test')).toEqual(['127.0.0.2']);
    expect(await resolver.resolve6('mx1.example.test')).toEqual(['::1']);
    expect(await resolver.resolve4('smtp.example.test')).toEqual(['127.0.0.2']);
    expect(await resolver.resolveCname('smtp.example.test')).toEqual(['mx1.example.test']);
  });

  it('serves a null MX (RFC 7505) as an empty exchange', async () => {
    expect(await resolver.resolveMx('nomail.test')).toEqual([{ priority: 0, exchange: '' }]);
  });

  it('splits a long TXT record into 255-byte character-strings, as real DNS does', async () => {
    const [chunks = []] = await resolver.resolveTxt('sel1._domainkey.example.test');
    expect(chunks.map((chunk) => chunk.length)).toEqual([255, DKIM_RECORD.length - 255]);
    expect(chunks.join('')).toBe(DKIM_RECORD);
    expect(await resolver.resolveTxt('example.test')).toEqual([['v=spf1 ip4:127.0.0.0/8 -all']]);
  });

  it('answers PTR queries for reverse lookups', async () => {
    expect(await resolver.reverse('127.0.0.2')).toEqual(['mx1.example.test']);
  });

  it('matches names case-insensitively and ignores the root dot', async () => {
    expect(await resolver.resolve4('MX1.Example.TEST.')).toEqual(['127.0.0.2']);
  });

  it('answers a larger record than UDP carries by making the resolver retry over TCP', async () => {
    const big = 'x'.repeat(3000);
    dns.add({ name: 'big.example.test', type: 'TXT', data: big });
    const [chunks = []] = await resolver.resolveTxt('big.example.test');
    expect(chunks.join('')).toBe(big);
    const transports = dns.queries.filter((query) => query.name === 'big.example.test').map((query) => query.transport);
    expect(transports).toEqual(['udp', 'tcp']);
  });
});

describe('negative answers', () => {
  it('reports an unknown name as NXDOMAIN (ENOTFOUND)', async () => {
    await expect(resolver.resolve4('missing.example.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('reports a known name without the asked type as NODATA (ENODATA)', async () => {
    await expect(resolver.resolve6('mx2.example.test')).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it('treats a name that only has names below it as existing (RFC 8020)', async () => {
    await expect(resolver.resolveTxt('_domainkey.example.test')).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it('judges a CNAME chain by its last name', async () => {
    dns.add({ name: 'dangling.example.test', type: 'CNAME', data: 'gone.example.test' });
    await expect(resolver.resolve4('dangling.example.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('scripted behaviour', () => {
  it('forces an rcode for a name, optionally for one type only, until cleared', async () => {
    dns.setRcode('example.test', 'SERVFAIL', 'MX');
    await expect(resolver.resolveMx('example.test')).rejects.toMatchObject({ code: 'ESERVFAIL' });
    expect(await resolver.resolveTxt('example.test')).toHaveLength(1);
    dns.setRcode('mx1.example.test', 'REFUSED');
    await expect(resolver.resolve4('mx1.example.test')).rejects.toMatchObject({ code: 'EREFUSED' });
    dns.setRcode('mx2.example.test', 'NXDOMAIN');
    await expect(resolver.resolve4('mx2.example.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    dns.setRcode('example.test', null, 'MX');
    expect(await resolver.resolveMx('example.test')).toHaveLength(2);
  });

  it('never answers a name delayed by Infinity, so the client times out', async () => {
    const impatient = new Resolver({ timeout: 200, tries: 1 });
    impatient.setServers(dns.servers);
    dns.delay('mx1.example.test', Infinity);
    await expect(impatient.resolve4('mx1.example.test')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    expect(await impatient.resolve4('mx2.example.test')).toEqual(['127.0.0.3']);
  });

  it('answers a delayed name once the delay has passed', async () => {
    dns.delay('mx1.example.test', 50);
    expect(await resolver.resolve4('mx1.example.test')).toEqual(['127.0.0.2']);
  });

  it('applies zone edits to the next query', async () => {
    dns.remove('mx1.example.test', 'A');
    await expect(resolver.resolve4('mx1.example.test')).rejects.toMatchObject({ code: 'ENODATA' });
    dns.add({ name: 'mx1.example.test', type: 'A', data: '127.0.0.9' });
    expect(await resolver.resolve4('mx1.example.test')).toEqual(['127.0.0.9']);
    dns.set([{ name: 'fresh.test', type: 'A', data: '127.0.0.4' }]);
    await expect(resolver.resolveMx('example.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(await resolver.resolve4('fresh.test')).toEqual(['127.0.0.4']);
  });

  it('rejects records dns-packet would encode wrongly', () => {
    expect(() => dns.add({ name: 'bad.test', type: 'A', data: '::1' })).toThrow(/IPv4/);
    expect(() => dns.add({ name: 'bad.test', type: 'TXT', data: ['y'.repeat(256)] })).toThrow(/255 bytes/);
  });
});

describe('DNSBL zones', () => {
  it('lists an address with an A return code and a TXT reason (RFC 5782)', async () => {
    dns.add(...dnsblListing('zen.example', '127.0.0.2', { reason: 'Listed: see https://zen.example/127.0.0.2' }));
    expect(await resolver.resolve4('2.0.0.127.zen.example')).toEqual(['127.0.0.2']);
    expect(await resolver.resolveTxt('2.0.0.127.zen.example')).toEqual([['Listed: see https://zen.example/127.0.0.2']]);
    await expect(resolver.resolve4('3.0.0.127.zen.example')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('builds IPv6 listings from reversed nibbles', async () => {
    dns.add(...dnsblListing('zen.example', '2001:db8::1', { code: '127.0.0.4' }));
    const name = `1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.example`;
    expect(await resolver.resolve4(name)).toEqual(['127.0.0.4']);
  });
});

describe('query log', () => {
  it('records each query and lets a test wait for one', async () => {
    const seen = dns.waitForQuery((query) => query.type === 'MX' && query.name === 'example.test');
    await resolver.resolveMx('Example.Test');
    await expect(seen).resolves.toMatchObject({ name: 'example.test', type: 'MX', transport: 'udp' });
  });
});

describe('IPv6 loopback', () => {
  it('serves on [::1] as well', async () => {
    const v6 = await startDnsServer(ZONE, { host: '::1' });
    try {
      const overV6 = new Resolver({ timeout: 2000, tries: 1 });
      overV6.setServers(v6.servers);
      expect(v6.servers).toEqual([`[::1]:${v6.port}`]);
      expect(await overV6.resolve4('mx2.example.test')).toEqual(['127.0.0.3']);
    } finally {
      await v6.close();
    }
  });
});
