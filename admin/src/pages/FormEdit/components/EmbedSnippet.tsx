import { useState } from 'react';
import { Box, Button, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Duplicate } from '@strapi/icons';
import { useClipboard, useNotification } from '@strapi/strapi/admin';
import { styled } from 'styled-components';
import { useT } from '../../../hooks/useT';
import type { FormState } from '../hooks/useFormEditor';
import { apiOrigin } from '../../../utils/apiOrigin';
import { useAgreementDirectory } from '../../../hooks/useAgreementDirectory';
import { useUiLanguage } from '../../../hooks/useT';

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
const escapeText = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The languages the widget speaks; the snippet is written in the site's one, not the admin's. */
export const SITE_LANGUAGES = ['ru', 'en'] as const;
export type SiteLanguage = (typeof SITE_LANGUAGES)[number];

/** What the snippet itself says on the site: the button and the examples in the inputs. */
const SITE_TEXT: Record<SiteLanguage, { submit: string; email: string; tel: string }> = {
  ru: { submit: 'Отправить', email: 'ivan@example.ru', tel: '+7 900 000-00-00' },
  en: { submit: 'Send', email: 'name@example.com', tel: '+1 555 010 0000' },
};

/** Browsers fill these in for the person (autocomplete tokens of the usual field names). */
const AUTOCOMPLETE: Record<string, string> = { name: 'name', email: 'email', phone: 'tel', tel: 'tel' };

/**
 * The HTML a front end pastes: its own form with a labelled input per declared field, the widget's div
 * inside it (data-lang: the widget speaks the site's language), the button, and the script.
 */
export const buildSnippet = (form: Pick<FormState, 'key' | 'fields'>, origin: string, language: SiteLanguage) => {
  const text = SITE_TEXT[language];
  const key = escapeAttr(form.key.trim() || 'KEY');
  const inputs = form.fields
    .filter((f) => f.name.trim())
    .flatMap((f) => {
      const name = escapeAttr(f.name.trim());
      const id = `${key}-${name}`;
      const attrs = [
        `id="${id}"`,
        `name="${name}"`,
        ...(f.type === 'textarea' ? [] : [`type="${f.type}"`]),
        ...(AUTOCOMPLETE[f.name.trim()] ? [`autocomplete="${AUTOCOMPLETE[f.name.trim()]}"`] : []),
        ...(f.type === 'email' || f.type === 'tel' ? [`placeholder="${escapeAttr(text[f.type])}"`] : []),
        ...(f.required ? ['required'] : []),
      ].join(' ');
      return [
        '  <p>',
        `    <label for="${id}">${escapeText(f.label.trim() || f.name.trim())}</label>`,
        f.type === 'textarea' ? `    <textarea ${attrs}></textarea>` : `    <input ${attrs}>`,
        '  </p>',
      ];
    });
  return [
    '<form>',
    ...inputs,
    `  <div data-user-consent-form="${key}" data-lang="${language}"></div>`,
    `  <button type="submit">${escapeText(text.submit)}</button>`,
    '</form>',
    `<script src="${origin}/api/user-consent/widget.js" defer></script>`,
  ].join('\n');
};

/** The language of the form's agreements (the first attached one that has a language the widget speaks). */
const agreementsLanguage = (form: FormState, languageOf: (id: number) => string | null | undefined): SiteLanguage | null => {
  for (const a of form.agreements) {
    const l = (languageOf(a.agreementId) ?? '').toLowerCase().slice(0, 2);
    if ((SITE_LANGUAGES as readonly string[]).includes(l)) return l as SiteLanguage;
  }
  return null;
};

export const EmbedSnippet = ({ form, isSaved }: { form: FormState; isSaved: boolean }) => {
  const t = useT();
  const { copy } = useClipboard();
  const { toggleNotification } = useNotification();
  const directory = useAgreementDirectory();
  const uiLanguage = useUiLanguage();
  // The site's language follows the agreements (their text is what the visitor reads) until the editor picks one.
  const [chosen, setChosen] = useState<SiteLanguage | null>(null);
  const language = chosen ?? agreementsLanguage(form, (id) => directory.byId.get(id)?.language) ?? uiLanguage;
  const snippet = buildSnippet(form, apiOrigin(), language);
  const languages: Record<SiteLanguage, string> = {
    ru: t('forms.embed.language.ru', 'Russian'),
    en: t('forms.embed.language.en', 'English'),
  };

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
      <Field.Root
        name="embedLanguage"
        hint={t('forms.embed.language.hint', 'The button and the widget’s own words (hints, errors, Accept and Close) are in this language. By default, that of the form’s agreements.')}
      >
        <Field.Label>{t('forms.embed.language', 'Language of the site')}</Field.Label>
        <SingleSelect value={language} onChange={(v: string | number) => setChosen(String(v) as SiteLanguage)}>
          {SITE_LANGUAGES.map((l) => (
            <SingleSelectOption key={l} value={l}>
              {languages[l]}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Hint />
      </Field.Root>
      <Code data-testid="embed-snippet" lang={language}>
        {snippet}
      </Code>
      <Box>
        <Button variant="secondary" startIcon={<Duplicate />} onClick={onCopy}>
          {t('forms.embed.copy', 'Copy embed code')}
        </Button>
      </Box>
    </Flex>
  );
};
