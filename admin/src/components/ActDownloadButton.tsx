import { Button, IconButton, type ButtonProps } from '@strapi/design-system';
import { FilePdf } from '@strapi/icons';
import { useFiles } from '../api';
import { useDownload } from '../hooks/useDownload';
import { useT, useUiLanguage } from '../hooks/useT';

type Props = { actId: number; /** An icon only, for a table row. */ compact?: boolean } & Omit<ButtonProps, 'onClick' | 'children' | 'id'>;

/** "Download act (PDF)": the act of destruction, in the admin's language, saved by the browser. */
export const ActDownloadButton = ({ actId: id, compact, ...rest }: Props) => {
  const t = useT();
  const files = useFiles();
  const lang = useUiLanguage();
  const { busy, download } = useDownload(t('erasure.act.failed', 'The act could not be downloaded'));
  const run = () => download('act', () => files.erasureAct(id, lang), `erasure-act-${id}.pdf`);
  const label = t('erasure.act.download', 'Download act (PDF)');

  if (compact) {
    return (
      <IconButton label={label} onClick={run} disabled={!!busy} data-testid="erasure-act-download">
        <FilePdf />
      </IconButton>
    );
  }
  return (
    <Button variant="secondary" startIcon={<FilePdf />} onClick={run} loading={!!busy} data-testid="erasure-act-download" {...rest}>
      {label}
    </Button>
  );
};
