// Errors from either transport as ApiCallError, and the words the console shows for them.
import type { ApiError } from '../../engine/api/contract';
import { ApiCallError } from '../../engine/api/frame-client';

function isApiError(value: unknown): value is ApiError {
  const candidate = value as Partial<ApiError> | null;
  return typeof candidate?.code === 'string' && typeof candidate.message === 'string' && typeof candidate.retryable === 'boolean';
}

/** The preload rejects with a plain ApiError (contextBridge drops Error fields). */
export function toApiCallError(reason: unknown): ApiCallError {
  if (reason instanceof ApiCallError) return reason;
  if (isApiError(reason)) return new ApiCallError(reason);
  return new ApiCallError({ code: 'internal', message: reason instanceof Error ? reason.message : String(reason), retryable: false });
}

/** A sentence for the operator: the server's message is already written for people. */
export function describeApiError(error: ApiError): string {
  switch (error.code) {
    case 'unavailable':
      return `The relay is not reachable right now: ${error.message}`;
    case 'unauthorized':
    case 'forbidden':
      return `The relay refused this request: ${error.message}`;
    case 'internal':
      return `The relay hit an internal error: ${error.message}`;
    default:
      return error.message;
  }
}
