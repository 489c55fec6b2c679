// The checklist's steps about mail flow: the old provider's route and rules, a test message
// delivered, webhooks receiving, the ramp, rates under the thresholds, the warm-up day, the
// cutover and the old route's removal; each judged from the engine's own state.
import type { RoutingRules, Stream } from '../api/contract';
import type { CheckContext, StepResult } from './check-context';
import { assertNever } from '../shared/assert-never';
import { crossedThresholds, volumeOf } from './rates';

const STREAMS: Stream[] = ['transactional', 'bulk'];
const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(2)}%`);

/** The route a domain's mail takes on each stream, before any split. */
export function routeOf(rules: RoutingRules, domain: string): string[] {
  return [...new Set(STREAMS.map((stream) => rules.bySenderDomain[domain] ?? rules.byStream[stream] ?? rules.defaultRoute))];
}

export async function checkOldRoute({ migration, deps }: CheckContext): Promise<StepResult> {
  const route = deps.routes.list().find((r) => r.name === migration.oldRoute);
  if (!route?.smarthost) return { status: migration.state === 'completed' ? 'done' : 'failed', detail: `The route ${migration.oldRoute} does not exist (any more).` };
  const { host, port, tls, username } = route.smarthost;
  return { status: 'done', detail: `Route ${route.name} sends through ${host}:${port} (${tls}) as ${username ?? 'no user'}.` };
}

export async function checkRoutingOld({ migration, deps }: CheckContext): Promise<StepResult> {
  if (migration.state === 'completed') return { status: 'done', detail: 'Superseded by the cutover.' };
  const rules = deps.routes.getRules();
  const elsewhere = migration.domains.filter((domain) => routeOf(rules, domain).some((route) => route !== migration.oldRoute));
  if (elsewhere.length) return { status: 'failed', detail: `Mail from ${elsewhere.join(', ')} does not leave through ${migration.oldRoute}; set it as the route for these domains (routing.set).` };
  return { status: 'done', detail: `Mail from ${migration.domains.join(', ')} leaves through ${migration.oldRoute}.` };
}

export async function checkDomainsAdded({ migration, deps }: CheckContext): Promise<StepResult> {
  const known = new Set(deps.domains.names());
  const missing = migration.domains.filter((domain) => !known.has(domain));
  if (missing.length) return { status: 'failed', detail: `Add ${missing.join(', ')} as sending domains (domains.add) to get Relaydesk's DKIM key and records.` };
  return { status: 'done', detail: `${migration.domains.join(', ')} are sending domains of this relay.` };
}

export async function checkTestMessage({ migration, deps }: CheckContext): Promise<StepResult> {
  const id = migration.testMessageIds.at(-1);
  if (!id) return { status: 'pending', detail: `Send a test message through ${migration.newRoute} (migration.sendTest).` };
  const recipients = deps.recipientsOf(id);
  const failed = recipients.filter((r) => r.state === 'bounced' || r.state === 'expired' || r.state === 'suppressed');
  if (failed.length) return { status: 'failed', detail: `Test message ${id} was not delivered to ${failed.map((r) => `${r.address} (${r.lastReply ?? r.reason ?? r.state})`).join(', ')}.` };
  if (recipients.length && recipients.every((r) => r.state === 'delivered')) return { status: 'done', detail: `Test message ${id} was delivered to ${recipients.map((r) => r.address).join(', ')}.` };
  return { status: 'pending', detail: `Test message ${id} is on its way: ${recipients.map((r) => `${r.address} ${r.state}${r.reason ? ` (${r.reason})` : ''}`).join(', ')}.` };
}

export async function checkWebhooks({ migration, deps }: CheckContext): Promise<StepResult> {
  const health = deps.webhookHealth(migration.createdAt);
  if (!health) return { status: 'pending', detail: 'This relay has no webhooks; confirm by hand that your application receives delivery events.' };
  if (health.enabled === 0) return { status: 'pending', detail: 'No enabled webhook endpoint: create one (webhooks.create) where the provider\'s webhooks went, in its shape if needed (migration.webhookFormat).' };
  if (health.lastSuccessAt !== null) return { status: 'done', detail: `An endpoint answered 2xx at ${new Date(health.lastSuccessAt).toISOString()}.` };
  return { status: health.lastError ? 'failed' : 'pending', detail: health.lastError ?? 'No event has been posted yet; send a test (webhooks.test).' };
}

