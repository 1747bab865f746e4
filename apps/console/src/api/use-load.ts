import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { ApiClient } from './api-client';
import { useApi } from '../session/session-context';

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload(): void;
}

/**
 * Loads from the API when `deps` change and, for live views, again every `refreshMs`; a late answer to an
 * older request never overwrites a newer one.
 */
export function useLoad<T>(load: (api: ApiClient) => Promise<T>, deps: DependencyList, refreshMs?: number): Loaded<T> {
  const api = useApi();
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const generation = useRef(0);
  const run = useCallback(load, [api, ...deps]);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    setState((previous) => ({ ...previous, loading: true }));
    run(api).then(
      (data) => mine === generation.current && setState({ data, loading: false }),
      (error: unknown) => mine === generation.current && setState((previous) => ({ data: previous.data, error, loading: false })),
    );
  }, [api, run]);
  useEffect(() => {
    reload();
    if (!refreshMs) return undefined;
    const timer = setInterval(reload, refreshMs);
    return () => clearInterval(timer);
  }, [reload, refreshMs]);
  return { ...state, reload };
}
