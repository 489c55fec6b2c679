// Starting a migration: the provider's smarthost route (SES's SMTP password derived, every
// password sealed by the route service), the migrated domains routed through it, the ramp's
// schedule and thresholds fixed.
import type { MigrationInput, MigrationThresholds, WarmupPlanView } from '../api/contract';
import type { RouteService } from '../delivery/index';
import { isValidDomain, normalizeDomain } from '../shared/domains';
import { ValidationError } from '../shared/errors';
import { playbook } from './providers/index';
import { sesHost } from './providers/ses';
import { DEFAULT_RAMP_DAYS, rampSchedule, routedThrough } from './ramp';
import type { StoredMigration } from './repo';
import { isAwsRegion, sesSmtpPassword } from './ses-password';

export interface StartDeps {
  routes: RouteService;
  thresholds: MigrationThresholds;
  warmupPlans(): WarmupPlanView[];
  sourceAddresses(): string[];
}

function checkSchedule(schedule: number[]): number[] {
  const isValid = schedule.length > 0 && schedule.every((p, i) => p > 0 && p <= 100 && (i === 0 || p >= schedule[i - 1]!)) && schedule.at(-1) === 100;
  if (!isValid) throw new ValidationError('The schedule must be daily percentages above 0 that never decrease and end at 100.', { field: 'schedule' });
  return schedule;
}

/** The ramp follows the longest warm-up plan of the sending addresses, if there is one. */
function defaultSchedule(deps: StartDeps): number[] {
  const sources = new Set(deps.sourceAddresses());
  const days = Math.max(0, ...deps.warmupPlans().filter((plan) => sources.has(plan.sourceAddress)).map((plan) => plan.dailyCaps.length));
  return rampSchedule(days || DEFAULT_RAMP_DAYS);
}

export async function prepareMigration(deps: StartDeps, input: MigrationInput, now: number): Promise<Omit<StoredMigration, 'id'>> {
  const book = playbook(input.provider);
  const domains = [...new Set(input.domains.map(normalizeDomain))];
  const bad = domains.find((domain) => !isValidDomain(domain));
  if (bad !== undefined || domains.length === 0) throw new ValidationError(`"${bad ?? ''}" is not a domain; give the domains that move.`, { field: 'domains' });
  const region = input.region ?? book.regions[0]?.id ?? null;
  if (input.region !== undefined && book.regions.length === 0) throw new ValidationError(`${book.name} has no regions.`, { field: 'region' });
  if (input.provider === 'ses' && !isAwsRegion(region!)) throw new ValidationError(`"${region}" is not an AWS region such as eu-west-1.`, { field: 'region' });
  const regionHost = input.provider === 'ses' ? sesHost(region!) : book.regions.find((r) => r.id === region)?.host;
  if (book.regions.length && input.provider !== 'ses' && !regionHost) {
    throw new ValidationError(`${book.name} has no region "${region}"; choose ${book.regions.map((r) => r.id).join(' or ')}.`, { field: 'region' });
  }
  const oldRoute = input.routeName ?? input.provider;
  const newRoute = input.newRoute ?? 'direct';
  if (!deps.routes.get(newRoute)) throw new ValidationError(`The route ${newRoute} does not exist.`, { field: 'newRoute' });
  const username = book.smarthost.username.fixed ?? input.credentials.username;
  if (!username) throw new ValidationError(`${book.name} needs an SMTP user: ${book.smarthost.username.hint}`, { field: 'credentials.username' });
  const { secretAccessKey } = input.credentials;
  const password = book.smarthost.password.derivedFrom && secretAccessKey ? sesSmtpPassword(secretAccessKey, region!) : input.credentials.password;
  if (password === undefined && !deps.routes.get(oldRoute)?.smarthost?.passwordSealed) {
    throw new ValidationError(`${book.name} needs an SMTP password: ${book.smarthost.password.hint}`, { field: 'credentials.password' });
  }
  const override = input.smarthost ?? {};
  const tls = override.tls ?? book.smarthost.tls;
  await deps.routes.save({
    name: oldRoute,
    smarthost: {
      host: override.host ?? regionHost ?? book.smarthost.host,
      port: override.port ?? (tls === book.smarthost.tls ? book.smarthost.port : book.smarthost.otherPorts.find((p) => p.tls === tls)?.port ?? book.smarthost.port),
      tls, username, ...(password !== undefined && { password }), verifyCertificate: override.verifyCertificate ?? true,
    },
  });
  const migration: Omit<StoredMigration, 'id'> = {
    provider: book.id, domains, oldRoute, newRoute, state: 'preparing',
    settings: {
      thresholds: { ...deps.thresholds, ...input.thresholds },
      schedule: checkSchedule(input.schedule ?? defaultSchedule(deps)),
      region,
      oldDkimSelectors: [...new Set(input.oldDkimSelectors ?? [])],
    },
    splitPercent: 0, splitStartedAt: null, pausedReason: null, pausedAt: null, rates: null, testMessageIds: [],
    createdAt: now, updatedAt: now, completedAt: null,
  };
  // Until the split starts, the migrated domains' mail leaves through the provider, as before the move.
  await deps.routes.setRules(routedThrough(deps.routes.getRules(), { ...migration, id: 0 }, oldRoute));
  return migration;
}
