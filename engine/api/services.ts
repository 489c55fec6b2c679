// What the contract's handlers and topics reach in the engine.
import type { EngineStatus } from './contract';
import type { Store } from '../store/index';
import type { AlertLog, EventBus, MinuteStatsTracker } from '../events/index';
import type { CredentialService } from '../credentials/index';
import type { SessionRecorder } from '../ingest/index';
import type { OperatorActions, PauseList } from '../queue/index';
import type { DkimKeyring, RouteService } from '../delivery/index';
import type { QuotaService, SuppressionService, ThrottleRuleService, WarmupService } from '../policy/index';
import type { DomainService } from '../domains/index';
import type { BlocklistMonitor } from '../dns/index';
import type { TemplateService } from '../templates/index';
import type { Webhooks } from '../webhooks/index';
import type { AnalyticsService } from '../analytics/index';
import type { RetentionService } from '../retention/index';
import type { MessageSearchService } from '../search/index';
import type { MigrationService } from '../migration/index';
import type { SandboxService } from '../sandbox/index';
import type { ChaosService } from '../chaos/index';
import type { OnboardingService } from '../onboarding/index';

export interface EngineServices {
  store: Store;
  bus: EventBus;
  recorder: SessionRecorder;
  credentials: CredentialService;
  routes: RouteService;
  pauses: PauseList;
  actions: OperatorActions;
  dkim: DkimKeyring;
  throttles: ThrottleRuleService;
  suppressions: SuppressionService;
  quota: QuotaService;
  warmup: WarmupService;
  stats: MinuteStatsTracker;
  alerts: AlertLog;
  domains: DomainService;
  blocklists: BlocklistMonitor;
  templates: TemplateService;
  webhooks: Webhooks;
  analytics: AnalyticsService;
  retention: RetentionService;
  search: MessageSearchService;
  migration: MigrationService;
  sandbox: SandboxService;
  chaos: ChaosService;
  onboarding: OnboardingService;
  status(): EngineStatus;
  /** Something may be due now (a resume, a release). */
  wakeDelivery(): void;
}
