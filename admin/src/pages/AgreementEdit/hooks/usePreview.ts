import { useEffect, useMemo, useState } from 'react';
import type { AgreementInput, Rendered } from '../../../../../shared/contracts/agreements';
import { useAgreementPreviewQuery } from '../../../api';
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
 * The query is keyed by the input, so an older answer is never shown for a newer text: until the
 * new one arrives the previous rendering stays, marked as loading.
 */
export const usePreview = (input: AgreementInput | null): PreviewState => {
  const key = input ? JSON.stringify(input) : '';
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(key), DELAY_MS);
    return () => clearTimeout(timer);
  }, [key]);
  const body = useMemo(() => (settled ? (JSON.parse(settled) as AgreementInput) : null), [settled]);
  const preview = useAgreementPreviewQuery(body as AgreementInput, { skip: !body });
  return {
    rendered: body ? (preview.data ?? null) : null,
    error: body && preview.isError ? (apiErrorMessage(preview.error) ?? String((preview.error as { message?: string })?.message ?? '')) : null,
    isLoading: key !== settled || preview.isFetching,
  };
};
