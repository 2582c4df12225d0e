import { useConsentApi } from '../../../api';
import { useAllowed } from '../../../hooks/useAllowed';
import { useLoad } from '../../../hooks/useLoad';

/** Templates, purpose presets and the companies an agreement can take its requisites from. */
export const useReferenceData = () => {
  const api = useConsentApi();
  const allowed = useAllowed();
  const templates = useLoad(() => api.templates(), 'templates');
  const purposes = useLoad(() => api.purposes(), 'purposes');
  // Without companies.read the select cannot list them; the server still accepts a company id.
  const companies = useLoad(() => api.companies.list({ pageSize: 100 }), 'companies', allowed.companiesRead);
  return {
    templates: templates.data ?? [],
    purposes: purposes.data ?? [],
    companies: companies.data?.data ?? [],
    isLoading: templates.isLoading || purposes.isLoading,
    error: templates.error || purposes.error,
  };
};
