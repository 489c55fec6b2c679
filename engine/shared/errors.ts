// Engine errors: a stable code, a message safe to show an operator, optional details.

export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'config'
  | 'store'
  | 'store_from_future'
  | 'unauthorized'
  | 'forbidden'
  | 'unavailable'
  | 'internal';

export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  /** Whether retrying the same call later may succeed. */
  get isRetryable(): boolean {
    return this.code === 'unavailable' || this.code === 'store';
  }
}

export class ValidationError extends EngineError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('validation', message, details);
  }
}

export class NotFoundError extends EngineError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('not_found', message, details);
  }
}

export class ConflictError extends EngineError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('conflict', message, details);
  }
}

export class ConfigError extends EngineError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('config', message, details);
  }
}

export class StoreError extends EngineError {
  constructor(message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super('store', message, options?.details, options);
  }
}

/** The database was written by a newer Relaydesk; opening it could corrupt it. */
export class StoreFromFutureError extends EngineError {
  constructor(readonly databaseVersion: number, readonly supportedVersion: number, path: string) {
    super(
      'store_from_future',
      `The database at ${path} has schema version ${databaseVersion}, but this Relaydesk ` +
        `understands versions up to ${supportedVersion}. It was written by a newer Relaydesk; ` +
        `upgrade Relaydesk or point --data-dir at another directory.`,
      { databaseVersion, supportedVersion, path },
    );
  }
}
