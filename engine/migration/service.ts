// Migrations as the contract sees them: start one (the provider's route, the domains' rules,
// the checklist), verify and mark steps, send a test, drive parallel sending, import the
// provider's suppressions. Changes to one migration run one at a time and are published.
import type { ChecklistStep, MigrationInput, MigrationStepId, MigrationView, ProviderId, ProviderImportInput, ProviderImportReport, ProviderPlaybook } from '../api/contract';
import type { Store } from '../store/index';
import type { Clock } from '../shared/clock';
import type { SuppressionService } from '../policy/index';
import type { Intake } from '../queue/index';
import { NotFoundError, ValidationError } from '../shared/errors';
import { CheckContext, type ChecklistDeps } from './check-context';
import { STEPS, emptyStep, verifySteps } from './checklist';
import { dnsChanges } from './dns-plan';
import { PLAYBOOKS, playbook } from './providers/index';
import { MigrationsRepo, type StoredMigration } from './repo';
import { RouteRates } from './rates';
import { complete, evaluateSplit, pauseSplit, resumeSplit, rollback, startSplit, type Happened, type SplitDeps } from './split';
import { importProviderExport } from './suppression-import';
import { queueTestMessage, type TestMessageInput } from './test-message';
import { DEFAULT_THRESHOLDS, toView, type DnsPlanView } from './view';
import { prepareMigration } from './start';

export interface MigrationDeps extends Omit<ChecklistDeps, 'rates'> {
  store: Store;
  clock: Clock;
  suppressions: SuppressionService;
  hostname: string;
  newQueueId(): string;
  /** An intake that queues every message through `route`. */
  intakeFor(route: string): Intake;
  alert(message: string): void;
  log(message: string, details: Record<string, unknown>): void;
}

/** Parallel sending follows its schedule and thresholds at least this often. */
const EVALUATE_EVERY_MS = 60_000;
const HISTORY_SHOWN = 50;

