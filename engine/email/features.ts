// The Email API, templates, tracking and the inbound listener, assembled once by
// createEngine: the composing intake every submission goes through, and the two listeners
// (HTTP for applications and recipients, SMTP for bounces) started and stopped together.
import type { ListenerView, Stream } from '../api/contract';
import type { EngineConfig } from '../config/index';
import type { CredentialService } from '../credentials/index';
import type { EventBus } from '../events/index';
import type { EngineLog, SessionRecorder, TlsMaterial } from '../ingest/index';
import type { AuthGuard, SlidingWindowLimiter } from '../policy/index';
import type { FinalFailureSink, QueueCounters, RouteChooser } from '../queue/index';
import type { Store } from '../store/index';
import type { Clock } from '../shared/clock';
import type { SecretBox } from '../shared/secret-box';
import { Composer, ComposingIntake } from '../compose/index';
import { startEmailApi, type EmailApiServer } from '../http/email-api/index';
import { InboundListener, InboundProcessor, type ReturnPathDecoder } from '../inbound/index';
import { TemplateService } from '../templates/index';
import { TrackingService, TrackingTokens, loadOrCreateTrackingKey } from '../tracking/index';

export interface EmailFeaturesDeps {
  config: EngineConfig;
  hostname: string;
  clock: Clock;
  store: Store;
  bus: EventBus;
  counters: QueueCounters;
  secrets: SecretBox;
  recorder: SessionRecorder;
  credentials: CredentialService;
  /** Shared with SMTP: one message-rate budget and one failed-auth lockout per client. */
  limiter: SlidingWindowLimiter;
  authGuard: AuthGuard;
  stats: { accepted: number };
  newQueueId: () => string;
  retryWindowMs: number;
  chooseRoute: RouteChooser;
  /** VERP addresses of the delivery side (delivery/return-path.ts). */
  returnPaths: ReturnPathDecoder | null;
  /** The bounce (return-path) domain of a sender domain, if it has one. */
  bounceDomainFor(senderDomain: string): string | null;
  /** Every bounce domain of the sending domains, for the inbound listener's RCPT check. */
  bounceDomains(): string[];
  onFinalFailure: FinalFailureSink;
  /** The sending-domain rule of MAIL FROM, applied to API submissions too. */
  senderDomainRefusal(senderDomain: string, stream: Stream): string | null;
  log: EngineLog;
}

export interface EmailApiStatus {
  url: string | null;
  error: string | null;
}

export class EmailFeatures {
  readonly templates: TemplateService;
  readonly tracking: TrackingService;
  /** The intake of SMTP, the Email API and DSNs alike. */
  readonly intake: ComposingIntake;
  private api: EmailApiServer | null = null;
  private apiError: string | null = null;
  private inbound: InboundListener | null = null;

  constructor(private readonly deps: EmailFeaturesDeps) {
    const { config, store, clock } = deps;
    this.templates = new TemplateService(store, clock);
    const tokens = new TrackingTokens(loadOrCreateTrackingKey(store, deps.secrets, clock.now()));
    this.tracking = new TrackingService(store, deps.bus, clock, config.tracking, tokens);
    const composer = new Composer({
      templates: this.templates, tracking: this.tracking, config: config.tracking,
      // The mailto form needs the inbound listener to receive it.
      unsubscribeDomain: (senderDomain) => (config.inbound.enabled ? deps.bounceDomainFor(senderDomain) ?? config.inbound.domains[0] ?? null : null),
    });
    this.intake = new ComposingIntake(composer, store, deps.bus, deps.counters, clock, deps.retryWindowMs, deps.chooseRoute);
  }

  /** Starts what is enabled; a listener that fails is reported (status, log), not thrown. Returns the inbound listener's view. */
  async start(tls: TlsMaterial): Promise<ListenerView[]> {
    const { config, log } = this.deps;
    if (config.api.enabled) {
      try {
        this.api = await startEmailApi({
          ...this.deps, requestLimit: config.api.requestLimit, intake: this.intake, templates: this.templates, tracking: this.tracking, tls,
          log: (message, details) => log('error', message, details),
        });
      } catch (error) {
        this.apiError = `The Email API could not listen on ${config.api.host}:${config.api.port}: ${(error as Error).message}`;
        log('error', this.apiError);
      }
    }
    if (config.inbound.enabled) {
      const processor = new InboundProcessor({ ...this.deps, tracking: this.tracking });
      const configured = new Set(config.inbound.domains.map((domain) => domain.toLowerCase()));
      this.inbound = new InboundListener({
        ...this.deps, processor, tls,
        acceptsDomain: (domain) => configured.has(domain) || this.deps.bounceDomains().includes(domain),
      });
      await this.inbound.start();
    }
    return this.views();
  }

  /** The inbound listener, shown with the SMTP listeners. */
  views(): ListenerView[] {
    return this.inbound?.views() ?? [];
  }

  /** Null when the Email API is not enabled. */
  apiStatus(): EmailApiStatus | null {
    return this.deps.config.api.enabled ? { url: this.api?.url ?? null, error: this.apiError } : null;
  }

  async stop(graceMs: number): Promise<void> {
    await Promise.all([this.api?.close(), this.inbound?.stop(graceMs)]);
  }
}
