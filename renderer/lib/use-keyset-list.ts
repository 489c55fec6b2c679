// A list read a keyset page at a time (sessions history, suppressions): the items so far,
// whether the end was reached, and loadMore for when the operator scrolls near the end.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, Page } from '../../engine/api/contract';
import { toApiCallError } from '../api/api-errors';

export interface KeysetList<T> {
  items: T[];
  isComplete: boolean;
  isLoading: boolean;
  error: ApiError | null;
  loadMore(): void;
  /** Starts again from the first page (after a change). */
  reload(): void;
}

interface ListState<T> {
  items: T[];
  cursor: string | null;
  isComplete: boolean;
  isLoading: boolean;
  error: ApiError | null;
}

/** `key` names the query (null: nothing to list); a new key starts from the first page. */
export function useKeysetList<T>(key: string | null, fetchPage: (cursor: string | null) => Promise<Page<T>>): KeysetList<T> {
  const [state, setState] = useState<ListState<T>>({ items: [], cursor: null, isComplete: false, isLoading: false, error: null });
  const [generation, setGeneration] = useState(0);
  const asked = useRef(0);
  const isLoading = useRef(false);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback((cursor: string | null) => {
    if (isLoading.current) return;
    isLoading.current = true;
    const ticket = asked.current;
    setState((current) => ({ ...current, isLoading: true }));
    fetchRef.current(cursor).then(
      (page) => {
        isLoading.current = false;
        if (ticket !== asked.current) return;
        setState((current) => ({
          items: cursor === null ? page.items : [...current.items, ...page.items],
          cursor: page.nextCursor,
          isComplete: page.nextCursor === null,
          isLoading: false,
          error: null,
        }));
      },
      (reason: unknown) => {
        isLoading.current = false;
        if (ticket === asked.current) setState((current) => ({ ...current, isLoading: false, error: toApiCallError(reason) }));
      },
    );
  }, []);

  useEffect(() => {
    asked.current++;
    isLoading.current = false;
    setState({ items: [], cursor: null, isComplete: false, isLoading: false, error: null });
    if (key !== null) load(null);
  }, [key, generation, load]);

  const loadMore = useCallback(() => {
    if (!state.isComplete && state.cursor !== null) load(state.cursor);
  }, [load, state.isComplete, state.cursor]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  return { items: state.items, isComplete: state.isComplete, isLoading: state.isLoading, error: state.error, loadMore, reload };
}
