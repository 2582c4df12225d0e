import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data?: T;
  error: unknown;
  isLoading: boolean;
  reload: () => void;
}

/**
 * Runs `load` whenever `key` changes and keeps the last answer. An answer that arrives after a
 * newer request started is dropped, so fast typing in a search box cannot show stale rows.
 */
export const useLoad = <T>(load: () => Promise<T>, key: string, enabled = true): Loaded<T> => {
  const [state, setState] = useState<{ data?: T; error: unknown; isLoading: boolean }>({
    error: null,
    isLoading: enabled,
  });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (!enabled) {
      setState((s) => ({ ...s, isLoading: false }));
      return;
    }
    const mine = ++seq.current;
    setState((s) => ({ ...s, isLoading: true }));
    loadRef
      .current()
      .then((data) => mine === seq.current && setState({ data, error: null, isLoading: false }))
      .catch((error) => mine === seq.current && setState((s) => ({ ...s, error, isLoading: false })));
  }, [key, tick, enabled]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
};
