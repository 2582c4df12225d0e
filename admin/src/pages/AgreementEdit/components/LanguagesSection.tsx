import { useState } from 'react';
import { Checkbox, Flex, SingleSelect, SingleSelectOption, Tabs, Typography, Field } from '@strapi/design-system';
import { AGREEMENT_LANGUAGES, type AgreementLanguage } from '../../../../../shared/contracts/constants';
import type { TemplateInfo } from '../../../../../shared/contracts/agreements';
import { FormTextField, ListError } from '../../../components/form/fields';
import { Section } from '../../../components/Section';
import { useLanguageName } from '../../../hooks/useLanguageName';
import { useT } from '../../../hooks/useT';
import { useAgreementEditor, type AgreementForm } from '../hooks/useAgreementForm';

/**
 * Which languages the agreement is offered in, its default first, and its label (and a custom
 * agreement's HTML) in each other language. A standard agreement offers the languages its template
 * has a text in; a text given by URL, one language.
 */
export const LanguagesSection = ({ template }: { template?: TemplateInfo }) => {
  const t = useT();
  const name = useLanguageName();
  const { form, patch, disabled } = useAgreementEditor();
  const [tab, setTab] = useState<string>('');
  const byUrl = form.type === 'custom' && form.customMode === 'url';
  const offered: readonly AgreementLanguage[] =
    form.type === 'standard' ? ((template?.languages ?? []).filter((l) => (AGREEMENT_LANGUAGES as readonly string[]).includes(l)) as AgreementLanguage[]) : AGREEMENT_LANGUAGES;
  const [first, ...others] = form.languages;
  const current = others.includes(tab as AgreementLanguage) ? tab : others[0] ?? '';

  /** Switching a language on proposes the template's label in it; switching it off keeps what was typed. */
  const toggle = (l: AgreementLanguage, on: boolean) =>
    patch((f: AgreementForm) => {
      if (!on) return { languages: f.languages.filter((x) => x !== l) };
      const translations = { ...f.translations };
      if (f.languages.length && !translations[l]) translations[l] = { label: template?.defaultLabels?.[l] ?? '', customHtml: '' };
      return { languages: [...f.languages, l], translations };
    });

  /** A new default language: its texts move into the label and HTML fields, the old default's into its tab. */
  const makeDefault = (l: AgreementLanguage) =>
    patch((f: AgreementForm) => {
      const old = f.languages[0];
      if (!old || old === l) return {};
      const translations = { ...f.translations, [old]: { label: f.label, customHtml: f.customHtml } };
      const incoming = translations[l] ?? { label: '', customHtml: '' };
      delete translations[l];
      return { languages: [l, ...f.languages.filter((x) => x !== l)], label: incoming.label, customHtml: incoming.customHtml, translations };
    });

  return (
    <Section
      title={t('agreements.section.languages', 'Languages')}
      hint={
        byUrl
          ? t('agreements.languages.hint.url', 'A text given by URL is offered in one language: the first one ticked.')
          : form.type === 'standard'
            ? t('agreements.languages.hint.standard', 'The languages the template has a text in. A page asks for its language; an agreement without it is shown in its default language.')
            : t('agreements.languages.hint.custom', 'Write the label and the text in each language ticked. A page asks for its language; an agreement without it is shown in its default language.')
      }
    >
      <Flex direction="column" alignItems="stretch" gap={2} role="group" aria-label={t('agreements.languages', 'Languages offered')} data-testid="agreement-languages">
        <Typography variant="pi" fontWeight="bold" textColor="neutral800">
          {t('agreements.languages', 'Languages offered')}
        </Typography>
        <Flex gap={4} wrap="wrap">
          {offered.map((l) => (
            <Checkbox
              key={l}
              checked={form.languages.includes(l)}
              disabled={disabled || (l === first && form.languages.length > 1)}
              onCheckedChange={(v: boolean | 'indeterminate') => toggle(l, v === true)}
              data-testid={`agreement-language-${l}`}
            >
              {name(l)}
            </Checkbox>
          ))}
        </Flex>
        {!form.languages.length && (
          <Typography variant="pi" textColor="neutral600">
            {form.type === 'standard'
              ? t('agreements.languages.none.standard', 'None ticked: the template’s own language ({language}).', { language: name(template?.language) })
              : t('agreements.languages.none.custom', 'None ticked: one language, told from the text’s script (Cyrillic: Russian, else English).')}
          </Typography>
        )}
        <ListError name="languages" />
      </Flex>
      {form.languages.length > 1 && !byUrl && (
        <Field.Root name="defaultLanguage" hint={t('agreements.languages.default.hint', 'Shown when a page asks for a language the agreement does not offer. The checkbox label and the full text above and below are in this language.')}>
          <Field.Label>{t('agreements.languages.default', 'Default language')}</Field.Label>
          <SingleSelect value={first} onChange={(v: string | number) => makeDefault(String(v) as AgreementLanguage)} disabled={disabled} data-testid="agreement-default-language">
            {form.languages.map((l) => (
              <SingleSelectOption key={l} value={l}>
                {name(l)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Hint />
        </Field.Root>
      )}
      {others.length > 0 && !byUrl && (
        <Tabs.Root value={current} onValueChange={setTab} variant="simple">
          <Tabs.List aria-label={t('agreements.languages.tabs', 'Texts in the other languages')}>
            {others.map((l) => (
              <Tabs.Trigger key={l} value={l} data-testid={`agreement-language-tab-${l}`}>
                {name(l)}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          {others.map((l) => (
            <Tabs.Content key={l} value={l}>
              <Flex direction="column" alignItems="stretch" gap={4} paddingTop={4} lang={l}>
                <FormTextField
                  name={`translations.${l}.label`}
                  label={t('agreements.languages.label', 'Checkbox label in {language}', { language: name(l) })}
                  hint={t('agreements.label.hint', 'The text next to the checkbox. The part in [square brackets] becomes the link to the full text.')}
                  required
                />
                {form.type === 'custom' && (
                  <FormTextField
                    name={`translations.${l}.customHtml`}
                    label={t('agreements.languages.customHtml', 'Agreement text (HTML) in {language}', { language: name(l) })}
                    multiline
                    style={{ minHeight: '16rem', fontFamily: 'monospace' }}
                  />
                )}
                {form.type === 'standard' && (
                  <Typography variant="pi" textColor="neutral600">
                    {t('agreements.languages.templateText', 'The full text in {language} is the template’s, filled with the same requisites and settings.', { language: name(l) })}
                  </Typography>
                )}
              </Flex>
            </Tabs.Content>
          ))}
        </Tabs.Root>
      )}
    </Section>
  );
};
