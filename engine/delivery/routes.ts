// Routes and routing rules: which way each message leaves. The choice (including a
// percentage split) is made once, when the message is accepted, and stored with it.
import type { RouteInput, RouteView, RoutingRules, Stream } from '../api/contract';
import type { Store, StoredRoute, StoredSmarthost } from '../store/index';
import type { SecretBox } from '../shared/secret-box';
import type { Clock } from '../shared/clock';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { isValidDomain, normalizeDomain } from '../shared/domains';

const RULES_KEY = 'routing.rules';
const BUILT_IN = new Set(['sandbox', 'direct']);
const NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Until the operator picks a live route, everything is captured by the sandbox. */
export const defaultRoutingRules: RoutingRules = { defaultRoute: 'sandbox', byStream: {}, bySenderDomain: {}, split: null };

export interface ResolvedSmarthost extends Omit<StoredSmarthost, 'passwordSealed'> {
  password: string | null;
}

export class RouteService {
  private routes = new Map<string, StoredRoute>();
  private rules: RoutingRules;

  constructor(
    private readonly store: Store,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
    private readonly random: () => number = Math.random,
  ) {
    for (const route of store.routes.list()) this.routes.set(route.name, route);
    this.rules = store.settings.get<RoutingRules>(RULES_KEY) ?? defaultRoutingRules;
  }

  list(): RouteView[] {
    return [...this.routes.values()].map(toView);
  }

  get(name: string): StoredRoute | undefined {
    return this.routes.get(name);
  }

  /** The smarthost settings with the password unsealed, for the sender only. */
  smarthost(name: string): ResolvedSmarthost | null {
    const settings = this.routes.get(name)?.smarthost;
    if (!settings) return null;
    const { passwordSealed, ...rest } = settings;
    return { ...rest, password: passwordSealed ? this.secrets.open(passwordSealed) : null };
  }

  async save(input: RouteInput): Promise<RouteView> {
    if (!NAME.test(input.name)) throw new ValidationError(`Route name "${input.name}" is not allowed: use 1-40 lower-case letters, digits or dashes.`, { field: 'name' });
    if (BUILT_IN.has(input.name)) throw new ConflictError(`"${input.name}" is a built-in route and cannot be changed.`, { name: input.name });
    const { smarthost } = input;
    if (!/^[A-Za-z0-9.-]+$/.test(smarthost.host) && !/^[0-9a-f:.]+$/i.test(smarthost.host)) {
      throw new ValidationError(`Smarthost "${smarthost.host}" is not a host name or address.`, { field: 'smarthost.host' });
    }
    const existing = this.routes.get(input.name);
    const now = this.clock.now();
    const passwordSealed = smarthost.password !== undefined
      ? (smarthost.password === '' ? null : this.secrets.seal(smarthost.password))
      : (existing?.smarthost?.passwordSealed ?? null);
    const route: StoredRoute = {
      name: input.name,
      kind: 'smarthost',
      smarthost: {
        host: smarthost.host,
        port: smarthost.port,
        tls: smarthost.tls,
        username: smarthost.username ?? null,
        passwordSealed,
        verifyCertificate: smarthost.verifyCertificate ?? true,
        maxConnections: smarthost.maxConnections ?? null,
      },
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await this.store.writer.commit(() => this.store.routes.save(route));
    this.routes.set(route.name, route);
    return toView(route);
  }

  async remove(name: string): Promise<void> {
    if (BUILT_IN.has(name)) throw new ConflictError(`"${name}" is a built-in route and cannot be removed.`, { name });
    if (!this.routes.has(name)) throw new NotFoundError(`No route named "${name}".`, { name });
    const users = routesIn(this.rules);
    if (users.has(name)) throw new ConflictError(`Route "${name}" is used by the routing rules; change them first.`, { name });
    await this.store.writer.commit(() => this.store.routes.remove(name));
    this.routes.delete(name);
  }

  getRules(): RoutingRules {
    return structuredClone(this.rules);
  }

  async setRules(rules: RoutingRules): Promise<RoutingRules> {
    for (const name of routesIn(rules)) {
      if (!this.routes.has(name)) throw new ValidationError(`Routing rules name the route "${name}", which does not exist.`, { route: name });
    }
    for (const domain of Object.keys(rules.bySenderDomain)) {
      if (!isValidDomain(domain)) throw new ValidationError(`"${domain}" is not a domain.`, { field: 'bySenderDomain' });
    }
    if (rules.split && (rules.split.from === rules.split.to)) throw new ValidationError('A split needs two different routes.', { field: 'split' });
    const normalized: RoutingRules = {
      ...rules,
      bySenderDomain: Object.fromEntries(Object.entries(rules.bySenderDomain).map(([d, r]) => [normalizeDomain(d), r])),
    };
    await this.store.writer.commit(() => this.store.settings.set(RULES_KEY, normalized, this.clock.now()));
    this.rules = normalized;
    return this.getRules();
  }

  /** The route for a new message: sender domain rule, stream rule, default; then the split. */
  choose(stream: Stream, senderDomain: string): string {
    const rules = this.rules;
    const chosen = ruleFor(rules, stream, senderDomain);
    if (rules.split && rules.split.from === chosen && this.random() * 100 < rules.split.percent) return rules.split.to;
    return chosen;
  }

  /** Every route a new message from `senderDomain` on `stream` may take (two when a split applies). */
  possibleFor(stream: Stream, senderDomain: string): string[] {
    const rules = this.rules;
    const chosen = ruleFor(rules, stream, senderDomain);
    return rules.split?.from === chosen ? [chosen, rules.split.to] : [chosen];
  }

  /** True while nothing can leave the machine: every rule ends in the sandbox. */
  isSandboxOnly(): boolean {
    return [...routesIn(this.rules)].every((name) => this.routes.get(name)?.kind === 'sandbox');
  }
}

function routesIn(rules: RoutingRules): Set<string> {
  const names = new Set([rules.defaultRoute, ...Object.values(rules.byStream), ...Object.values(rules.bySenderDomain)]);
  if (rules.split) {
    names.add(rules.split.from);
    names.add(rules.split.to);
  }
  names.delete(undefined as unknown as string);
  return names;
}

function toView(route: StoredRoute): RouteView {
  const smarthost = route.smarthost;
  return {
    name: route.name,
    kind: route.kind,
    smarthost: smarthost && {
      host: smarthost.host,
      port: smarthost.port,
      tls: smarthost.tls,
      username: smarthost.username,
      hasPassword: smarthost.passwordSealed !== null,
      verifyCertificate: smarthost.verifyCertificate,
      maxConnections: smarthost.maxConnections,
    },
    createdAt: route.createdAt,
    updatedAt: route.updatedAt,
  };
}

function ruleFor(rules: RoutingRules, stream: Stream, senderDomain: string): string {
  return rules.bySenderDomain[senderDomain] ?? rules.byStream[stream] ?? rules.defaultRoute;
}
