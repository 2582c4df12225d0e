import { Box, Link, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { ConsentDetail } from '../../../api/types';
import { DateTime } from '../../../components/DateTime';
import { RenderedHtml } from '../../../components/RenderedHtml';
import { Section } from '../../../components/Section';
import { Mono, Term, Terms } from '../../../components/Term';
import { useAllowed } from '../../../hooks/useAllowed';
import { useLanguageName } from '../../../hooks/useLanguageName';
import { useT } from '../../../hooks/useT';
import { PLUGIN_ID } from '../../../pluginId';

/**
 * The exact version the person was shown, rendered as they saw it: the checkbox label and the full
 * text of that version, not of the agreement as it reads today.
 */
export const VersionSection = ({ detail }: { detail: ConsentDetail }) => {
  const t = useT();
  const languageName = useLanguageName();
  const allowed = useAllowed();
  const stored = detail.version;
  // The text in the language it was shown in (recorded with the decision), with that language's own hash.
  const shown = detail.shown;
  const other = stored && shown?.language && shown.language !== stored.language ? stored.translations?.[shown.language] : undefined;
  const v = stored && other ? { ...stored, ...other, language: shown!.language } : stored;
  const several = Object.keys(stored?.translations ?? {}).length > 0;
  const name = detail.agreement?.name ?? t('forms.agreement.numbered', 'Agreement #{id}', { id: detail.record.agreementId ?? '—' });
  if (!v) {
    return (
      <Section title={t('consent.version.title', 'The text as the person saw it')}>
        <Typography textColor="danger600">{t('consent.version.missing', 'The version of this record cannot be found.')}</Typography>
      </Section>
    );
  }
  return (
    <Section
      title={t('consent.version.title', 'The text as the person saw it')}
      hint={t('consent.version.hint', 'Version {number} of “{name}”, exactly as it was shown. Versions are never changed: later edits make new ones.', {
        number: v.number,
        name,
      })}
    >
      <Terms
        items={[
          {
            key: 'agreement',
            label: t('consents.col.agreement', 'Agreement'),
            value:
              allowed.agreementsRead && detail.agreement ? (
                <Link tag={NavLink} to={`/plugins/${PLUGIN_ID}/agreements/${detail.agreement.id}`}>
                  {name}
                </Link>
              ) : (
                <Typography>{name}</Typography>
              ),
          },
          {
            key: 'versionNumber',
            label: t('agreements.version', 'Version'),
            value: <Typography data-testid="consent-version-number">{t('agreements.versionNumber', 'v{number}', { number: v.number })}</Typography>,
          },
          { key: 'versionCreated', label: t('versions.createdAt', 'Created'), value: <DateTime value={v.createdAt} /> },
          {
            key: 'versionLanguage',
            label: t('consent.version.language', 'Language'),
            value: (
              <Typography data-testid="consent-version-language">
                {languageName(v.language)}
                {detail.expressed.language ? ` · ${t('consent.version.languageRecorded', 'recorded with the decision')}` : ''}
              </Typography>
            ),
          },
          ...(several && shown
            ? [
                { key: 'languageHash', label: t('consent.version.languageHash', 'SHA-256 of the text in this language'), value: <Mono>{shown.hash}</Mono>, wide: true },
                { key: 'versionHash', label: t('consent.version.allLanguagesHash', 'SHA-256 of the version (all its languages)'), value: <Mono>{stored!.hash}</Mono>, wide: true },
              ]
            : [{ key: 'versionHash', label: t('versions.hash', 'SHA-256 of the content'), value: <Mono>{v.hash}</Mono>, wide: true }]),
        ]}
      />
      <Term label={t('agreements.preview.label', 'Checkbox')}>
        <Box padding={3} hasRadius borderColor="neutral200">
          <RenderedHtml html={v.labelHtml} onLinkClick={() => undefined} testId="consent-version-label" />
        </Box>
      </Term>
      <Term label={t('agreements.preview.fullText', 'Full text')}>
        {v.html ? (
          // The captions the record keeps filled into the data list: the text as it was shown on the form.
          <RenderedHtml html={v.htmlShown ?? v.html} bordered maxHeight="48rem" testId="consent-version-text" />
        ) : v.externalUrl ? (
          <Typography>
            {t('agreements.preview.external', 'The full text is published at')}{' '}
            <Link href={v.externalUrl} isExternal>
              {v.externalUrl}
            </Link>
          </Typography>
        ) : (
          <Typography>—</Typography>
        )}
      </Term>
    </Section>
  );
};
