import { Button } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useExportTicketMutation } from '../../../api';
import type { ConsentFilter } from '../../../api/types';
import { useT } from '../../../hooks/useT';
import { apiStatus } from '../../../utils/apiError';
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
 * The panel posts the filter (it may name a person) for a one-time link, then the browser
 * downloads from that link.
 */
export const ExportButton = ({ filter }: { filter: ConsentFilter }) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const [ticket, { isLoading }] = useExportTicketMutation();

  const run = async () => {
    try {
      // A one-time link, then a plain download: a large export streams to disk, not into this page.
      const { url } = await ticket(filter).unwrap();
      downloadLink(`${apiOrigin()}${url}`);
      toggleNotification({
        type: 'success',
        message: t('consents.export.started', 'The export is downloading; your browser saves it as a CSV file.'),
      });
    } catch (e) {
      toggleNotification({
        type: 'danger',
        message:
          apiStatus(e) === 403
            ? t('consents.export.forbidden', 'Your role may not export consents, or may not filter by personal data.')
            : t('consents.export.failed', 'The export failed. Try again; if it keeps failing, narrow the filter.'),
      });
    }
  };

  return (
    <Button variant="secondary" startIcon={<Download />} onClick={run} loading={isLoading}>
      {t('consents.export', 'Export CSV')}
    </Button>
  );
};
