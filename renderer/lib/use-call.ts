// Calls for views that read a contract method (not a live topic): the result, the error
// in the contract's shape, reload, and optional polling while the view is mounted.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient, ApiError, MethodName, ParamsOf, ResultOf } from '../../engine/api/contract';
import { toApiCallError } from '../api/api-errors';

export interface CallState<T> {
  data: T | null;
  error: ApiError | null;
  /** True until the first answer for the current params; reloads keep the old data on screen. */
  isLoading: boolean;
  reload(): void;
}

/**
 * `params` null skips the call (e.g. nothing selected yet). Params are compared by value;
 * a new `refreshKey` asks again with the same params (the thing shown changed).
 */
export function useCall<M extends MethodName>(
  client: ApiClient,
  method: M,
  params: ParamsOf<M> | null,
  options: { refreshMs?: number; refreshKey?: string | number } = {},
): CallState<ResultOf<M>> {
  const key = params === null ? null : JSON.stringify(params);
  const [state, setState] = useState<{ key: string | null; data: ResultOf<M> | null; error: ApiError | null }>({ key: null, data: null, error: null });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (key === null) return;
    const call = ++latest.current;
    client.call(method, JSON.parse(key) as ParamsOf<M>).then(
      (data) => {
        if (call === latest.current) setState({ key, data, error: null });
      },
      (reason: unknown) => {
        if (call === latest.current) setState((previous) => ({ key, data: previous.key === key ? previous.data : null, error: toApiCallError(reason) }));
      },
    );
  }, [client, method, key, generation, options.refreshKey]);

  useEffect(() => {
    if (key === null || !options.refreshMs) return;
    const timer = setInterval(() => setGeneration((value) => value + 1), options.refreshMs);
    return () => clearInterval(timer);
  }, [key, options.refreshMs]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const isCurrent = state.key === key;
  return { data: isCurrent ? state.data : null, error: isCurrent ? state.error : null, isLoading: key !== null && !isCurrent, reload };
}

export interface Mutation<A extends unknown[], R> {
  run(...args: A): Promise<R | null>;
  isPending: boolean;
  error: ApiError | null;
  clearError(): void;
}

/** A change the operator asked for: pending while it runs, its error kept for the form. */
export function useMutation<A extends unknown[], R>(perform: (...args: A) => Promise<R>): Mutation<A, R> {
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const performRef = useRef(perform);
  performRef.current = perform;
  const run = useCallback(async (...args: A): Promise<R | null> => {
    setPending(true);
    setError(null);
    try {
      return await performRef.current(...args);
    } catch (reason) {
      setError(toApiCallError(reason));
      return null;
    } finally {
      setPending(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { run, isPending, error, clearError };
}
