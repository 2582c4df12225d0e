import { useEffect, useRef, useState } from 'react';
import type { AgreementInput, Rendered } from '../../../../../shared/contracts/agreements';
import type { ConsentApi } from '../../../api';
import { apiErrorMessage } from '../../../utils/apiError';

const DELAY_MS = 400;

export interface PreviewState {
  rendered: Rendered | null;
  /** Why the server could not render the current form (e.g. "template: is required"). */
  error: string | null;
  isLoading: boolean;
}

/**
 * Renders the form on the server exactly as the public will see it, 400 ms after the last change.
 * A request still in flight when the form changes again is aborted, so the panel never shows an
 * older text after a newer one.
 */
export const usePreview = (api: ConsentApi, input: AgreementInput | null): PreviewState => {
  const [state, setState] = useState<PreviewState>({ rendered: null, error: null, isLoading: false });
  const key = input ? JSON.stringify(input) : '';
  const inputRef = useRef(input);
  inputRef.current = input;

  useEffect(() => {
    const body = inputRef.current;
    if (!body) {
      setState({ rendered: null, error: null, isLoading: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, isLoading: true }));
    const timer = setTimeout(() => {
      api.agreements
        .preview(body, controller.signal)
        .then((rendered) => setState({ rendered, error: null, isLoading: false }))
        .catch((e) => {
          if (controller.signal.aborted) return;
          setState((s) => ({ ...s, error: apiErrorMessage(e) ?? String((e as Error)?.message ?? e), isLoading: false }));
        });
    }, DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, key]);

  return state;
};
