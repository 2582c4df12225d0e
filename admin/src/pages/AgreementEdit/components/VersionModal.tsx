import { useState } from 'react';
import { Box, Button, Flex, Grid, Loader, Typography } from '@strapi/design-system';
import { useLanguageName } from '../../../hooks/useLanguageName';
import { useIntl } from 'react-intl';
import type { Requisites } from '../../../../../shared/contracts/agreements';
import { useVersionQuery } from '../../../api';
import { PanelModal } from '../../../components/PanelModal';
import { RenderedHtml } from '../../../components/RenderedHtml';
import { Term } from '../../../components/Term';
import { useT } from '../../../hooks/useT';
import { KeptSnapshot } from './KeptSnapshot';
import { apiErrorMessage } from '../../../utils/apiError';
import { REQUISITE_LABELS } from '../../../utils/requisites';

/** One immutable version: its label, full text, hash and the requisites it was rendered from. */
export const VersionModal = ({ versionId, onClose }: { versionId: number; onClose: () => void }) => {
  const t = useT();
  const { formatDate } = useIntl();
  const version = useVersionQuery(versionId);
  const name = useLanguageName();
  const [chosen, setChosen] = useState('');
  const stored = version.data;
  // The label and the text in the language chosen (the version's default language first).
  const languages = stored?.languages ?? [];
  const language = languages.some((l) => l.language === chosen) ? chosen : stored?.language ?? '';
  const other = stored && language !== stored.language ? stored.translations?.[language] : undefined;
  const v = stored && other ? { ...stored, ...other, externalText: null, language } : stored;
  const requisites = (v?.snapshot?.requisites ?? null) as Partial<Requisites> | null;

  return (
    <PanelModal title={v ? t('versions.title', 'Version {number}', { number: v.number }) : t('versions.loading', 'Loading version…')} onClose={onClose}>
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
              {/* The version's own hash: in several languages, it covers all of them (each one's is listed below). */}
              <Term label={languages.length > 1 ? t('consent.version.allLanguagesHash', 'SHA-256 of the version (all its languages)') : t('versions.hash', 'SHA-256 of the content')}>
                <Typography style={{ wordBreak: 'break-all', fontFamily: 'monospace' }} data-testid="version-hash">
                  {stored?.hash}
                </Typography>
              </Term>
            </Grid.Item>
          </Grid.Root>
          {languages.length > 0 && (
            <Term label={t('versions.languages', 'Languages and the SHA-256 of each one’s text')}>
              <Flex direction="column" alignItems="stretch" gap={2} data-testid="version-languages">
                {languages.map((l) => (
                  <Flex key={l.language} gap={3} alignItems="center">
                    <Button
                      size="S"
                      variant={l.language === language ? 'secondary' : 'tertiary'}
                      aria-pressed={l.language === language}
                      onClick={() => setChosen(l.language)}
                      data-testid={`version-language-${l.language}`}
                      style={{ minWidth: '8rem' }}
                    >
                      {name(l.language)}
                      {l.language === stored?.language ? ` · ${t('versions.defaultLanguage', 'default')}` : ''}
                    </Button>
                    <Typography variant="pi" style={{ wordBreak: 'break-all', fontFamily: 'monospace' }}>
                      {l.hash}
                    </Typography>
                  </Flex>
                ))}
              </Flex>
            </Term>
          )}
          <Term label={t('agreements.preview.label', 'Checkbox')}>
            <Box padding={3} hasRadius borderColor="neutral200">
              <RenderedHtml html={v.labelHtml} testId="version-label" />
            </Box>
          </Term>
          <Term label={t('agreements.preview.fullText', 'Full text')}>
            {v.externalText ? (
              <KeptSnapshot version={v} maxHeight="40rem" />
            ) : v.html ? (
              <RenderedHtml html={v.html} bordered maxHeight="40rem" testId="version-text" />
            ) : (
              <Typography>{v.externalUrl}</Typography>
            )}
          </Term>
          {requisites && (
            <Term label={t('versions.requisites', 'Requisites as they were')}>
              <Box padding={3} hasRadius borderColor="neutral200">
                <Grid.Root gap={2}>
                  {(Object.keys(REQUISITE_LABELS) as (keyof Requisites)[])
                    .filter((key) => requisites[key])
                    .map((key) => (
                      <Grid.Item key={key} col={6} s={12} direction="column" alignItems="stretch">
                        <Typography variant="pi" textColor="neutral600">
                          {t(`requisites.${key}`, REQUISITE_LABELS[key])}
                        </Typography>
                        <Typography>{key === 'country' ? t(`country.${requisites.country}`, String(requisites.country)) : String(requisites[key])}</Typography>
                      </Grid.Item>
                    ))}
                </Grid.Root>
              </Box>
            </Term>
          )}
        </Flex>
      )}
    </PanelModal>
  );
};
