// Takes leased jobs to their route: the sandbox captures them, a smarthost pool or the
// pool of the destination's MX hosts sends them; classifies what each attempt did.
import type { DeliveryJob, JobSink, OutcomeRecorder, RecipientOutcome } from '../queue/index';
import type { Store } from '../store/index';
import type { EventBus } from '../events/index';
import type { Clock } from '../shared/clock';
import type { QuotaService, ResolvedThrottle, ThrottleController, WarmupService } from '../policy/index';
import type { SessionRecorder } from '../ingest/index';
import type { MxResolver, SourceChoice } from '../dns/index';
import type { Stream } from '../api/contract';
import type { DeliveryConfig } from './config';
import type { RouteService } from './routes';
import type { DkimKeyring } from './dkim';
import { classify, type Classification, type DeliveryPhase } from './classify';
import { DestinationPool, type Connector, type PoolOutcome } from './destination-pool';
import { OutboundSession, type SessionFailure, type SessionTarget } from './smtp-session';
import { MxCache, planMxWalk, type MxPlan } from './mx-plan';
import { SignedMessageCache } from './signed-message-cache';
import { withReturnPath, type ReturnPathCodec } from './return-path';
import type { OutboundTlsPolicy } from './tls-policy';

export interface DispatcherDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  config: DeliveryConfig;
  hostname: string;
  routes: RouteService;
  throttle: ThrottleController;
  recorder: SessionRecorder;
  mx: MxResolver;
  dkim: DkimKeyring;
  outcomes: OutcomeRecorder;
  quota: QuotaService;
  warmup: WarmupService;
  /** MTA-STS and DANE of recipient domains. */
  tlsPolicy: OutboundTlsPolicy;
  /** The bounce domain of mail from `senderDomain` (VERP return path), or null to keep the sender's address. */
  bounceDomainFor(senderDomain: string): string | null;
  returnPaths: ReturnPathCodec;
  /**
   * Where a stream's mail goes now: its source address, or while that one is listed on a
   * blocklist (blocklists.onListing `reroute`) the alternative address or route.
   */
  sourceOf(stream: Stream): SourceChoice;
  /** Rehearsal answers (engine/chaos) for some recipients, given instead of their destination's. */
  chaos?: { answer(job: DeliveryJob): Promise<Map<number, Pick<SessionFailure, 'phase' | 'reply' | 'networkError'>>> };
  log(level: 'info' | 'warn', message: string, details?: Record<string, unknown>): void;
  /** Called when a job is finished, so the scheduler can lease more. */
  release(job: DeliveryJob): void;
}

const SANDBOX: Classification = {
  verdict: 'delivered', category: 'none', retryable: false, shouldSuppress: false, ruleId: 'sandbox',
  summary: 'Captured by the sandbox route; nothing left this machine.',
};
const MAX_WALK_ADDRESSES = 5; // Postfix's smtp_mx_address_limit
/** Where attempts answered by chaos rules say they went. */
const CHAOS_HOST = 'chaos.relaydesk.invalid';

