// Fetching an MTA-STS policy file (RFC 8461 §3.3): GET https://mta-sts.<domain>/.well-known/mta-sts.txt.
// The host name is resolved by the engine's resolver (the DNS view delivery uses for MX), the
// certificate must validate for mta-sts.<domain> against the system CAs plus `delivery.mtaSts.caFile`.
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type { MxResolver } from '../dns/index';
import type { MtaStsConfig } from '../config/domains-schema';

/** RFC 8461 §3.3: senders may limit the policy body; 64 KiB is far above any real policy. */
const MAX_POLICY_BYTES = 64 * 1024;

export class PolicyFetchError extends Error {}

/** The trust store for MTA-STS: the system's CAs, plus the operator's extra ones when configured. */
export function mtaStsTrust(config: MtaStsConfig): string[] | undefined {
  return config.caFile ? [...rootCertificates, readFileSync(config.caFile, 'utf8')] : undefined;
}

export class PolicyFetcher {
  constructor(
    private readonly config: MtaStsConfig,
    private readonly resolver: Pick<MxResolver, 'resolveAddresses'>,
    private readonly ca: string[] | undefined,
  ) {}

  /** The policy file's text; rejects with a PolicyFetchError that says what went wrong. */
  async fetch(domain: string): Promise<string> {
    const host = `mta-sts.${domain}`;
    const [address] = await this.resolver.resolveAddresses(host);
    if (!address) throw new PolicyFetchError(`${host} has no address record`);
    return new Promise((resolve, reject) => {
      const req = request({
        host: address, port: this.config.port, servername: host, path: '/.well-known/mta-sts.txt', method: 'GET',
        headers: { host }, timeout: this.config.timeoutMs, rejectUnauthorized: true, ...(this.ca && { ca: this.ca }),
        // One request per fetch: a pooled socket would outlive the engine and hold tests open.
        agent: false,
      }, (res) => {
        // RFC 8461 §3.3: redirects must not be followed; only a 200 carries a policy.
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new PolicyFetchError(`https://${host}/.well-known/mta-sts.txt answered HTTP ${res.statusCode}`));
        }
        const type = String(res.headers['content-type'] ?? '');
        if (!/^text\/plain\b/i.test(type)) {
          res.resume();
          return reject(new PolicyFetchError(`https://${host}/.well-known/mta-sts.txt is "${type}", not text/plain (RFC 8461 §3.2)`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_POLICY_BYTES) req.destroy(new PolicyFetchError(`the policy of ${domain} is larger than ${MAX_POLICY_BYTES} bytes`));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new PolicyFetchError(`https://${host}/ did not answer within ${this.config.timeoutMs} ms`)));
      req.on('error', (error) => reject(error instanceof PolicyFetchError ? error : new PolicyFetchError(`https://${host}/: ${error.message}`)));
      req.end();
    });
  }
}
