// `relaydesk credentials add|list|update|rotate|revoke`.
import type { CredentialInput, CredentialPatch, CredentialView, RateLimit, Stream } from '../../api/contract';
import { UsageError, type Command } from '../command';
import { withClient } from '../clients';
import { onePositional, parseCommandArgs, type ArgValues } from '../args';
import { formatTime, parseDuration, table } from '../output';

const USAGE = `relaydesk credentials add <name> [--username U] [--domains a.com,*.b.com] [--stream transactional|bulk]
                                  [--networks 10.0.0.0/8,...] [--rate 150/10s] [--expires 2027-01-01T00:00:00Z]
relaydesk credentials list [--all]
relaydesk credentials update <username> [--name N] [--domains ...] [--stream ...] [--networks ...] [--rate ...]
                                  [--expires DATE|never] [--enable|--disable]
relaydesk credentials rotate <username> [--grace 24h]   (old secret keeps working for the grace period)
relaydesk credentials revoke <username>`;

const scopeOptions = {
  domains: { type: 'string' },
  stream: { type: 'string' },
  networks: { type: 'string' },
  rate: { type: 'string' },
  expires: { type: 'string' },
} as const;

export const credentials: Command = async (context, args) => {
  const [action, ...rest] = args;
  const run = actions[action ?? ''];
  if (!run) throw new UsageError(action ? `Unknown credentials action "${action}".` : 'Missing credentials action.', USAGE);
  return run(context, rest);
};

const actions: Record<string, Command> = {
  async add({ dataDir, version, out }, args) {
    const { values, positionals } = parseCommandArgs(args, { ...scopeOptions, username: { type: 'string' } }, USAGE);
    const name = onePositional(positionals, 'a name', USAGE);
    const input: CredentialInput = { name, ...scopes(values) };
    if (values.username) input.username = values.username as string;
    return withClient(dataDir, version, async (client) => {
      const issued = await client.call('credentials.add', input);
      out.result({ username: issued.username, secret: issued.secret, credential: issued.credential }, () =>
        [`Created credential "${issued.credential.name}".`, `  username: ${issued.username}`, `  secret:   ${issued.secret}`,
          '  The secret is shown only now; store it in your application\'s configuration.', '', describe(issued.credential)].join('\n'));
    });
  },

  async list({ dataDir, version, out }, args) {
    const { values } = parseCommandArgs(args, { all: { type: 'boolean' } }, USAGE);
    return withClient(dataDir, version, async (client) => {
      const list = await client.call('credentials.list', { includeRevoked: values.all === true });
      out.result(list, () => list.length === 0 ? 'No credentials yet. Create one with `relaydesk credentials add <name>`.'
        : table(['USERNAME', 'NAME', 'STREAM', 'SENDER DOMAINS', 'NETWORKS', 'RATE', 'STATE', 'LAST USED'], list.map((c) => [
          c.username, c.name, c.stream, c.senderDomains.join(','), c.clientNetworks.join(',') || 'any',
          `${c.rateLimit.messages}/${c.rateLimit.windowMs / 1000}s`, stateOf(c), formatTime(c.lastUsedAt),
        ])));
    });
  },

  async update({ dataDir, version, out }, args) {
    const { values, positionals } = parseCommandArgs(args, { ...scopeOptions, name: { type: 'string' }, enable: { type: 'boolean' }, disable: { type: 'boolean' } }, USAGE);
    const username = onePositional(positionals, 'a username', USAGE);
    if (values.enable && values.disable) throw new UsageError('Use --enable or --disable, not both.', USAGE);
    const patch: CredentialPatch = { ...scopes(values) };
    if (values.name) patch.name = values.name as string;
    if (values.enable) patch.isEnabled = true;
    if (values.disable) patch.isEnabled = false;
    return withClient(dataDir, version, async (client) => {
      const updated = await client.call('credentials.update', { username, patch });
      out.result(updated, () => `Updated credential "${username}".\n\n${describe(updated)}`);
    });
  },

  async rotate({ dataDir, version, out }, args) {
    const { values, positionals } = parseCommandArgs(args, { grace: { type: 'string' } }, USAGE);
    const username = onePositional(positionals, 'a username', USAGE);
    const graceMs = values.grace === undefined ? 0 : parseDuration(values.grace as string);
    if (graceMs === null) throw new UsageError(`--grace "${String(values.grace)}" is not a duration such as 30m, 24h or 7d.`, USAGE);
    return withClient(dataDir, version, async (client) => {
      // Without a grace period the engine stops the old secret at its own "now": a time
      // taken here would already be in the past when the call arrives.
      const issued = await client.call('credentials.rotate', graceMs > 0 ? { username, previousValidUntil: Date.now() + graceMs } : { username });
      out.result({ username: issued.username, secret: issued.secret, credential: issued.credential }, () =>
        [`New secret for "${username}": ${issued.secret}`, issued.credential.previousSecretValidUntil
          ? `The previous secret keeps working until ${formatTime(issued.credential.previousSecretValidUntil)}.`
          : 'The previous secret no longer works.'].join('\n'));
    });
  },

  async revoke({ dataDir, version, out }, args) {
    const { positionals } = parseCommandArgs(args, {}, USAGE);
    const username = onePositional(positionals, 'a username', USAGE);
    return withClient(dataDir, version, async (client) => {
      const revoked = await client.call('credentials.revoke', { username });
      out.result(revoked, () => `Revoked credential "${username}"; it can no longer authenticate.`);
    });
  },
};

