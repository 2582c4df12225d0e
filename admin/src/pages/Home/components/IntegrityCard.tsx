import { useIntl } from 'react-intl';
import type { IntegritySummary } from '../../../api';
import { DateTime } from '../../../components/DateTime';
import { useT } from '../../../hooks/useT';
import { StatCard } from './StatCard';

/**
 * The latest check of the hash chain, whoever ran it (this panel, the API, `npm run verify-consents`):
 * its verdict, when, and how many events it verified; "never checked" until one has run.
 */
export const IntegrityCard = ({ summary, logPath, canVerify }: { summary: IntegritySummary | null; logPath: string; canVerify: boolean }) => {
  const t = useT();
  const { formatNumber } = useIntl();
  const link = canVerify ? { to: logPath, linkLabel: t('home.integrity.verify', 'Verify in the consent log') } : {};
  if (!summary) {
    return <StatCard testId="home-integrity" label={t('home.integrity', 'Latest integrity check')} value={t('home.integrity.never', 'Never checked')} words {...link} />;
  }
  const verdict = summary.intact
    ? t('integrity.intact.title', 'Chain intact')
    : t('integrity.broken.title', 'Chain broken');
  return (
    <StatCard
      testId="home-integrity"
      label={t('home.integrity', 'Latest integrity check')}
      value={verdict}
      words
      alarm={!summary.intact}
      hint={
        <>
          <DateTime value={summary.checkedAt} variant="pi" textColor="neutral600" />
          <div data-testid="home-integrity-checked">{t('integrity.intact', 'Intact: {count} records checked', { count: formatNumber(summary.checked) })}</div>
          {summary.triggersMissing > 0 && <div>{t('home.integrity.triggers', 'Database guards missing: {count}', { count: summary.triggersMissing })}</div>}
        </>
      }
      {...link}
    />
  );
};
