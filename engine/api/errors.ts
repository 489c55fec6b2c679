// Maps anything thrown by a handler to the contract's ApiError. Unknown failures
// become `internal` with a correlation id; raw driver messages never reach clients.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ApiError } from './contract';
import { EngineError } from '../shared/errors';
import { describeIssues } from '../config/index';

export function validationError(error: z.ZodError, input: unknown, what: string): ApiError {
  const problems = describeIssues(error.issues, input);
  return {
    code: 'validation',
    message: `Invalid ${what}: ${problems.join('; ')}`,
    retryable: false,
    details: { problems, fields: error.issues.map((issue) => issue.path.join('.')) },
  };
}

export function toApiError(error: unknown, log: (message: string, details: Record<string, unknown>) => void): ApiError {
  if (error instanceof EngineError) {
    return { code: error.code, message: error.message, retryable: error.isRetryable, ...(error.details && { details: error.details }) };
  }
  const correlationId = randomUUID();
  log('unexpected error in an API call', { correlationId, error: error instanceof Error ? error.stack : String(error) });
  return {
    code: 'internal',
    message: `Relaydesk hit an unexpected error; the engine log has the details under id ${correlationId}.`,
    retryable: false,
    details: { correlationId },
  };
}
