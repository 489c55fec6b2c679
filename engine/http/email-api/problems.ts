// Errors of the Email API as HTTP answers: a status, and the contract's error shape
// ({code, message, retryable, details}) under `error`. Unknown failures become `internal`
// with a log correlation id; driver messages never reach the client.
import type { z } from 'zod';
import type { ApiError } from '../../api/contract';
import { toApiError } from '../../api/errors';
import { describeIssues, formatPath } from '../../config/index';
import { EngineError } from '../../shared/errors';

const STATUS_BY_CODE: Record<string, number> = {
  validation: 422, not_found: 404, conflict: 409, unauthorized: 401, forbidden: 403, unavailable: 503, store: 503,
};

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Sent as Retry-After (RFC 9110 §10.2.3) with 429 and 503. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'HttpProblem';
  }

  get error(): ApiError {
    return { code: this.code, message: this.message, retryable: this.status === 429 || this.status >= 500, ...(this.details && { details: this.details }) };
  }
}

/** A request body that failed its schema: every problem named by its field, e.g. `to[1]` or `messages[3].from`. */
export function validationProblem(error: z.ZodError, input: unknown, what = 'request'): HttpProblem {
  const problems = describeIssues(error.issues, input);
  return new HttpProblem(422, 'validation', `Invalid ${what}: ${problems.join('; ')}`, {
    problems, fields: error.issues.map((issue) => formatPath(issue.path)),
  });
}

export function toProblem(error: unknown, log: (message: string, details: Record<string, unknown>) => void): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const apiError = toApiError(error, log);
  const status = error instanceof EngineError ? STATUS_BY_CODE[error.code] ?? 500 : 500;
  return new HttpProblem(status, apiError.code, apiError.message, apiError.details);
}
