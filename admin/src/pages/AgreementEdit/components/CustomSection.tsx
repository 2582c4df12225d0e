import { Box, Typography } from '@strapi/design-system';
import type { Version } from '../../../../../shared/contracts/agreements';
import { FormRadioGroup, FormTextField } from '../../../components/form/fields';
import { Section } from '../../../components/Section';
import { useT } from '../../../hooks/useT';
import { useAgreementEditor } from '../hooks/useAgreementForm';
import { KeptSnapshot } from './KeptSnapshot';

/**
 * The full text of a custom agreement: own HTML, or the address of a text published elsewhere, whose
 * copy the current version keeps (shown under the address).
 */
export const CustomSection = ({ version }: { version?: Version | null }) => {
  const t = useT();
  const { form } = useAgreementEditor();
  const modes = [['html', t('agreements.custom.mode.html', 'HTML text here')], ['url', t('agreements.custom.mode.url', 'External URL')]] as const;
  const htmlHint = t(
    'agreements.customHtml.hint',
    'HTML is sanitised on save: scripts, styles, event handlers and unknown tags are removed. The preview shows what remains.'
  );
  return (
    <Section title={t('agreements.section.custom', 'Full text')}>
      <FormRadioGroup name="customMode" label={t('agreements.custom.mode', 'Where the full text is')} options={modes} />
      {form.customMode === 'html' ? (
        <FormTextField name="customHtml" label={t('agreements.customHtml', 'Agreement text (HTML)')} hint={htmlHint} multiline style={{ minHeight: '24rem', fontFamily: 'monospace' }} />
      ) : (
        <>
          <FormTextField
            name="externalUrl"
            label={t('agreements.externalUrl', 'URL of the full text')}
            hint={t('agreements.externalUrl.hint', 'Saving fetches the page and keeps a sanitised copy of it in the version: people read the copy, and its hash proves what they read. A changed page makes a new version at the next save.')}
            placeholder="https://"
          />
          {version?.externalText && (
            <Box paddingTop={2}>
              <Typography variant="delta" tag="h3">
                {t('agreements.external.title', 'Copy kept by version {number}', { number: version.number })}
              </Typography>
              <Box paddingTop={3}>
                <KeptSnapshot version={version} />
              </Box>
            </Box>
          )}
        </>
      )}
    </Section>
  );
};
