import type { ReactNode } from 'react';
import { Box, Button, Flex, Grid, Loader, Modal, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { Requisites } from '../../../../../shared/contracts/agreements';
import { useConsentApi } from '../../../api';
import { RenderedHtml } from '../../../components/RenderedHtml';
import { useLoad } from '../../../hooks/useLoad';
import { useT } from '../../../hooks/useT';
import { apiErrorMessage } from '../../../utils/apiError';

const REQUISITE_LABELS: [keyof Requisites, string, string][] = [
  ['name', 'requisites.name', 'Legal name'],
  ['legalForm', 'requisites.legalForm', 'Legal form'],
  ['country', 'requisites.country', 'Country'],
  ['inn', 'requisites.inn', 'INN'],
  ['ogrn', 'requisites.ogrn', 'OGRN/OGRNIP'],
  ['kpp', 'requisites.kpp', 'KPP'],
  ['unp', 'requisites.unp', 'UNP'],
  ['bin', 'requisites.bin', 'BIN/IIN'],
  ['legalAddress', 'requisites.legalAddress', 'Legal address'],
  ['postalAddress', 'requisites.postalAddress', 'Postal address'],
  ['email', 'requisites.email', 'E-mail for data-subject requests'],
  ['phone', 'requisites.phone', 'Phone'],
  ['website', 'requisites.website', 'Website'],
];

const Term = ({ label, children }: { label: string; children: ReactNode }) => (
  <Flex direction="column" alignItems="stretch" gap={1}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    {children}
  </Flex>
);

/** One immutable version: its label, full text, hash and the requisites it was rendered from. */
export const VersionModal = ({ versionId, onClose }: { versionId: number; onClose: () => void }) => {
  const t = useT();
  const { formatDate } = useIntl();
  const api = useConsentApi();
  const version = useLoad(() => api.versions.get(versionId), `version:${versionId}`);
  const v = version.data;
  const requisites = (v?.snapshot?.requisites ?? null) as Partial<Requisites> | null;

  return (
    <Modal.Root open onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header closeLabel={t('actions.close', 'Close')}>
          <Modal.Title>
            {v ? t('versions.title', 'Version {number}', { number: v.number }) : t('versions.loading', 'Loading version…')}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {version.error ? (
            <Typography textColor="danger600">{apiErrorMessage(version.error) ?? t('notification.error', 'Something went wrong')}</Typography>
          ) : !v ? (
            <Loader>{t('versions.loading', 'Loading version…')}</Loader>
          ) : (
            <Flex direction="column" alignItems="stretch" gap={5} data-testid="version-modal">
              <Grid.Root gap={4}>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <Term label={t('versions.createdAt', 'Created')}>
                    <Typography>{formatDate(v.createdAt, { dateStyle: 'medium', timeStyle: 'medium' })}</Typography>
                  </Term>
                </Grid.Item>
                <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
                  <Term label={t('versions.hash', 'SHA-256 of the content')}>
                    <Typography style={{ wordBreak: 'break-all', fontFamily: 'monospace' }}>
                      {v.hash}
                    </Typography>
                  </Term>
                </Grid.Item>
              </Grid.Root>
              <Term label={t('agreements.preview.label', 'Checkbox')}>
                <Box padding={3} hasRadius borderColor="neutral200">
                  <RenderedHtml html={v.labelHtml} testId="version-label" />
                </Box>
              </Term>
              <Term label={t('agreements.preview.fullText', 'Full text')}>
                {v.html ? (
                  <RenderedHtml html={v.html} bordered maxHeight="40rem" testId="version-text" />
                ) : (
                  <Typography>{v.externalUrl}</Typography>
                )}
              </Term>
              {requisites && (
                <Term label={t('versions.requisites', 'Requisites as they were')}>
                  <Box padding={3} hasRadius borderColor="neutral200">
                    <Grid.Root gap={2}>
                      {REQUISITE_LABELS.filter(([key]) => requisites[key]).map(([key, id, label]) => (
                        <Grid.Item key={key} col={6} s={12} direction="column" alignItems="stretch">
                          <Typography variant="pi" textColor="neutral600">
                            {t(id, label)}
                          </Typography>
                          <Typography>
                            {key === 'country' ? t(`country.${requisites.country}`, String(requisites.country)) : String(requisites[key])}
                          </Typography>
                        </Grid.Item>
                      ))}
                    </Grid.Root>
                  </Box>
                </Term>
              )}
            </Flex>
          )}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('actions.close', 'Close')}</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