function list(value: string | boolean | undefined): string[] | undefined {
  return typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter(Boolean) : undefined;
}

function scopes(values: ArgValues): CredentialPatch {
  const patch: CredentialPatch = {};
  const domains = list(values.domains);
  if (domains) patch.senderDomains = domains;
  const networks = list(values.networks);
  if (networks) patch.clientNetworks = networks;
  if (values.stream !== undefined) {
    if (values.stream !== 'transactional' && values.stream !== 'bulk') {
      throw new UsageError(`--stream "${String(values.stream)}" is not allowed: use transactional or bulk.`, USAGE);
    }
    patch.stream = values.stream as Stream;
  }
  if (values.rate !== undefined) patch.rateLimit = parseRate(String(values.rate));
  if (values.expires !== undefined) {
    const expires = String(values.expires);
    const at = expires === 'never' ? null : Date.parse(expires);
    if (at !== null && Number.isNaN(at)) throw new UsageError(`--expires "${expires}" is not a date such as 2027-01-01T00:00:00Z.`, USAGE);
    patch.expiresAt = at;
  }
  return patch;
}

function parseRate(text: string): RateLimit {
  const [count, window] = text.split('/');
  const messages = Number(count);
  const windowMs = window ? parseDuration(window) : null;
  if (!Number.isInteger(messages) || messages < 1 || windowMs === null) {
    throw new UsageError(`--rate "${text}" is not a rate such as 150/10s or 5000/1h.`, USAGE);
  }
  return { messages, windowMs };
}

function stateOf(credential: CredentialView): string {
  if (credential.revokedAt !== null) return 'revoked';
  if (!credential.isEnabled) return 'disabled';
  if (credential.expiresAt !== null && credential.expiresAt <= Date.now()) return 'expired';
  return 'active';
}

function describe(credential: CredentialView): string {
  return [
    `  sender domains: ${credential.senderDomains.join(', ')}`,
    `  stream:         ${credential.stream}`,
    `  networks:       ${credential.clientNetworks.join(', ') || 'any'}`,
    `  rate limit:     ${credential.rateLimit.messages} messages per ${credential.rateLimit.windowMs / 1000} s`,
    `  expires:        ${credential.expiresAt === null ? 'never' : formatTime(credential.expiresAt)}`,
    `  state:          ${stateOf(credential)}`,
  ].join('\n');
}
