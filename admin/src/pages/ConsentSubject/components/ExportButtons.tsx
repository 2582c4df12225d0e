import { Button } from '@strapi/design-system';
import { Download, FilePdf } from '@strapi/icons';
import { useFiles } from '../../../api';
import type { SubjectLookup } from '../../../api/types';
import { useDownload } from '../../../hooks/useDownload';
import { useT, useUiLanguage } from '../../../hooks/useT';
import { fileDate } from '../../../utils/download';

/**
 * "Export everything held": what the plugin keeps about this person (their events, what they typed,
 * the texts they agreed to, the operators), as JSON for a machine or as a PDF to send to them. The
 * person goes in the request body; the browser saves the answer as a file.
 */
export const ExportButtons = ({ who }: { who: SubjectLookup }) => {
  const t = useT();
  const files = useFiles();
  const lang = useUiLanguage();
  const { busy, download } = useDownload(t('subject.export.failed', 'The export failed'));
  const button = (format: 'json' | 'pdf', icon: JSX.Element, label: string) => (
    <Button
      variant="secondary"
      startIcon={icon}
      onClick={() => download(format, () => files.subjectExport(who, format, lang), `subject-export-${fileDate()}.${format}`)}
      loading={busy === format}
      disabled={!!busy}
    >
      {label}
    </Button>
  );
  return (
    <>
      {button('json', <Download />, t('subject.export.json', 'Export everything held (JSON)'))}
      {button('pdf', <FilePdf />, t('subject.export.pdf', 'Export everything held (PDF)'))}
    </>
  );
};
