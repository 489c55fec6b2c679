// The Email API's routes: send, batch, message status and the OpenAPI document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { QUEUE_ID_PATTERN } from '../../shared/ids';
import { authenticate, type AuthDeps, type Caller } from './auth';
import { IdempotencyKeys, type Reply } from './idempotency';
import { openApiDocument } from './openapi';
import { HttpProblem, toProblem, validationProblem } from './problems';
import { batchRequest, sendMessage, type BatchResult, type MessageStatus } from './schemas';
import { submitMessage, type SubmitDeps } from './submit';

export interface ApiRoutesDeps extends SubmitDeps, AuthDeps {
  newQueueId: () => string;
  idempotency: IdempotencyKeys;
  log(message: string, details: Record<string, unknown>): void;
}

export function registerApiRoutes(app: FastifyInstance, deps: ApiRoutesDeps): void {
  const document = openApiDocument();
  app.get('/api/openapi.json', async () => document);

  app.post('/api/send', async (request, reply) => {
    const caller = await authenticate(request, deps);
    const answer = await idempotent(request, caller, deps, () => 1, async ([id]) => {
      const parsed = sendMessage.safeParse(request.body);
      if (!parsed.success) throw validationProblem(parsed.error, request.body);
      return { statusCode: 202, body: await submitMessage(deps, caller, parsed.data, id!) };
    });
    return send(reply, answer);
  });

  app.post('/api/batch', async (request, reply) => {
    const caller = await authenticate(request, deps);
    const count = () => (Array.isArray((request.body as { messages?: unknown })?.messages) ? (request.body as { messages: unknown[] }).messages.length : 0);
    const answer = await idempotent(request, caller, deps, count, async (ids) => {
      const envelope = batchRequest.safeParse(request.body);
      if (!envelope.success) throw validationProblem(envelope.error, request.body);
      // Side by side: their commits share group commits instead of paying one disk sync each.
      const results = await Promise.all(envelope.data.messages.map(async (input, index): Promise<BatchResult['results'][number]> => {
        const parsed = sendMessage.safeParse(input);
        if (!parsed.success) return { index, ok: false, error: validationProblem(parsed.error, input, `messages[${index}]`).error };
        try {
          return { index, ok: true, result: await submitMessage(deps, caller, parsed.data, ids[index]!) };
        } catch (error) {
          return { index, ok: false, error: toProblem(error, deps.log).error };
        }
      }));
      const accepted = results.filter((result) => result.ok).length;
      const body: BatchResult = { accepted, failed: results.length - accepted, results };
      return { statusCode: 200, body };
    });
    return send(reply, answer);
  });

  app.get<{ Params: { id: string } }>('/api/messages/:id', async (request) => {
    const caller = await authenticate(request, deps);
    return messageStatus(deps, caller, request.params.id);
  });
}

/** Runs the request once per Idempotency-Key (when given); problems become answers so they can be replayed. */
async function idempotent(request: FastifyRequest, caller: Caller, deps: ApiRoutesDeps, count: () => number, execute: (ids: string[]) => Promise<Reply>): Promise<Reply & { isReplay?: boolean }> {
  const answering = async (ids: string[]): Promise<Reply> => {
    try {
      return await execute(ids);
    } catch (error) {
      const problem = toProblem(error, deps.log);
      return { statusCode: problem.status, body: { error: problem.error }, ...(problem.retryAfterSeconds && { headers: { 'retry-after': String(problem.retryAfterSeconds) } }) };
    }
  };
  const plan = () => Array.from({ length: count() }, () => deps.newQueueId());
  const key = request.headers['idempotency-key'];
  if (key === undefined) return answering(plan());
  return deps.idempotency.run(caller.credential.id, Array.isArray(key) ? key.join(',') : key, request.body, plan, answering);
}

function send(reply: FastifyReply, answer: Reply & { isReplay?: boolean }): unknown {
  reply.code(answer.statusCode);
  for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
  if (answer.isReplay) reply.header('idempotent-replayed', 'true');
  return answer.body;
}

function messageStatus(deps: ApiRoutesDeps, caller: Caller, id: string): MessageStatus {
  const queueId = id.toUpperCase();
  const message = QUEUE_ID_PATTERN.test(queueId) ? deps.store.messages.get(queueId) : undefined;
  // Another token's message is "not found" too: ids must not be probed across tokens.
  if (!message || message.credentialId !== caller.credential.id) {
    throw new HttpProblem(404, 'not_found', `No message ${id} was sent with token "${caller.credential.username}".`);
  }
  const extras = deps.store.messageExtras.get(queueId);
  return {
    id: queueId,
    messageId: message.messageIdHeader,
    source: message.source,
    stream: message.stream,
    from: message.mailFrom,
    subject: message.subject,
    receivedAt: message.receivedAt,
    template: extras?.templateId && extras.templateVersion ? { id: extras.templateId, version: extras.templateVersion } : null,
    category: extras?.category ?? null,
    tags: extras?.tags ?? [],
    metadata: extras?.metadata ?? {},
    recipients: deps.store.recipients.byMessage(queueId).map((r) => ({
      address: r.address, state: r.state, attempts: r.attempts, lastReply: r.lastReply, reason: r.reason, updatedAt: r.updatedAt,
    })),
    tracking: deps.store.trackingEvents.summary(queueId),
  };
}
