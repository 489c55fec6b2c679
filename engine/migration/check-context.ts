// What the checklist's checks read, gathered once per verification run: the migration, its
// playbook, the engine capabilities they ask, and per-domain results shared between steps.
import type { ChecklistStep, DomainView, ProviderPlaybook, QueueEntry, SpfPlan, WarmupPlanView } from '../api/contract';
import type { DnsLookup } from '../dns/index';
import type { RouteService } from '../delivery/index';
import type { DomainService } from '../domains/index';
import type { StoredMigration } from './repo';
import type { RouteRates } from './rates';
import { planSpf } from './dns-plan';

/** Whether webhook endpoints received events since a time; null when the relay has no webhooks. */
export interface WebhookHealth {
  endpoints: number;
  enabled: number;
  lastSuccessAt: number | null;
  lastError: string | null;
}

export interface ChecklistDeps {
  lookup: DnsLookup;
  routes: RouteService;
  domains: DomainService;
  rates: RouteRates;
  warmupPlans(): WarmupPlanView[];
  recipientsOf(messageId: string): QueueEntry[];
  webhookHealth(since: number): WebhookHealth | null;
  /** The relay's outbound source addresses (per stream), for its warm-up plans. */
  sourceAddresses(): string[];
  /** SPF mechanisms that authorize this relay (ip4:/ip6:, or a: of its host name). */
  relaySpf(): string[];
}

export type StepResult = { status: ChecklistStep['status']; detail: string };

export class CheckContext {
  private readonly spfPlans = new Map<string, Promise<SpfPlan>>();
  private readonly verified = new Map<string, Promise<DomainView | null>>();

  constructor(readonly migration: StoredMigration, readonly playbook: ProviderPlaybook, readonly deps: ChecklistDeps, readonly now: number) {}

  get isFinished(): boolean {
    return this.migration.state === 'completed';
  }

  spf(domain: string): Promise<SpfPlan> {
    let plan = this.spfPlans.get(domain);
    if (!plan) this.spfPlans.set(domain, (plan = planSpf(this.deps.lookup, domain, this.deps.relaySpf(), this.playbook)));
    return plan;
  }

  /** The domain checked against DNS now; null when it is not a sending domain. */
  domainView(domain: string): Promise<DomainView | null> {
    let view = this.verified.get(domain);
    if (!view) {
      view = this.deps.domains.names().includes(domain) ? this.deps.domains.verify(domain) : Promise.resolve(null);
      this.verified.set(domain, view);
    }
    return view;
  }
}

/** One result for all domains: done when each is, otherwise the worst, with every domain's sentence. */
export async function perDomain(context: CheckContext, check: (domain: string) => Promise<StepResult>): Promise<StepResult> {
  const results = await Promise.all(context.migration.domains.map(check));
  const has = (status: ChecklistStep['status']) => results.some((r) => r.status === status);
  const merged = has('failed') ? 'failed' : has('pending') ? 'pending' : results.every((r) => r.status === 'skipped') ? 'skipped' : 'done';
  return { status: merged, detail: results.map((r) => r.detail).join(' ') };
}
