import { useState } from 'react';
import { Button } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useConsentApi } from '../../../api';
import type { ConsentFilter } from '../../../api/consents';
import { useT } from '../../../hooks/useT';

/** Saves a Blob under a name, as a download the browser can intercept and keep. */
const saveBlob = (blob: Blob, fileName: string) => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the object URL after click() has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

/**
 * "Export CSV": the current filter, every matching record (not only this page), as the server
 * streams it: UTF-8 with a BOM so that Excel reads Cyrillic. The server records each export.
 */
export const ExportButton = ({ filter, onDone }: { filter: ConsentFilter; onDone?: () => void }) => {
  const t = useT();
  const api = useConsentApi();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      const { blob, fileName } = await api.consents.exportCsv(filter);
      saveBlob(blob, fileName);
      toggleNotification({ type: 'success', message: t('consents.export.done', 'Export saved as {file}', { file: fileName }) });
      onDone?.();
    } catch (e) {
      const status = (e as { status?: number } | null)?.status;
      toggleNotification({
        type: 'danger',
        message:
          status === 403
            ? t('consents.export.forbidden', 'Your role may not export consents, or may not filter by personal data.')
            : t('consents.export.failed', 'The export failed. Try again; if it keeps failing, narrow the filter.'),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button variant="secondary" startIcon={<Download />} onClick={run} loading={busy}>
      {t('consents.export', 'Export CSV')}
    </Button>
  );
};
