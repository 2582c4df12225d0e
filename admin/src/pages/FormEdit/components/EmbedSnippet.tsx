import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Duplicate } from '@strapi/icons';
import { useClipboard, useNotification } from '@strapi/strapi/admin';
import { styled } from 'styled-components';
import { useT } from '../../../hooks/useT';
import type { FormState } from '../hooks/useFormEditor';
import { apiOrigin } from '../../../utils/apiOrigin';

const Code = styled.pre`
  margin: 0;
  padding: 1.6rem;
  font-family: 'SF Mono', SFMono-Regular, ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace;
  font-size: 1.3rem;
  line-height: 1.6;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  color: ${({ theme }) => theme.colors.neutral800};
  background: ${({ theme }) => theme.colors.neutral100};
  border: 1px solid ${({ theme }) => theme.colors.neutral200};
  border-radius: ${({ theme }) => theme.borderRadius};
`;

const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The HTML a front end pastes: its own form with the declared fields, the widget's div inside it, and the script. */
export const buildSnippet = (form: Pick<FormState, 'key' | 'fields'>, origin: string, submitLabel: string) => {
  const key = escapeAttr(form.key.trim() || 'KEY');
  const inputs = form.fields
    .filter((f) => f.name.trim())
    .map((f) => {
      const name = escapeAttr(f.name.trim());
      const required = f.required ? ' required' : '';
      return f.type === 'textarea'
        ? `  <textarea name="${name}"${required}></textarea>`
        : `  <input name="${name}" type="${f.type}"${required}>`;
    });
  return [
    '<form>',
    ...inputs,
    `  <div data-user-consent-form="${key}"></div>`,
    `  <button type="submit">${escapeAttr(submitLabel)}</button>`,
    '</form>',
    `<script src="${origin}/api/user-consent/widget.js" defer></script>`,
  ].join('\n');
};

export const EmbedSnippet = ({ form, isSaved }: { form: FormState; isSaved: boolean }) => {
  const t = useT();
  const { copy } = useClipboard();
  const { toggleNotification } = useNotification();
  const snippet = buildSnippet(form, apiOrigin(), t('forms.embed.submit', 'Send'));

  const onCopy = async () => {
    const ok = await copy(snippet);
    toggleNotification(
      ok
        ? { type: 'success', message: t('forms.embed.copied', 'Embed code copied') }
        : { type: 'danger', message: t('forms.embed.copyFailed', 'Could not copy: select the code and copy it by hand') }
    );
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="pi" textColor="neutral600">
        {t(
          'forms.embed.hint',
          'Paste this into a page of your site. The widget adds the checkboxes of this form inside your own <form>, blocks sending until the required ones are ticked, and sends the fields named here with the consents.'
        )}
      </Typography>
      {!isSaved || !form.active ? (
        <Typography variant="pi" textColor="warning700">
          {t('forms.embed.notLive', 'The code works once the form is saved and active.')}
        </Typography>
      ) : null}
      <Code data-testid="embed-snippet">{snippet}</Code>
      <Box>
        <Button variant="secondary" startIcon={<Duplicate />} onClick={onCopy}>
          {t('forms.embed.copy', 'Copy embed code')}
        </Button>
      </Box>
    </Flex>
  );
};
