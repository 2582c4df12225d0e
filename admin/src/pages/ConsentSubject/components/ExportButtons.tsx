import { useState } from 'react';
import { Button } from '@strapi/design-system';
import { Download, FilePdf } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useConsentApi } from '../../../api';
import type { SubjectLookup } from '../../../api/consents';
import { useT, useUiLanguage } from '../../../hooks/useT';
import { apiErrorMessage } from '../../../utils/apiError';
import { fileDate, saveBlob } from '../../../utils/download';

/**
 * "Export everything held": what the plugin keeps about this person (their events, what they typed,
 * the texts they agreed to, the operators), as JSON for a machine or as a PDF to send to them. The
 * person goes in the request body; the browser saves the answer as a file.
 */
export const ExportButtons = ({ who }: { who: SubjectLookup }) => {
  const t = useT();
  const api = useConsentApi();
  const lang = useUiLanguage();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = useState<'json' | 'pdf' | null>(null);

  const run = async (format: 'json' | 'pdf') => {
    setBusy(format);
    try {
      saveBlob(await api.subjects.export(who, format, lang), `subject-export-${fileDate()}.${format}`);
    } catch (e) {
      toggleNotification({ type: 'danger', message: apiErrorMessage(e) ?? t('subject.export.failed', 'The export failed') });
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Button variant="secondary" startIcon={<Download />} onClick={() => run('json')} loading={busy === 'json'} disabled={!!busy}>
        {t('subject.export.json', 'Export everything held (JSON)')}
      </Button>
      <Button variant="secondary" startIcon={<FilePdf />} onClick={() => run('pdf')} loading={busy === 'pdf'} disabled={!!busy}>
        {t('subject.export.pdf', 'Export everything held (PDF)')}
      </Button>
    </>
  );
};
