import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { Version } from '../../../../../shared/contracts/agreements';
import { RenderedHtml } from '../../../components/RenderedHtml';
import { Mono, Term } from '../../../components/Term';
import { useT } from '../../../hooks/useT';

/**
 * The copy of an external text a version keeps: when and where the page was fetched, the SHA-256 of the
 * copy and of the version, and the copy itself as people are shown it.
 */
export const KeptSnapshot = ({ version, maxHeight = '30rem' }: { version: Pick<Version, 'html' | 'hash' | 'externalText'>; maxHeight?: string }) => {
  const t = useT();
  const { formatDate } = useIntl();
  const ext = version.externalText;
  if (!ext) return null;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="external-snapshot">
      <Term label={t('agreements.external.fetchedAt', 'Page fetched')}>
        <Typography data-testid="external-snapshot-fetched">{formatDate(ext.fetchedAt, { dateStyle: 'medium', timeStyle: 'medium' })}</Typography>
      </Term>
      <Term label={t('agreements.external.from', 'Read from')}>
        <Link href={ext.finalUrl} isExternal>
          {ext.finalUrl}
        </Link>
      </Term>
      <Term label={t('agreements.external.sha256', 'SHA-256 of the copy')}>
        <Mono>
          <span data-testid="external-snapshot-sha256">{ext.sha256}</span>
        </Mono>
      </Term>
      <Term label={t('versions.hash', 'SHA-256 of the content')}>
        <Mono>{version.hash}</Mono>
      </Term>
      <Term label={t('agreements.external.copy', 'The copy people are shown')}>
        {version.html ? <RenderedHtml html={version.html} bordered maxHeight={maxHeight} testId="external-snapshot-text" /> : <Box />}
      </Term>
    </Flex>
  );
};
