// React glue for the stores: start a live store while a view shows it, read its state,
// and a clock that ticks for ages and uptimes.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { LiveStore } from '../stores/index';

/** Subscribes `live` to its topic for as long as the calling component is mounted. */
export function useLive<S>(live: LiveStore<S>): S {
  useEffect(() => live.start(), [live]);
  return useStore(live.store);
}

/** The current time, refreshed every `intervalMs`. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** `value` once it has stopped changing for `delayMs`: a query per pause in typing, not per key. */
export function useDebounced<T>(value: T, delayMs = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
