import { useState } from 'react';
import { Button, IconButton, type ButtonProps } from '@strapi/design-system';
import { FilePdf } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useConsentApi } from '../api';
import { useT, useUiLanguage } from '../hooks/useT';
import { apiErrorMessage } from '../utils/apiError';
import { saveBlob } from '../utils/download';

type Props = { actId: number; /** An icon only, for a table row. */ compact?: boolean } & Omit<ButtonProps, 'onClick' | 'children' | 'id'>;

/** "Download act (PDF)": the act of destruction, in the admin's language, saved by the browser. */
export const ActDownloadButton = ({ actId: id, compact, ...rest }: Props) => {
  const t = useT();
  const api = useConsentApi();
  const lang = useUiLanguage();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      saveBlob(await api.erasures.act(id, lang), `erasure-act-${id}.pdf`);
    } catch (e) {
      toggleNotification({ type: 'danger', message: apiErrorMessage(e) ?? t('erasure.act.failed', 'The act could not be downloaded') });
    } finally {
      setBusy(false);
    }
  };

  if (compact) {
    return (
      <IconButton label={t('erasure.act.download', 'Download act (PDF)')} onClick={run} disabled={busy} data-testid="erasure-act-download">
        <FilePdf />
      </IconButton>
    );
  }
  return (
    <Button variant="secondary" startIcon={<FilePdf />} onClick={run} loading={busy} data-testid="erasure-act-download" {...rest}>
      {t('erasure.act.download', 'Download act (PDF)')}
    </Button>
  );
};