export class Dispatcher implements JobSink {
  private readonly pools = new Map<string, DestinationPool>();
  private readonly mxCache: MxCache;
  private readonly messages: SignedMessageCache;
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly deps: DispatcherDeps) {
    this.mxCache = new MxCache(deps.mx, deps.clock);
    this.messages = new SignedMessageCache(deps.store, deps.dkim);
    this.sweep = setInterval(() => this.dropIdlePools(), 30_000).unref();
  }

  dispatch(job: DeliveryJob): void {
    void this.route(job).catch((error: unknown) => {
      // A bug here must not strand the lease: defer the job with the error, visible to the operator.
      const failure: SessionFailure = { phase: 'connect', networkError: { code: 'EINTERNAL', message: String(error) } };
      void this.recordFailure(job, failure, null, this.deps.clock.now()).finally(() => this.deps.release(job));
    });
  }

  /** Stops every pool; leased jobs not yet sent go back to the queue. */
  async stop(): Promise<DeliveryJob[]> {
    clearInterval(this.sweep);
    return [...this.pools.values()].flatMap((pool) => pool.close());
  }

  private async route(job: DeliveryJob): Promise<void> {
    const unsuppressed = await this.dropSuppressed(job);
    const live = unsuppressed && (await this.rehearse(unsuppressed));
    if (!live) return;
    const route = this.deps.routes.get(live.route);
    if (!route) {
      const failure: SessionFailure = { phase: 'connect', networkError: { code: 'ENOROUTE', message: `The route "${live.route}" no longer exists; restore it or change the routing rules.` } };
      await this.recordFailure(live, failure, null, this.deps.clock.now());
      return this.deps.release(live);
    }
    const reroute = route.kind === 'direct' ? this.deps.sourceOf(live.stream).route : null;
    // Only away from direct delivery: a reroute to a direct route would loop and send from the listed address anyway.
    if (reroute !== null && this.deps.routes.get(reroute)?.kind !== 'direct') return this.route({ ...live, route: reroute });
    if (route.kind === 'sandbox') {
      await this.record(live, 'sandbox', live.recipients.map((r) => ({ recipient: r, phase: 'data-end' as const, reply: null, classification: SANDBOX })), null);
      return this.deps.release(live);
    }
    if (route.kind === 'smarthost') {
      const resolved: ResolvedThrottle = {
        key: `route:${route.name}`, label: `smarthost ${route.name}`,
        limits: { maxConnections: route.smarthost?.maxConnections ?? 10, messagesPerConnection: 100, messagesPerMinute: null, messagesPerHour: null },
      };
      // One pool per route and source address: a connection leaves from its stream's address.
      const source = this.deps.sourceOf(live.stream).address;
      const pool = this.pool(`smarthost:${route.name}:${source ?? 'any'}`, resolved, () => this.connectSmarthost(route.name, source));
      return this.withReturnPath(live).forEach((part) => pool.enqueue(part, resolved));
    }
    // Warm-up caps protect our own source address, so they apply to direct delivery only;
    // overflow sent through a provider's route is recorded with that route on each attempt.
    // An admission reserves its share of the cap until the pool reports the job (settle).
    const warmupSource = this.deps.sourceOf(live.stream).address;
    const admission = this.deps.warmup.admit(warmupSource, live.recipients.length);
    if (admission.kind === 'hold') {
      await this.deps.outcomes.postpone(live, admission.until, admission.reason);
      return this.deps.release(live);
    }
    if (admission.kind === 'route' && admission.route !== live.route) return this.route({ ...live, route: admission.route });
    const plan = await this.mxCache.get(live.domain);
    if (plan.kind !== 'hosts') {
      this.deps.warmup.settle(warmupSource, live.recipients.length, 0);
      await this.recordFailure(live, plan.failure, null, this.deps.clock.now());
      return this.deps.release(live);
    }
    const resolved = this.deps.throttle.resolve(live.domain, plan.hosts.map((h) => h.exchange));
    // Jobs share a pool (and its connections) only when they may share a connection: the same
    // MX hosts and limits, the same source address (per stream), the same TLS requirement.
    const tls = this.deps.config.tlsRequiredDomains.includes(live.domain) ? 'tls-required' : 'tls-optional';
    const policy = await this.deps.tlsPolicy.poolKey(live.domain, plan.hosts.map((h) => h.exchange));
    const key = `direct:${resolved.key}:${plan.hosts.map((h) => h.exchange).sort().join(',')}:${warmupSource ?? 'any'}:${tls}:${policy}`;
    const pool = this.pool(key, resolved, () => this.connectDirect(live, plan, warmupSource), warmupSource);
    this.withReturnPath(live).forEach((part) => pool.enqueue(part, resolved));
  }

  private withReturnPath(job: DeliveryJob): DeliveryJob[] {
    return withReturnPath(job, this.deps.bounceDomainFor(job.senderDomain), this.deps.returnPaths);
  }

  /** `warmupSource`: the jobs of this pool were admitted against that address's warm-up cap. */
  private pool(key: string, resolved: ResolvedThrottle, connect: Connector, warmupSource?: string): DestinationPool {
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new DestinationPool(key, this.deps.throttle, resolved, connect, {
        acquireGlobalSlot: () => this.deps.quota.acquire(),
        onError: (error) => this.deps.log('warn', 'could not record a delivery outcome', { error: String(error) }),
        loadMessage: (job) => this.messages.load(job.messageId),
        onSent: (job, outcome) => {
          this.deps.warmup.settle(warmupSource, job.recipients.length, outcome.kind === 'sent' ? job.recipients.length : 0);
          return this.onSent(job, outcome, resolved);
        },
        onJobDone: (job) => this.deps.release(job),
      }, () => this.deps.clock.now());
      this.pools.set(key, pool);
    }
    return pool;
  }

  /** `localAddress`: the source address of the pool's key, so a pool's connections all leave from it. */
  private connectDirect(job: DeliveryJob, plan: MxPlan & { kind: 'hosts' }, localAddress: string | undefined): ReturnType<Connector> {
    const { config } = this.deps;
    const requiresTls = config.tlsRequiredDomains.includes(job.domain);
    const candidates = planMxWalk(plan.hosts, config.allowNonPublicDestinations).slice(0, MAX_WALK_ADDRESSES);
    if (candidates.length === 0) {
      return Promise.reject({ phase: 'connect', networkError: { code: 'ENONPUBLIC', message: `Every MX address of ${job.domain} is private or loopback; delivery there is disabled (delivery.allowNonPublicDestinations).` } } satisfies SessionFailure);
    }
    const steps = candidates.map((candidate) => ({
      mxHost: candidate.exchange,
      tlsPolicy: requiresTls ? 'required (domain policy)' : 'opportunistic',
      target: {
        address: candidate.address, port: config.mxPort, servername: candidate.exchange, tls: requiresTls ? 'starttls' : 'starttls-optional',
        verifyCertificate: false, localAddress, heloName: config.heloName ?? this.deps.hostname,
        label: `direct ${job.domain}`, timeouts: config.timeouts,
      } satisfies SessionTarget,
    }));
    return this.deps.tlsPolicy.apply(job.domain, plan.hosts.map((h) => h.exchange), steps).then((walk) => this.walk(walk));
  }

  private connectSmarthost(name: string, localAddress: string | undefined): ReturnType<Connector> {
    const smarthost = this.deps.routes.smarthost(name);
    if (!smarthost) return Promise.reject({ phase: 'connect', networkError: { code: 'ENOROUTE', message: `Smarthost route "${name}" is gone.` } } satisfies SessionFailure);
    const { config } = this.deps;
    const tls: SessionTarget['tls'] = smarthost.tls === 'none' ? 'none' : smarthost.tls;
    return this.deps.mx.resolveAddresses(smarthost.host).then((addresses) => {
      if (addresses.length === 0) throw { phase: 'dns', networkError: { code: 'ENOTFOUND', message: `Smarthost ${smarthost.host} does not resolve.` } } satisfies SessionFailure;
      return this.walk(addresses.slice(0, MAX_WALK_ADDRESSES).map((address) => ({
        mxHost: smarthost.host,
        tlsPolicy: smarthost.tls === 'none' ? 'none (smarthost setting)' : `${smarthost.tls} (smarthost, certificate ${smarthost.verifyCertificate ? 'verified' : 'not verified'})`,
        target: {
          address, port: smarthost.port, servername: /^[\d.:]+$/.test(smarthost.host) ? null : smarthost.host, tls,
          verifyCertificate: smarthost.verifyCertificate,
          ...(smarthost.username && { auth: { user: smarthost.username, pass: smarthost.password ?? '' } }),
          localAddress, heloName: config.heloName ?? this.deps.hostname,
          label: `smarthost ${name}`, timeouts: config.timeouts,
        },
      })));
    });
  }

  // Tries each host in order; a connect, greeting, EHLO or STARTTLS failure moves to the next.
  private async walk(candidates: Array<{ mxHost: string; tlsPolicy: string; target: SessionTarget }>): Promise<{ session: OutboundSession; mxHost: string; tlsPolicy: string }> {
    let lastFailure: SessionFailure = { phase: 'connect', networkError: { code: 'ENOHOSTS', message: 'No host to try.' } };
    for (const candidate of candidates) {
      const sessionId = this.deps.recorder.newSessionId('outbound');
      try {
        const session = await OutboundSession.open(candidate.target, this.deps.recorder, sessionId);
        return { session, mxHost: candidate.mxHost, tlsPolicy: session.peerNote ? `${candidate.tlsPolicy}; ${session.peerNote}` : candidate.tlsPolicy };
      } catch (failure) {
        // The attempt record names the host, both addresses and the transcript of the last
        // failure: a refusal at connect or greeting that names a blocklist is about the source address.
        const where = { mxHost: candidate.mxHost, mxAddress: candidate.target.address, localAddress: candidate.target.localAddress ?? null, sessionId, tlsPolicy: candidate.tlsPolicy };
        lastFailure = { ...(failure as SessionFailure), where };
        if (lastFailure.phase === 'auth') break; // the same credentials fail on every host
      }
    }
    throw lastFailure;
  }

  private async onSent(job: DeliveryJob, outcome: PoolOutcome, resolved: ResolvedThrottle): Promise<void> {
    if (outcome.kind === 'failed') return this.recordFailure(job, outcome.failure, outcome.mxHost, outcome.startedAt, resolved);
    if (outcome.kind === 'missing-body') {
      const gone: Classification = { verdict: 'bounced', category: 'content', retryable: false, shouldSuppress: false, ruleId: 'body-purged',
        summary: 'The message body was removed by the retention policy before it could be delivered.' };
      return this.record(job, job.route, job.recipients.map((r) => ({ recipient: r, phase: 'data' as const, reply: null, classification: gone })), null, outcome.startedAt);
    }
    const { session, result } = outcome;
    this.deps.quota.recordSent(job.recipients.length);
    const classified = job.recipients.map((recipient) => {
      const entry = result.recipients.get(recipient.address);
      const phase: DeliveryPhase = entry?.phase ?? 'data-end';
      const classification = classify({
        phase,
        ...(entry?.reply && { reply: entry.reply }),
        ...(entry?.failure?.networkError && !entry.reply && { networkError: entry.failure.networkError }),
        domain: job.domain,
        ...(outcome.mxHost && { mxHost: outcome.mxHost }),
      });
      return { recipient, phase, reply: entry?.reply?.text ?? null, classification };
    });
    this.adapt(resolved, classified.map((c) => c.classification));
    await this.record(job, job.route, classified, {
      mxHost: outcome.mxHost, mxAddress: session.target.address, localAddress: session.target.localAddress ?? null,
      tlsProtocol: session.tlsProtocol, tlsCipher: session.tlsCipher, tlsPolicy: outcome.tlsPolicy, sessionId: session.id,
    }, outcome.startedAt);
  }

  private recordFailure(job: DeliveryJob, failure: SessionFailure, knownHost: string | null, startedAt: number, resolved?: ResolvedThrottle): Promise<void> {
    const mxHost = failure.where?.mxHost ?? knownHost;
    const classification = classify({
      phase: failure.phase,
      ...(failure.reply && { reply: failure.reply }),
      ...(failure.networkError && !failure.reply && { networkError: failure.networkError }),
      domain: job.domain,
      ...(mxHost && { mxHost }),
    });
    if (resolved) this.adapt(resolved, [classification]);
    const reply = failure.reply?.text ?? failure.networkError?.message ?? null;
    const where = {
      mxHost, mxAddress: failure.where?.mxAddress ?? null, localAddress: failure.where?.localAddress ?? null,
      sessionId: failure.where?.sessionId ?? null, tlsPolicy: failure.where?.tlsPolicy ?? null,
    };
    return this.record(job, job.route, job.recipients.map((recipient) => ({ recipient, phase: failure.phase, reply, classification })), where, startedAt);
  }

  // The throttle learns from replies: a rate-limit reply or a 421 slows the destination,
  // deliveries let it recover. RFC 5321 §3.8: a 421 is the server closing the channel because
  // it will not serve us now, whatever its text, so it counts as a request to send less.
  private adapt(resolved: ResolvedThrottle, classifications: Classification[]): void {
    const slowDown = classifications.find((c) => c.category === 'rate-limit' || /^421\b/.test(c.reply ?? ''));
    if (slowDown) this.deps.throttle.recordRateLimited(resolved, slowDown.reply ?? slowDown.summary);
    else if (classifications.some((c) => c.verdict === 'delivered')) this.deps.throttle.recordSuccess(resolved);
  }

  private async record(
    job: DeliveryJob,
    route: string,
    results: Array<{ recipient: DeliveryJob['recipients'][number]; phase: DeliveryPhase; reply: string | null; classification: Classification }>,
    where: Partial<{ mxHost: string | null; mxAddress: string | null; localAddress: string | null; tlsProtocol: string | null; tlsCipher: string | null; tlsPolicy: string | null; sessionId: string | null }> | null,
    startedAt = this.deps.clock.now(),
  ): Promise<void> {
    const at = this.deps.clock.now();
    for (const { classification, reply } of results) {
      if (classification.blocklist) {
        this.deps.bus.emit('blocklist.reported', {
          list: classification.blocklist.name, delistUrl: classification.blocklist.delistUrl ?? null, reply: reply ?? '',
          mxHost: where?.mxHost ?? null, localAddress: where?.localAddress ?? null, at,
        });
      }
    }
    const outcomes: RecipientOutcome[] = results.map(({ recipient, phase, reply, classification }) => ({
      recipientId: recipient.id, address: recipient.address, domain: job.domain, attempts: recipient.attempts, expiresAt: recipient.expiresAt,
      verdict: classification.verdict, phase, reply, category: classification.category, ruleId: classification.ruleId,
      summary: classification.summary, shouldSuppress: classification.shouldSuppress,
    }));
    await this.deps.outcomes.record({
      messageId: job.messageId, stream: job.stream, route, startedAt,
      mxHost: where?.mxHost ?? null, mxAddress: where?.mxAddress ?? null, localAddress: where?.localAddress ?? null,
      tlsProtocol: where?.tlsProtocol ?? null, tlsCipher: where?.tlsCipher ?? null, tlsPolicy: where?.tlsPolicy ?? null,
      sessionId: where?.sessionId ?? null, outcomes,
    });
  }

  // Chaos rules answer for some recipients as their destination would; the relay reacts to
  // those answers as to real ones (retry, bounce, suppress), and the other recipients go on.
  private async rehearse(job: DeliveryJob): Promise<DeliveryJob | null> {
    const answers = await this.deps.chaos?.answer(job);
    if (!answers?.size) return job;
    const answered = job.recipients.filter((r) => answers.has(r.id));
    await this.record(job, job.route, answered.map((recipient) => {
      const answer = answers.get(recipient.id)!;
      const classification = classify({ ...answer, domain: job.domain, mxHost: CHAOS_HOST });
      return { recipient, phase: answer.phase, reply: answer.reply?.text ?? answer.networkError?.message ?? null, classification };
    }), { mxHost: CHAOS_HOST, tlsPolicy: 'none (chaos rule)' });
    const rest = job.recipients.filter((r) => !answers.has(r.id));
    this.deps.release({ ...job, recipients: answered });
    return rest.length ? { ...job, recipients: rest } : null;
  }

  // A suppression added after the message was accepted (a bounce of another message) still applies.
  private async dropSuppressed(job: DeliveryJob): Promise<DeliveryJob | null> {
    const suppressed = job.recipients.filter((r) => this.deps.store.suppressions.match(r.address, job.stream, job.senderDomain));
    if (suppressed.length === 0) return job;
    await this.deps.outcomes.suppress(job, suppressed);
    const rest = job.recipients.filter((r) => !suppressed.includes(r));
    this.deps.release({ ...job, recipients: suppressed });
    return rest.length ? { ...job, recipients: rest } : null;
  }

  private dropIdlePools(): void {
    for (const [key, pool] of this.pools) if (pool.isIdle) this.pools.delete(key);
  }
}
