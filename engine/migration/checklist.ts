// The migration checklist: its steps in order, what each asks of the operator, and the check
// that verifies it (none for steps only the operator can confirm).
import type { ChecklistStep, MigrationStepId, ProviderPlaybook } from '../api/contract';
import type { CheckContext, StepResult } from './check-context';
import type { StoredMigration, StoredStep } from './repo';
import { checkCleanup, checkDkim, checkDmarc, checkReturnPath, checkSpf } from './checks-dns';
import {
  checkCutover, checkDomainsAdded, checkOldRoute, checkOldRouteRemoved, checkParallel, checkRates, checkRoutingOld, checkTestMessage,
  checkWarmupDay, checkWebhooks,
} from './checks-flow';

interface StepDefinition {
  id: MigrationStepId;
  title: string;
  describe(playbook: ProviderPlaybook, migration: StoredMigration): string;
  run?(context: CheckContext): Promise<StepResult>;
}

const domainsOf = (m: StoredMigration) => m.domains.join(', ');

export const STEPS: readonly StepDefinition[] = [
  { id: 'old-route', title: 'Keep the old provider as a smarthost', run: checkOldRoute,
    describe: (p, m) => `Mail can leave through ${p.name} as route ${m.oldRoute} (${p.smarthost.host}, user ${p.smarthost.username.fixed ?? p.smarthost.username.hint}).` },
  { id: 'routing-old', title: 'Send through the old provider while DNS changes', run: checkRoutingOld,
    describe: (p, m) => `Route mail from ${domainsOf(m)} through ${m.oldRoute}, so nothing changes for recipients yet.` },
  { id: 'domains-added', title: 'Add the sending domains', run: checkDomainsAdded,
    describe: (_p, m) => `Add ${domainsOf(m)} to Relaydesk: it generates their DKIM keys and the records to publish.` },
  { id: 'dns-spf', title: 'SPF: add Relaydesk next to the provider', run: checkSpf,
    describe: (p) => `Publish the SPF record of the plan: Relaydesk's mechanisms next to include:${p.spfIncludes[0] ?? '…'}, under 10 DNS lookups.` },
  { id: 'dns-dkim', title: 'DKIM: publish Relaydesk\'s selectors', run: checkDkim,
    describe: (p) => `Publish Relaydesk's DKIM keys; keep ${p.name}'s selectors until the cutover.` },
  { id: 'dns-dmarc', title: 'DMARC record', run: checkDmarc,
    describe: () => 'Publish a DMARC record with aggregate reports (rua) so both senders\' alignment shows.' },
  { id: 'dns-return-path', title: 'Return path', run: checkReturnPath,
    describe: () => 'If a return-path domain is configured, publish its MX and SPF so bounces come back to Relaydesk.' },
  { id: 'suppressions', title: 'Import the provider\'s suppressions',
    describe: (p) => `Export bounces, complaints and unsubscribes from ${p.name} (${p.exports.map((e) => e.label).join(', ')}) and import them (migration.importSuppressions).` },
  { id: 'test-message', title: 'Send a test message through Relaydesk', run: checkTestMessage,
    describe: (_p, m) => `Send a test message through ${m.newRoute} and see it delivered.` },
  { id: 'webhooks', title: 'Webhooks receiving', run: checkWebhooks,
    describe: (p) => `Point a webhook endpoint where ${p.name}'s webhooks went; it can receive ${p.name}-shaped payloads during the move.` },
  { id: 'parallel-sending', title: 'Send in parallel along the ramp', run: checkParallel,
    describe: (_p, m) => `Move ${m.settings.schedule.join('% → ')}% of the mail to Relaydesk, one step a day; it pauses by itself if rates cross the thresholds.` },
  { id: 'rates', title: 'Bounce and complaint rates under the thresholds', run: checkRates,
    describe: (_p, m) => `Bounces under ${m.settings.thresholds.maxBounceRate * 100}% and complaints under ${m.settings.thresholds.maxComplaintRate * 100}% over ${m.settings.thresholds.windowDays} days.` },
  { id: 'warmup-day', title: 'Warm-up day reached', run: checkWarmupDay,
    describe: (_p, m) => `The sending addresses' warm-up has reached day ${m.settings.schedule.length}.` },
  { id: 'cutover', title: 'Send everything through Relaydesk', run: checkCutover,
    describe: (_p, m) => `Make ${m.newRoute} the route for ${domainsOf(m)} (migration.complete).` },
  { id: 'dns-cleanup', title: 'Remove the old provider\'s DNS records', run: checkCleanup,
    describe: (p) => `Drop include:${p.spfIncludes[0] ?? '…'} from SPF and delete ${p.name}'s DKIM and return-path records.` },
  { id: 'remove-old-route', title: 'Remove the old route', run: checkOldRouteRemoved,
    describe: (p, m) => `Remove route ${m.oldRoute} and revoke the ${p.name} credentials it used.` },
];

export function emptyStep(id: MigrationStepId): StoredStep {
  return { id, status: 'pending', isMarkedByHand: false, detail: null, note: null, checkedAt: null, doneAt: null };
}

/** Runs every check; a step the operator marked keeps its status. Returns the steps that changed. */
export async function verifySteps(context: CheckContext, steps: Map<MigrationStepId, StoredStep>): Promise<StoredStep[]> {
  const results = await Promise.all(STEPS.map(async (definition): Promise<StoredStep | null> => {
    const step = steps.get(definition.id) ?? emptyStep(definition.id);
    if (!definition.run || step.isMarkedByHand) return null;
    let result: StepResult;
    try {
      result = await definition.run(context);
    } catch (error) {
      result = { status: 'pending', detail: `The check could not finish: ${(error as Error).message}` };
    }
    const isComplete = result.status === 'done' || result.status === 'skipped';
    return { ...step, status: result.status, detail: result.detail, checkedAt: context.now, doneAt: isComplete ? (step.doneAt ?? context.now) : null };
  }));
  return results.filter((step): step is StoredStep => step !== null);
}

export function toChecklist(playbook: ProviderPlaybook, migration: StoredMigration, steps: Map<MigrationStepId, StoredStep>): ChecklistStep[] {
  return STEPS.map((definition) => ({
    ...(steps.get(definition.id) ?? emptyStep(definition.id)),
    title: definition.title,
    description: definition.describe(playbook, migration),
    check: definition.run ? 'auto' : 'manual',
  }));
}
