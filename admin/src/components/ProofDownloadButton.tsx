import { Button } from '@strapi/design-system';
import { FilePdf } from '@strapi/icons';
import { useFiles } from '../api';
import { useDownload } from '../hooks/useDownload';
import { useT, useUiLanguage } from '../hooks/useT';

type Props = { consentId: number; seq: string };

/**
 * "Download proof (PDF)": the proof of one consent event, in the admin's language, saved by the browser.
 * The file is named by the record's number only: never by the person.
 */
export const ProofDownloadButton = ({ consentId, seq }: Props) => {
  const t = useT();
  const files = useFiles();
  const lang = useUiLanguage();
  const { busy, download } = useDownload(t('consent.proof.failed', 'The proof could not be downloaded'));
  return (
    <Button
      variant="secondary"
      startIcon={<FilePdf />}
      loading={!!busy}
      onClick={() => download('proof', () => files.consentProof(consentId, lang), `consent-proof-${seq}-${lang}.pdf`)}
      data-testid="consent-proof-download"
    >
      {t('consent.proof.download', 'Download proof (PDF)')}
    </Button>
  );
};