export class MigrationService {
  readonly repo: MigrationsRepo;
  private readonly rates: RouteRates;
  private readonly dnsPlans = new Map<number, DnsPlanView>();
  private readonly listeners = new Set<(view: MigrationView) => void>();
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: MigrationDeps) {
    this.repo = new MigrationsRepo(deps.store.db);
    this.rates = new RouteRates(deps.store.db);
  }

  start(): void {
    this.timer = setInterval(() => void this.evaluateAll(), EVALUATE_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  providers(): ProviderPlaybook[] {
    return Object.values(PLAYBOOKS);
  }

  onChange(listener: (view: MigrationView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): MigrationView[] {
    return this.repo.list().map((migration) => this.view(migration));
  }

  get(id: number): MigrationView {
    return this.view(this.require(id));
  }

  async create(input: MigrationInput): Promise<MigrationView> {
    const now = this.deps.clock.now();
    const prepared = await prepareMigration({ ...this.deps, thresholds: DEFAULT_THRESHOLDS }, input, now);
    const id = await this.deps.store.writer.commit(() => {
      const created = this.repo.insert(prepared);
      this.repo.addHistory(created, now, 'started', `Migration off ${playbook(input.provider).name} started for ${prepared.domains.join(', ')}.`);
      return created;
    });
    return this.verify(id);
  }

  verify(id: number): Promise<MigrationView> {
    return this.mutate(id, async (migration, now) => {
      const context = new CheckContext(migration, playbook(migration.provider), { ...this.deps, rates: this.rates }, now);
      const changed = await verifySteps(context, this.repo.steps(id));
      await this.refreshDns(migration, context);
      await this.deps.store.writer.commit(() => changed.forEach((step) => this.repo.saveStep(id, step)));
      return [];
    });
  }

  markStep(id: number, stepId: MigrationStepId, status: Exclude<ChecklistStep['status'], 'failed'>, note: string | undefined): Promise<MigrationView> {
    if (!STEPS.some((step) => step.id === stepId)) throw new ValidationError(`No step "${stepId}".`, { field: 'step' });
    return this.mutate(id, async (_migration, now) => {
      const step = this.repo.steps(id).get(stepId) ?? emptyStep(stepId);
      const isComplete = status !== 'pending';
      // Marking pending hands the step back to its check.
      const marked = { ...step, status, isMarkedByHand: isComplete, note: note ?? step.note, doneAt: isComplete ? now : null };
      await this.deps.store.writer.commit(() => this.repo.saveStep(id, marked));
      return [{ kind: 'step', detail: `${stepId} marked ${status} by the operator${note ? `: ${note}` : ''}.` }];
    });
  }

  async sendTest(id: number, input: TestMessageInput): Promise<{ messageId: string; route: string }> {
    let route = '';
    let messageId = '';
    await this.mutate(id, async (migration, now) => {
      route = migration.newRoute;
      messageId = await queueTestMessage(this.deps.intakeFor(route), () => this.deps.newQueueId(), this.deps.hostname, now, input);
      migration.testMessageIds = [...migration.testMessageIds, messageId].slice(-20);
      return [{ kind: 'test-sent', detail: `Test message ${messageId} to ${input.to.join(', ')} through ${route}.` }];
    });
    return { messageId, route };
  }

  startSplit = (id: number) => this.mutate(id, (m, now) => startSplit(this.splitDeps(), m, now));
  pauseSplit = (id: number, reason?: string) => this.mutate(id, (m, now) => pauseSplit(this.splitDeps(), m, now, reason ?? 'paused by the operator'));
  resumeSplit = (id: number) => this.mutate(id, (m, now) => resumeSplit(this.splitDeps(), m, now));
  evaluate = (id: number) => this.mutate(id, (m, now) => evaluateSplit(this.splitDeps(), m, now));
  rollback = (id: number, reason?: string) => this.mutate(id, (m, now) => rollback(this.splitDeps(), m, now, reason));
  complete = (id: number) => this.mutate(id, (m, now) => complete(this.splitDeps(), m, now));

  /** Sends the endpoint's webhooks shaped like `provider`'s (null: Relaydesk's own shape). */
  async setWebhookFormat(webhookId: number, provider: ProviderId | null): Promise<void> {
    await this.deps.store.writer.commit(() => this.repo.setWebhookFormat(webhookId, provider));
  }

  webhookFormats(): Array<{ webhookId: number; provider: ProviderId }> {
    return this.repo.webhookFormats();
  }

  async importSuppressions(input: ProviderImportInput): Promise<ProviderImportReport> {
    if (input.migrationId !== undefined) this.require(input.migrationId);
    const report = await importProviderExport(this.deps.suppressions, input);
    if (input.migrationId !== undefined && !input.dryRun) {
      const detail = `Imported ${report.added} new suppressions from ${report.format} (${Object.entries(report.byReason).map(([reason, n]) => `${n} ${reason}`).join(', ')}).`;
      await this.mutate(input.migrationId, async (_m, now) => {
        const step = this.repo.steps(input.migrationId!).get('suppressions') ?? emptyStep('suppressions');
        await this.deps.store.writer.commit(() => this.repo.saveStep(input.migrationId!, { ...step, status: 'done', detail, checkedAt: now, doneAt: step.doneAt ?? now }));
        return [{ kind: 'imported', detail }];
      });
    }
    return report;
  }

  /** Follows every parallel migration's schedule and thresholds; called on a timer. */
  async evaluateAll(): Promise<void> {
    for (const migration of this.repo.list().filter((m) => m.state === 'parallel')) {
      await this.evaluate(migration.id).catch((error: unknown) => this.deps.log('could not evaluate a migration', { id: migration.id, error: String(error) }));
    }
  }

  private splitDeps(): SplitDeps {
    return { routes: this.deps.routes, rates: this.rates, alert: (message) => this.deps.alert(message) };
  }

  private require(id: number): StoredMigration {
    const migration = this.repo.get(id);
    if (!migration) throw new NotFoundError(`No migration with id ${id}.`, { id });
    return migration;
  }

  // One change at a time across migrations: each reads the routing rules it rewrites.
  private mutate(id: number, change: (migration: StoredMigration, now: number) => Promise<Happened>): Promise<MigrationView> {
    const run = this.chain.then(async () => {
      const migration = this.require(id);
      const now = this.deps.clock.now();
      const happened = await change(migration, now);
      await this.deps.store.writer.commit(() => {
        this.repo.update({ ...migration, updatedAt: now });
        for (const entry of happened) this.repo.addHistory(id, now, entry.kind, entry.detail);
      });
      const view = this.view(this.require(id));
      for (const listener of this.listeners) listener(view);
      return view;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async refreshDns(migration: StoredMigration, context: CheckContext): Promise<void> {
    const book = playbook(migration.provider);
    const perDomain = await Promise.all(migration.domains.map(async (domain) => {
      const spf = await context.spf(domain);
      const view = await context.domainView(domain).catch(() => null);
      return { spf, changes: dnsChanges(book, spf, view?.records ?? null, migration.settings.oldDkimSelectors) };
    }));
    this.dnsPlans.set(migration.id, { spf: perDomain.map((d) => d.spf), changes: perDomain.flatMap((d) => d.changes) });
  }

  private view(migration: StoredMigration): MigrationView {
    const dns = this.dnsPlans.get(migration.id) ?? { spf: [], changes: [] };
    return toView(migration, this.repo.steps(migration.id), this.repo.history(migration.id, HISTORY_SHOWN), dns, this.deps.clock.now());
  }
}