export async function checkParallel({ migration }: CheckContext): Promise<StepResult> {
  const days = migration.settings.schedule.length;
  switch (migration.state) {
    case 'preparing':
      return { status: 'pending', detail: `Start sending in parallel (migration.startSplit): ${migration.settings.schedule[0]}% on day 1, 100% on day ${days}.` };
    case 'parallel':
      return migration.splitPercent >= 100
        ? { status: 'done', detail: `Relaydesk sends all the mail ${migration.oldRoute} carried.` }
        : { status: 'pending', detail: `Relaydesk sends ${migration.splitPercent}% of the mail now.` };
    case 'paused':
      return { status: 'failed', detail: `Paused: ${migration.pausedReason ?? 'by the operator'}.` };
    case 'rolled-back':
      return { status: 'failed', detail: 'Rolled back to the old provider.' };
    case 'completed':
      return { status: 'done', detail: 'Completed.' };
    default:
      return assertNever(migration.state, 'migration state');
  }
}

export async function checkRates({ migration, deps, now }: CheckContext): Promise<StepResult> {
  const { thresholds } = migration.settings;
  const rates = deps.rates.over(migration.newRoute, migration.domains, now, thresholds.windowDays);
  const summary = `over ${thresholds.windowDays} days from ${migration.domains.join(', ')} through ${migration.newRoute}: bounces ${percent(rates.bounceRate)}, complaints ${percent(rates.complaintRate)}, deferrals ${percent(rates.deferralRate)}`;
  if (volumeOf(rates) < thresholds.minVolume) return { status: 'pending', detail: `${volumeOf(rates)} attempts ${summary}; ${thresholds.minVolume} needed to judge.` };
  const crossed = crossedThresholds(rates, thresholds);
  if (crossed.length) return { status: 'failed', detail: `${crossed.join('; ')} (${summary}).` };
  return { status: 'done', detail: `Within the thresholds ${summary}.` };
}

export async function checkWarmupDay({ migration, deps, now }: CheckContext): Promise<StepResult> {
  const sources = new Set(deps.sourceAddresses());
  const plans = deps.warmupPlans().filter((plan) => sources.has(plan.sourceAddress));
  const target = migration.settings.schedule.length;
  if (plans.length === 0) {
    const day = migration.splitStartedAt === null ? 0 : Math.floor((now - migration.splitStartedAt) / 86_400_000) + 1;
    if (migration.state === 'completed' || day >= target) return { status: 'done', detail: `No warm-up plan for the sending addresses; the ramp's ${target} days have passed.` };
    return { status: 'pending', detail: `No warm-up plan for the sending addresses; day ${Math.max(day, 0)} of the ramp's ${target}.` };
  }
  const behind = plans.filter((plan) => plan.day !== null && plan.day < target);
  if (behind.length) return { status: 'pending', detail: behind.map((plan) => `${plan.sourceAddress} is on day ${plan.day} of its warm-up (cap ${plan.todayCap}); the ramp needs day ${target}.`).join(' ') };
  return { status: 'done', detail: plans.map((plan) => `${plan.sourceAddress}: ${plan.day === null ? 'warm-up finished' : `day ${plan.day}`}.`).join(' ') };
}

export async function checkCutover({ migration, deps }: CheckContext): Promise<StepResult> {
  if (migration.state !== 'completed') return { status: 'pending', detail: `Once the ramp reaches 100% within the thresholds, migration.complete sends everything through ${migration.newRoute}.` };
  const rules = deps.routes.getRules();
  const stray = migration.domains.filter((domain) => routeOf(rules, domain).some((route) => route !== migration.newRoute));
  if (stray.length || rules.split?.from === migration.oldRoute) return { status: 'failed', detail: `Mail from ${stray.join(', ') || 'these domains'} can still leave through ${migration.oldRoute}.` };
  return { status: 'done', detail: `Every message from ${migration.domains.join(', ')} leaves through ${migration.newRoute}.` };
}

export async function checkOldRouteRemoved({ migration, deps }: CheckContext): Promise<StepResult> {
  if (migration.state !== 'completed') return { status: 'pending', detail: 'After the cutover.' };
  if (deps.routes.get(migration.oldRoute)) return { status: 'pending', detail: `Remove ${migration.oldRoute} (routes.remove) once nothing waits for it, and revoke its credentials at ${migration.provider}.` };
  return { status: 'done', detail: `${migration.oldRoute} is removed.` };
}
