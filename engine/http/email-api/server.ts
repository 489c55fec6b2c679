// The Email API listener (Fastify): the API for applications under /api, and the tracking
// and unsubscribe endpoints recipients reach through tracking.publicBaseUrl. Its own port,
// 127.0.0.1 unless configured; HTTPS with the relay's certificate when `api.tls` is set.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { TlsMaterial } from '../../ingest/index';
import type { TrackingService } from '../../tracking/index';
import { registerApiRoutes, type ApiRoutesDeps } from './api-routes';
import { CHALLENGE } from './auth';
import { IdempotencyKeys } from './idempotency';
import { HttpProblem, toProblem } from './problems';
import { registerTrackingRoutes } from './tracking-routes';

export interface EmailApiDeps extends Omit<ApiRoutesDeps, 'idempotency' | 'isTls'> {
  tracking: TrackingService;
  tls: TlsMaterial;
}

export interface EmailApiServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** A request that has not arrived whole after this long is cut off (slow-body clients). */
const REQUEST_TIMEOUT_MS = 120_000;

export async function startEmailApi(deps: EmailApiDeps): Promise<EmailApiServer> {
  const { api } = deps.config;
  // Loaded on first use: hosts without the Email API never pay for Fastify.
  const { default: fastify } = await import('fastify');
  const app = fastify({
    logger: false,
    bodyLimit: api.maxRequestBytes,
    requestTimeout: REQUEST_TIMEOUT_MS,
    trustProxy: api.trustedProxies.length ? api.trustedProxies : false,
    return503OnClosing: true,
    ...(api.tls && { https: { key: deps.tls.key, cert: deps.tls.cert, minVersion: 'TLSv1.2' as const } }),
  }) as unknown as FastifyInstance;
  const idempotency = new IdempotencyKeys(deps.store, deps.clock, api.idempotencyHours * 3600_000);
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const problem = fromFastify(error) ?? toProblem(error, deps.log);
    if (problem.status === 401) reply.header('www-authenticate', CHALLENGE);
    if (problem.retryAfterSeconds) reply.header('retry-after', String(problem.retryAfterSeconds));
    return reply.code(problem.status).send({ error: problem.error });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: new HttpProblem(404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}.`).error }));
  registerApiRoutes(app, { ...deps, idempotency, isTls: api.tls });
  registerTrackingRoutes(app, deps.tracking);
  try {
    await app.listen({ host: api.host, port: api.port });
  } catch (error) {
    idempotency.stop();
    throw error;
  }
  const port = (app.server.address() as { port: number }).port;
  const host = api.host.includes(':') ? `[${api.host}]` : api.host;
  return {
    url: `${api.tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    async close() {
      idempotency.stop();
      await app.close();
    },
  };
}

/** Fastify's own refusals (body parsing and limits) in the API's error shape. */
function fromFastify(error: FastifyError): HttpProblem | null {
  if (!error.code?.startsWith('FST_') && !(error instanceof SyntaxError)) return null;
  if (error.statusCode === 413) return new HttpProblem(413, 'too_large', 'The request body is larger than api.maxRequestBytes allows.');
  if (error.statusCode === 415) return new HttpProblem(415, 'validation', 'Send the body as JSON (Content-Type: application/json).');
  if (error.statusCode && error.statusCode < 500) return new HttpProblem(400, 'validation', `The body is not valid JSON: ${error.message}`);
  return null;
}
