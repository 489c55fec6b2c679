// The OpenAPI 3.1 document of the Email API, generated from the same zod schemas that
// validate the requests (JSON Schema 2020-12 is OpenAPI 3.1's schema dialect).
import { z } from 'zod';
import { batchResult, errorBody, messageStatus, sendMessage, sendResult, MAX_BATCH } from './schemas';

const schema = (type: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ content: { 'application/json': { schema: ref(name) } } });
const problems = (...codes: number[]) => Object.fromEntries(codes.map((code) => [String(code), { description: DESCRIPTIONS[code], ...json('Error') }]));

const DESCRIPTIONS: Record<number, string> = {
  401: 'No token, or not a valid one (WWW-Authenticate: Bearer).',
  403: 'The token may not do this: disabled, expired, wrong network, sender domain or stream not allowed.',
  404: 'No such message sent with this token.',
  409: 'The Idempotency-Key was used with a different body.',
  413: 'The request or the message is too large.',
  422: 'The body failed validation; details.fields names each field.',
  429: 'Too many requests (per token) or messages (per credential); see Retry-After.',
  503: 'The relay could not store the message; retry with the same Idempotency-Key.',
};

const idempotencyKey = {
  name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 },
  description: 'Retries with the same key and body get the first answer (Idempotent-Replayed: true) and never a second message.',
};

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Relaydesk Email API',
      version: '1',
      description: 'Messages submitted here take the same path as SMTP submissions: the same scopes, queue and events. ' +
        'Authenticate with a credential as "Authorization: Bearer <username>.<secret>".',
    },
    components: {
      securitySchemes: { token: { type: 'http', scheme: 'bearer', description: '<username>.<secret> of a Relaydesk credential' } },
      schemas: {
        SendMessage: schema(sendMessage, 'input'),
        BatchRequest: { type: 'object', required: ['messages'], additionalProperties: false,
          properties: { messages: { type: 'array', minItems: 1, maxItems: MAX_BATCH, items: ref('SendMessage') } } },
        SendResult: schema(sendResult, 'output'),
        BatchResult: schema(batchResult, 'output'),
        MessageStatus: schema(messageStatus, 'output'),
        Error: schema(errorBody, 'output'),
      },
    },
    security: [{ token: [] }],
    paths: {
      '/api/send': {
        post: {
          summary: 'Queue one message', parameters: [idempotencyKey],
          requestBody: { required: true, ...json('SendMessage') },
          responses: { 202: { description: 'Queued (durably stored).', ...json('SendResult') }, ...problems(401, 403, 409, 413, 422, 429, 503) },
        },
      },
      '/api/batch': {
        post: {
          summary: `Queue up to ${MAX_BATCH} messages; each succeeds or fails on its own`, parameters: [idempotencyKey],
          requestBody: { required: true, ...json('BatchRequest') },
          responses: { 200: { description: 'One result per message, in order.', ...json('BatchResult') }, ...problems(401, 403, 409, 413, 422, 429) },
        },
      },
      '/api/messages/{id}': {
        get: {
          summary: 'A message\'s recipients, their states and its engagement',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'The message.', ...json('MessageStatus') }, ...problems(401, 403, 404, 429) },
        },
      },
    },
  };
}
