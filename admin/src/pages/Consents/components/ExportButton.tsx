import { useState } from 'react';
import { Button } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useConsentApi } from '../../../api';
import type { ConsentFilter } from '../../../api/consents';
import { useT } from '../../../hooks/useT';
import { apiOrigin } from '../../../utils/apiOrigin';

/** Lets the browser download a link: it saves the response to disk as it arrives. */
const downloadLink = (href: string) => {
  const a = document.createElement('a');
  a.href = href;
  a.download = '';
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
};

/**
 * "Export CSV": the current filter, every matching record (not only this page), as the server
 * streams it: UTF-8 with a BOM so that Excel reads Cyrillic. The server records each export.
 * The panel asks for a one-time link with its authenticated request, then the browser downloads it.
 */
export const ExportButton = ({ filter, onDone }: { filter: ConsentFilter; onDone?: () => void }) => {
  const t = useT();
  const api = useConsentApi();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      // A one-time link, then a plain download: a large export streams to disk, not into this page.
      const { url } = await api.consents.exportLink(filter);
      downloadLink(`${apiOrigin()}${url}`);
      toggleNotification({ type: 'success', message: t('consents.export.started', 'The export is downloading; your browser saves it as a CSV file.') });
      // The export log entry exists once the download has started; its row count once it has finished.
      setTimeout(() => onDone?.(), 1500);
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
