// What the contract's handlers and topics reach in the engine.
import type { EngineStatus } from './contract';
import type { Store } from '../store/index';
import type { AlertLog, EventBus, MinuteStatsTracker } from '../events/index';
import type { CredentialService } from '../credentials/index';
import type { SessionRecorder } from '../ingest/index';
import type { OperatorActions, PauseList } from '../queue/index';
import type { DkimKeyring, RouteService } from '../delivery/index';
import type { QuotaService, SuppressionService, ThrottleRuleService, WarmupService } from '../policy/index';

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
  status(): EngineStatus;
  /** Something may be due now (a resume, a release). */
  wakeDelivery(): void;
}
