import { useRef, useState } from 'react';
import { Box, Button, Flex, Link, Loader, Typography } from '@strapi/design-system';
import { useLanguageName } from '../../../hooks/useLanguageName';
import { useForm } from '@strapi/strapi/admin';
import { RenderedHtml } from '../../../components/RenderedHtml';
import { useT } from '../../../hooks/useT';
import type { PreviewState } from '../hooks/usePreview';

/** What a person will see: the checkbox with its label, then the full text. */
export const PreviewPanel = ({ preview, hint, languages = [] }: { preview: PreviewState; hint?: string | null; languages?: string[] }) => {
  const t = useT();
  const name = useLanguageName();
  const fullText = useRef<HTMLDivElement>(null);
  const [chosen, setChosen] = useState('');
  const { rendered: all, error, isLoading } = preview;
  // The text in the language chosen above it (the default language's when it has no such language).
  const language = languages.includes(chosen) ? chosen : languages[0] ?? '';
  const other = all && language && language !== all.language ? all.translations?.[language] : undefined;
  const rendered = all && other ? { ...all, ...other, language } : all;
  // A role that may only read the agreement has no Save to press.
  const readOnly = useForm('PreviewPanel', (s) => s.disabled);

  return (
    <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="agreement-preview">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" alignItems="center">
          <Typography variant="delta" tag="h2">
            {t('agreements.preview', 'Preview')}
          </Typography>
          {isLoading && <Loader small>{t('agreements.preview.loading', 'Rendering…')}</Loader>}
        </Flex>
        <Typography variant="pi" textColor="neutral600">
          {readOnly
            ? t('agreements.preview.hint.readOnly', 'Exactly as the public sees it.')
            : t('agreements.preview.hint', 'Exactly as the public will see it. Nothing is saved until you press Save.')}
        </Typography>
        {languages.length > 1 && (
          <Flex gap={2} wrap="wrap" role="group" aria-label={t('agreements.preview.language', 'Language of the preview')} data-testid="preview-languages">
            {languages.map((l) => (
              <Button key={l} size="S" variant={l === language ? 'secondary' : 'tertiary'} aria-pressed={l === language} onClick={() => setChosen(l)} data-testid={`preview-language-${l}`}>
                {name(l)}
              </Button>
            ))}
          </Flex>
        )}
        {hint && !rendered && (
          <Typography variant="omega" textColor="neutral600">
            {hint}
          </Typography>
        )}
        {error && (
          <Box padding={3} background="danger100" hasRadius borderColor="danger200">
            <Typography variant="pi" textColor="danger700" data-testid="preview-error">
              {t('agreements.preview.error', 'Cannot render yet: {reason}', { reason: error })}
            </Typography>
          </Box>
        )}
        {rendered && (
          <Box style={{ opacity: error ? 0.5 : 1 }}>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Flex direction="column" alignItems="stretch" gap={2}>
                <Typography variant="sigma" textColor="neutral600">
                  {t('agreements.preview.label', 'Checkbox')}
                </Typography>
                <Flex gap={2} alignItems="flex-start" padding={3} hasRadius borderColor="neutral200">
                  <input type="checkbox" aria-hidden tabIndex={-1} readOnly style={{ marginTop: '0.3rem' }} />
                  <RenderedHtml
                    html={rendered.labelHtml}
                    testId="preview-label"
                    onLinkClick={() => fullText.current?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
                  />
                </Flex>
              </Flex>
              <Flex direction="column" alignItems="stretch" gap={2} ref={fullText}>
                <Typography variant="sigma" textColor="neutral600">
                  {t('agreements.preview.fullText', 'Full text')}
                </Typography>
                {rendered.html ? (
                  <RenderedHtml html={rendered.html} bordered maxHeight="60rem" testId="preview-text" />
                ) : rendered.externalUrl ? (
                  <Typography variant="omega">
                    {t('agreements.preview.external', 'The full text is published at')}{' '}
                    <Link href={rendered.externalUrl} isExternal>
                      {rendered.externalUrl}
                    </Link>
                    . {t('agreements.preview.externalSaved', 'Saving fetches it and keeps a copy: the copy is the full text of the version.')}
                  </Typography>
                ) : null}
              </Flex>
            </Flex>
          </Box>
        )}
      </Flex>
    </Box>
  );
};
