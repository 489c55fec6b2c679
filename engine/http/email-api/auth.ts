// Bearer tokens of the Email API. A token is an SMTP credential written as
// `<username>.<secret>`: the same scrypt-verified secret, the same scopes (sender domains,
// stream, client networks, message rate), rotated and revoked in one place. Failed tokens
// are slowed down and locked out per client address together with SMTP AUTH failures.
import type { FastifyRequest } from 'fastify';
import type { CredentialService } from '../../credentials/index';
import type { AuthGuard, SlidingWindowLimiter } from '../../policy/index';
import type { StoredCredential } from '../../store/index';
import type { EngineConfig } from '../../config/index';
import type { Clock } from '../../shared/clock';
import { HttpProblem } from './problems';

export interface Caller {
  credential: StoredCredential;
  ip: string;
}

export interface AuthDeps {
  credentials: CredentialService;
  authGuard: AuthGuard;
  limiter: SlidingWindowLimiter;
  requestLimit: EngineConfig['api']['requestLimit'];
  clock: Clock;
}

/** RFC 6750 §3: the challenge a 401 carries. */
export const CHALLENGE = 'Bearer realm="Relaydesk Email API"';

/** Splits at the last dot: usernames may contain dots, secrets (`rd_` + base64url) never do. */
export function parseToken(header: string | undefined): { username: string; secret: string } | null {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!token) return null;
  const dot = token.lastIndexOf('.');
  if (dot < 1 || dot === token.length - 1) return null;
  return { username: token.slice(0, dot), secret: token.slice(dot + 1) };
}

export async function authenticate(request: FastifyRequest, deps: AuthDeps): Promise<Caller> {
  const ip = request.ip;
  const lockedUntil = deps.authGuard.lockedUntil(ip);
  if (lockedUntil) {
    throw new HttpProblem(429, 'rate_limited', `Too many failed authentication attempts from ${ip}; try again after ${new Date(lockedUntil).toISOString()}.`,
      undefined, Math.max(1, Math.ceil((lockedUntil - deps.clock.now()) / 1000)));
  }
  const token = parseToken(request.headers.authorization);
  if (!token) {
    throw new HttpProblem(401, 'unauthorized', 'Send an API token as "Authorization: Bearer <username>.<secret>" (a credential from `relaydesk credentials add`).');
  }
  const outcome = await deps.credentials.authenticate(token.username, token.secret, ip);
  if (!outcome.ok) {
    if (outcome.reason === 'invalid') {
      // Slowing each failure down makes guessing expensive without locking out a typo.
      const delayMs = deps.authGuard.recordFailure(ip);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      throw new HttpProblem(401, 'unauthorized', 'The API token is not valid.');
    }
    const { credential } = outcome;
    const why = outcome.reason === 'disabled' ? `Credential "${credential.username}" is disabled.`
      : outcome.reason === 'expired' ? `Credential "${credential.username}" expired at ${new Date(credential.expiresAt ?? 0).toISOString()}.`
        : `Credential "${credential.username}" may not be used from ${ip} (allowed networks: ${credential.clientNetworks.join(', ')}).`;
    throw new HttpProblem(403, 'forbidden', why);
  }
  deps.authGuard.recordSuccess(ip);
  const rate = deps.limiter.take(`api:${outcome.credential.id}`, { messages: deps.requestLimit.requests, windowMs: deps.requestLimit.windowMs });
  if (!rate.ok) {
    const seconds = Math.ceil(rate.retryAfterMs / 1000);
    throw new HttpProblem(429, 'rate_limited', `Request limit exceeded for token "${outcome.credential.username}": ` +
      `${deps.requestLimit.requests} requests per ${deps.requestLimit.windowMs / 1000} s. Try again in ${seconds} s.`, undefined, seconds);
  }
  return { credential: outcome.credential, ip };
}
