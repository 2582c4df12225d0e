import { useState } from 'react';
import { Button, type ButtonProps } from '@strapi/design-system';
import { FilePdf } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useConsentApi } from '../api';
import { useT, useUiLanguage } from '../hooks/useT';
import { apiErrorMessage } from '../utils/apiError';
import { saveBlob } from '../utils/download';

/** "Download act (PDF)": the act of destruction, in the admin's language, saved by the browser. */
export const ActDownloadButton = ({ actId: id, ...rest }: { actId: number } & Omit<ButtonProps, 'onClick' | 'children' | 'id'>) => {
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

  return (
    <Button variant="secondary" startIcon={<FilePdf />} onClick={run} loading={busy} data-testid="erasure-act-download" {...rest}>
      {t('erasure.act.download', 'Download act (PDF)')}
    </Button>
  );
};
