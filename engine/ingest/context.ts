// What the SMTP ingest needs from the rest of the engine, assembled once by createEngine.
import type { EngineConfig } from '../config/index';
import type { Stream } from '../api/contract';
import type { Clock } from '../shared/clock';
import type { CredentialService } from '../credentials/index';
import type { AuthGuard, SlidingWindowLimiter } from '../policy/index';
import type { NetworkList } from '../shared/networks';
import type { Intake } from '../queue/index';
import type { EventBus } from '../events/index';
import type { SessionRecorder } from './session-recorder';
import type { EngineLog } from './transcript-logger';

export interface IngestStats {
  accepted: number;
  rejected: number;
}

export interface IngestContext {
  config: EngineConfig;
  hostname: string;
  clock: Clock;
  bus: EventBus;
  recorder: SessionRecorder;
  credentials: CredentialService;
  limiter: SlidingWindowLimiter;
  authGuard: AuthGuard;
  trustedNetworks: NetworkList;
  intake: Intake;
  newQueueId: () => string;
  stats: IngestStats;
  /** Why MAIL FROM this domain is refused (an unverified sending domain, domains.requireVerified); null: accepted. */
  senderDomainRefusal(senderDomain: string, stream: Stream): string | null;
  log: EngineLog;
}
