import { Alert, Flex, Link, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { IntegrityReport } from '../../../api/types';
import { DateTime } from '../../../components/DateTime';
import { ReplicaNote } from '../../../components/ReplicaNote';
import { useT } from '../../../hooks/useT';
import { PLUGIN_ID } from '../../../pluginId';

interface Props {
  report: IntegrityReport | null;
  error: string | null;
  onClose: () => void;
}

/**
 * The result of "Verify chain": every record's hash recomputed and every link checked (services/
 * integrity.ts). Intact, or the first broken record with the reason and a link to it; and the
 * database triggers that should refuse raw-SQL edits but are missing.
 */
export const IntegrityPanel = ({ report, error, onClose }: Props) => {
  const t = useT();
  const close = t('actions.close', 'Close');
  if (error) {
    return (
      <Alert variant="danger" closeLabel={close} onClose={onClose} title={t('integrity.error', 'Verification failed')}>
        {error}
      </Alert>
    );
  }
  if (!report) return null;
  const broken = report.firstBroken;
  // The reason in the admin's language when the server names it with a code; its English text otherwise.
  const reason = broken ? (broken.code ? t(`integrity.reason.${broken.code}`, broken.reason, broken.params ?? {}) : broken.reason) : '';
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="integrity-result">
      {report.intact ? (
        <Alert variant="success" closeLabel={close} onClose={onClose} title={t('integrity.intact.title', 'Chain intact')}>
          {t('integrity.intact', 'Intact: {count} records checked', { count: report.checked })}
          {report.head && (
            <Typography variant="pi" textColor="neutral600" tag="p" style={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
              {t('integrity.head', 'Head: record {seq}, hash {hash}', { seq: report.head.seq, hash: report.head.hash })}
            </Typography>
          )}
        </Alert>
      ) : (
        <Alert variant="danger" closeLabel={close} onClose={onClose} title={t('integrity.broken.title', 'Chain broken')}>
          <Typography tag="p">
            {broken?.seq
              ? t('integrity.broken', 'The first broken record is number {seq}: {reason}', { seq: broken.seq, reason })
              : t('integrity.broken.noSeq', 'A record is broken: {reason}', { reason })}
          </Typography>
          <Typography variant="pi" textColor="neutral600" tag="p">
            {t('integrity.checkedBefore', '{count} records before it are intact.', { count: report.checked })}
          </Typography>
          {broken?.id && (
            <Link tag={NavLink} to={`/plugins/${PLUGIN_ID}/consents/${broken.id}`}>
              {t('integrity.openBroken', 'Open the broken record')}
            </Link>
          )}
        </Alert>
      )}
      {report.triggersMissing.length > 0 && (
        <Alert variant="warning" closeLabel={close} title={t('integrity.triggers.title', 'Database guards missing')}>
          {t(
            'integrity.triggers',
            'These database triggers, which refuse edits and deletes made with raw SQL, are missing: {names}. Restart Strapi to reinstall them.',
            { names: report.triggersMissing.join(', ') }
          )}
        </Alert>
      )}
      <ReplicaNote replica={report.replica} />
      <Typography variant="pi" textColor="neutral600">
        {t('integrity.checkedAt', 'Checked at')} <DateTime value={report.checkedAt} variant="pi" textColor="neutral600" />
      </Typography>
    </Flex>
  );
};
