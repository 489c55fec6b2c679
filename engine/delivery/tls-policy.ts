// The outbound TLS policy of one delivery: DANE where the recipient's MX hosts have
// DNSSEC-validated TLSA records, else its MTA-STS policy, else opportunistic STARTTLS.
// It adjusts the MX walk (which hosts, STARTTLS required, how the certificate is checked)
// and says, for the attempt record, which policy applied and why.
import { checkServerIdentity, type TLSSocket } from 'node:tls';
import type { DeliveryConfig } from './config';
import type { SessionFailure, SessionTarget } from './smtp-session';
import type { DaneResolver, HostDane } from './dane';
import { matchTlsa, peerChain } from './dane-match';
import { mxMatches, type MtaStsPolicies, type StsPolicy } from './mta-sts';

export interface WalkStep {
  mxHost: string;
  tlsPolicy: string;
  target: SessionTarget;
}

type Plan =
  | { kind: 'dane'; hosts: Map<string, HostDane> }
  | { kind: 'sts'; policy: StsPolicy; note: string | null }
  | { kind: 'none'; why: string };

export class OutboundTlsPolicy {
  constructor(
    private readonly config: DeliveryConfig,
    private readonly mtaSts: MtaStsPolicies,
    private readonly dane: DaneResolver,
    /** Trust store for MTA-STS certificate checks; undefined: the system's. */
    private readonly ca: string[] | undefined,
  ) {}

  /** Connections are shared only by deliveries under the same policy. */
  async poolKey(domain: string, mxHosts: readonly string[]): Promise<string> {
    const plan = await this.plan(domain, mxHosts);
    return plan.kind === 'sts' ? `sts-${plan.policy.mode}:${domain}:${plan.policy.id}` : plan.kind;
  }

  /** The walk under the domain's policy; rejects with the reason when the policy leaves no host to try. */
  async apply(domain: string, mxHosts: readonly string[], steps: readonly WalkStep[]): Promise<WalkStep[]> {
    const plan = await this.plan(domain, mxHosts);
    if (plan.kind === 'none') return steps.map((step) => (step.target.tls === 'starttls-optional' ? { ...step, tlsPolicy: `opportunistic (${plan.why})` } : step));
    const refused: string[] = [];
    const allowed: WalkStep[] = [];
    for (const step of steps) {
      const adjusted = plan.kind === 'dane' ? this.daneStep(domain, step, plan.hosts.get(step.mxHost)) : await this.stsStep(plan.policy, plan.note, step);
      if (typeof adjusted === 'string') refused.push(adjusted);
      else allowed.push(adjusted);
    }
    if (allowed.length === 0) {
      const code = plan.kind === 'sts' ? 'EMTASTS' : 'ETLSPOLICY';
      const tlsPolicy = plan.kind === 'sts' ? `MTA-STS ${plan.policy.mode} (policy ${plan.policy.id}): no MX host allowed` : 'DANE: no MX host usable';
      const where = { mxHost: steps[0]?.mxHost ?? domain, mxAddress: null, localAddress: null, sessionId: null, tlsPolicy };
      throw { phase: 'connect', networkError: { code, message: [...new Set(refused)].join('; ') }, where } satisfies SessionFailure;
    }
    return allowed;
  }

  private async plan(domain: string, mxHosts: readonly string[]): Promise<Plan> {
    const why: string[] = [];
    // RFC 8461 §2: where validated TLSA records exist, DANE governs; MTA-STS covers the rest.
    if (this.config.dane.enabled) {
      const dane = await this.dane.forDomain(domain, mxHosts);
      if (dane.kind === 'on') return { kind: 'dane', hosts: dane.hosts };
      why.push(`DANE not applied: ${dane.why}`);
    }
    if (this.config.mtaSts.enabled) {
      const sts = await this.mtaSts.policyFor(domain);
      if (sts.kind === 'policy' && sts.policy.mode !== 'none') return { kind: 'sts', policy: sts.policy, note: sts.note };
      why.push(sts.kind === 'policy' ? `the MTA-STS policy of ${domain} is mode none` : sts.why);
    }
    return { kind: 'none', why: why.join('; ') || 'MTA-STS and DANE are turned off' };
  }

  private daneStep(domain: string, step: WalkStep, host: HostDane | undefined): WalkStep | string {
    if (!host || host.kind === 'none') {
      return { ...step, tlsPolicy: `opportunistic (${host?.why ?? 'no TLSA lookup'}; DANE applies to other MX hosts of ${domain})` };
    }
    if (host.kind === 'failed') return `${step.mxHost} not tried: ${host.why} (RFC 7672 §2.2)`;
    const { records, name } = host;
    return {
      mxHost: step.mxHost,
      tlsPolicy: `DANE (TLSA ${name}, DNSSEC-validated): STARTTLS required, certificate checked against TLSA`,
      target: {
        ...step.target, tls: 'starttls', verifyCertificate: false,
        checkPeer: (socket: TLSSocket) => {
          const match = matchTlsa(records, peerChain(socket.getPeerCertificate(true)), step.mxHost);
          return match.ok ? { ok: true, note: `DANE: ${match.note}` } : { ok: false, note: match.reason };
        },
      },
    };
  }

  private async stsStep(policy: StsPolicy, note: string | null, step: WalkStep): Promise<WalkStep | string> {
    const isListed = await mxMatches(policy, step.mxHost);
    const about = `MTA-STS ${policy.mode} (policy ${policy.id}${note ? `; ${note}` : ''})`;
    if (policy.mode === 'enforce') {
      // RFC 8461 §5: in enforce mode a host outside the policy's mx list, or one without a
      // valid certificate for its name, is never sent to.
      if (!isListed) return `The MTA-STS policy of the domain (enforce, id ${policy.id}) allows mx: ${policy.mx.join(', ')}; ${step.mxHost} does not match`;
      return {
        mxHost: step.mxHost,
        tlsPolicy: `${about}: ${step.mxHost} matches the policy; STARTTLS required, certificate verified`,
        target: { ...step.target, tls: 'starttls', verifyCertificate: true, servername: step.mxHost, ...(this.ca && { ca: this.ca }) },
      };
    }
    // RFC 8461 §5.2: testing mode reports what enforce would refuse and delivers anyway.
    const mismatch = isListed ? '' : `; ${step.mxHost} is not in the policy's mx list (not enforced)`;
    return {
      mxHost: step.mxHost,
      tlsPolicy: `${about}: failures reported, not enforced${mismatch}`,
      target: {
        ...step.target, ...(this.ca && { ca: this.ca }),
        checkPeer: (socket: TLSSocket) => {
          const identity = checkServerIdentity(step.mxHost, socket.getPeerCertificate());
          const failure = socket.authorized ? identity?.message : socket.authorizationError?.toString();
          return { ok: true, note: failure ? `MTA-STS testing: the certificate would fail (${failure}), not enforced` : 'MTA-STS testing: certificate valid' };
        },
      },
    };
  }
}
